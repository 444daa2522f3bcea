import ArgumentParser

/// `attnscope weights`: writes the weight map of one query as JSON or .npy.
struct Weights: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Writes the weight map of one query as JSON or .npy.")

    func run() throws {
        throw CommandError("weights is not built yet")
    }
}
