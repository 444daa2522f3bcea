import FeatureMaps

/// Reading a tour or session file: a small UTF-8 text file, opened as every input is (without
/// blocking; a FIFO, directory or device refused with one line).
enum ScriptFile {
    /// The largest tour or session file read (they are a few kilobytes).
    static let maxBytes = 1 << 20

    /// The text of `path`.
    static func text(_ path: String) throws(ExplorerError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try OpenedFile.contents(ofSmallFile: path, limit: maxBytes)
        } catch .invalidFile(let shown, let problem) {
            throw .badFile(file: shown, problem: problem)
        } catch {
            throw .badFile(file: path, problem: "cannot be read")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .badFile(file: path, problem: "is not UTF-8 text") }
        return text
    }
}
