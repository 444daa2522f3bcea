import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Sets the read limit from the environment (`ATTNSCOPE_MAX_BYTES`), then runs the command;
    /// what went through `print` (help, `--version`, usage) is checked on the way out, so that
    /// even that output reports a failed write.
    static func main() {
        StandardOutput.checkBufferedOutputAtExit()
        do {
            try RuntimeEnvironment.applyReadLimit()
        } catch {
            exit(withError: error)
        }
        main(nil)
    }
}
