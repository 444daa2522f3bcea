import ArgumentParser

/// The `attnscope` command: the explorer by default, and the batch subcommands.
@main
struct Attnscope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attnscope",
        abstract: "Shows, live in a terminal, which input positions a vision-attention query reads.",
        version: AttnscopeVersion.current,
        subcommands: [Explore.self, Info.self, Render.self, Weights.self, Tour.self, Bench.self],
        defaultSubcommand: Explore.self
    )
}
