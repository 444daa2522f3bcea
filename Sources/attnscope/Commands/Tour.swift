import ArgumentParser

/// `attnscope tour`: plays a lesson from a .tour file.
struct Tour: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Plays a lesson from a .tour file.")

    func run() throws {
        throw CommandError("tour is not built yet")
    }
}
