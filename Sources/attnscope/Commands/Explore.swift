import ArgumentParser

/// `attnscope explore`: opens the interactive explorer (the default).
struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Opens the interactive explorer (the default).")

    func run() throws {
        throw CommandError("explore is not built yet")
    }
}
