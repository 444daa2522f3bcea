import ArgumentParser

/// `attnscope render`: renders one frame as text, ANSI or SVG.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Renders one frame as text, ANSI or SVG.")

    func run() throws {
        throw CommandError("render is not built yet")
    }
}
