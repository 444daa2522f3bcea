/// Everything that can go wrong reading a feature map or tensor file.
///
/// Each message is one line that names the file and says what is wrong with it.
public enum FeatureMapError: Error, Equatable, CustomStringConvertible {
    /// The file names no tensor called `name`.
    case missingTensor(path: String, name: String, available: [String])
    /// The file holds several tensors, none called `features`, and no `--tensor` was given.
    case ambiguousTensor(path: String, available: [String])
    /// Any other problem with a file: `problem` says what, in words a user can act on.
    case invalidFile(path: String, problem: String)
    /// The scene name is not one of the built-in scenes.
    case unknownScene(name: String, available: [String])

    /// The one-line message: the file (or scene) first, then what is wrong with it.
    public var description: String {
        switch self {
        case let .missingTensor(path, name, available):
            return "\(path): no tensor named '\(name)' (the file has: \(Self.nameList(available)))"
        case let .ambiguousTensor(path, available):
            return "\(path): several tensors and none is called 'features'; pick one with --tensor (\(Self.nameList(available)))"
        case let .invalidFile(path, problem):
            return "\(path): \(problem)"
        case let .unknownScene(name, available):
            return "scene:\(name): no such built-in scene (available: \(available.joined(separator: ", ")))"
        }
    }

    /// The most tensor names a message lists: a header may name 65,536 tensors, and a message
    /// stays one readable line.
    public static let listedNames = 8

    /// `names` joined with commas, the first `listedNames` of them and a count of the rest.
    public static func nameList(_ names: [String]) -> String {
        let listed = names.prefix(listedNames).joined(separator: ", ")
        return names.count > listedNames ? listed + ", … (\(names.count - listedNames) more)" : listed
    }
}
