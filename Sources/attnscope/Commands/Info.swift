import ArgumentParser

/// `attnscope info`: prints a feature map's shape, dtype, layout and value statistics.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Prints a feature map's shape, dtype, layout and value statistics.")

    func run() throws {
        throw CommandError("info is not built yet")
    }
}
