import Attention

/// A failure the command reports as one line on stderr before exiting non-zero.
struct CommandError: Error, CustomStringConvertible {
    /// The message, naming what is wrong.
    let description: String

    /// Creates an error with `message`.
    init(_ message: String) { description = message }

    /// The engine's error in the command line's words: settings named by their options
    /// (`--kernel`), everything else as the engine says it (with its one mode prefix).
    init(attention error: AttentionError) {
        switch error {
        case let .setting(setting): description = setting.message(naming: SettingError.flag)
        case let .input(input, problem): description = "\(AttentionOptions.option(for: input)): \(problem)"
        default: description = error.description
        }
    }
}
