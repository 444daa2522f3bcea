import ArgumentParser

/// `attnscope bench`: measures per-keystroke compute and render time.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measures per-keystroke compute and render time.")

    func run() throws {
        throw CommandError("bench is not built yet")
    }
}
