import Foundation

/// The command line as `attnscope --experimental-dump-help` describes it: swift-argument-parser's
/// tool-info JSON (what its man-page generator reads), decoded as far as the tests need.
struct CommandLineDump: Decodable {
    /// The root command, `attnscope`.
    var command: Command

    /// One command and its subcommands.
    struct Command: Decodable {
        /// The command's name (`render`).
        var commandName: String
        /// Its options, flags and positionals.
        var arguments: [Argument]?
        /// Its subcommands.
        var subcommands: [Command]?
    }

    /// One option, flag or positional argument.
    struct Argument: Decodable {
        /// `option`, `flag` or `positional`.
        var kind: String
        /// The option's names (none for a positional).
        var names: [Name]?
        /// The value's name (`file` for the FILE positional).
        var valueName: String?
        /// The one-line help.
        var abstract: String?
        /// False for hidden arguments.
        var shouldDisplay: Bool
        /// What the shells complete for the value (absent: the default, nothing).
        var completionKind: Completion?

        /// `--long-name` for an option or flag, the value name for a positional.
        var label: String {
            if let long = names?.first(where: { $0.kind == "long" }) { return "--\(long.name)" }
            return valueName ?? "?"
        }
    }

    /// One spelling of an option.
    struct Name: Decodable {
        /// `long`, `short` or `longWithSingleDash`.
        var kind: String
        /// The name without dashes.
        var name: String
    }

    /// A completion kind; only the two the tests read are decoded.
    struct Completion: Decodable {
        /// Paths, filtered by these extensions.
        var file: Extensions?
        /// A fixed list of words.
        var list: Words?

        /// The extensions of a file completion.
        struct Extensions: Decodable { var extensions: [String] }
        /// The words of a list completion.
        struct Words: Decodable { var values: [String] }
    }

    /// Every visible argument of every subcommand of `attnscope`, with the subcommand's name.
    var visibleArguments: [(command: String, argument: Argument)] {
        (command.subcommands ?? []).flatMap { sub in
            (sub.arguments ?? []).filter(\.shouldDisplay).map { (sub.commandName, $0) }
        }
    }

    /// The dump of the built binary: its bytes and the decoded description.
    static func ofBuiltBinary() throws -> (json: Data, dump: CommandLineDump) {
        let run = try BinaryRun.run(["--experimental-dump-help"])
        guard run.status == 0 else {
            throw ProcessRunner.SpawnError(message: "--experimental-dump-help exited \(run.status): \(run.stderr)")
        }
        return (run.stdout, try JSONDecoder().decode(CommandLineDump.self, from: run.stdout))
    }
}
