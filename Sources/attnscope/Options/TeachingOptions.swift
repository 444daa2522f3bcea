import ArgumentParser
import Foundation
import Attention
import Explorer
import FeatureMaps

/// The explorer's teaching options: sessions, recording, the compare set and presenter mode.
struct TeachingOptions: ParsableArguments {
    @Option(help: "Restore a saved explorer state (a file written with w).", completion: .sessionFile)
    var session: String?
    @Option(help: "Record the session as an asciicast v2 file (asciinema play FILE.cast replays it).", completion: .recording)
    var record: String?
    @Option(help: "The compare view's panels, e.g. global,window,dcn,dat (the default).", completion: .modeName)
    var compare: String?
    @Flag(help: "Presenter mode: each map pixel twice the size, a framed cursor, high contrast, a tick axis.")
    var presenter = false
    @Option(name: .customLong("export-dir"), help: "The directory e and w write into (default: the --session's directory, else the working directory).",
            completion: .directory)
    var exportDir: String?

    func validate() throws {
        if let compare, case let .failure(problem) = ScriptLine.parseModes(compare) {
            throw ValidationError("--compare: \(problem.message)")
        }
        if let record, record.isEmpty { throw ValidationError("--record: the file name is empty") }
        if let exportDir, exportDir.isEmpty { throw ValidationError("--export-dir: the directory name is empty") }
    }

    /// The directory `e` and `w` write into: `--export-dir` (which must be a directory), else
    /// the `--session` file's directory, else nil (the working directory).
    func exportDirectory() throws -> String? {
        if let exportDir {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: exportDir, isDirectory: &isDirectory) else {
                throw CommandError("--export-dir \(exportDir): no such directory")
            }
            guard isDirectory.boolValue else { throw CommandError("--export-dir \(exportDir): not a directory") }
            return exportDir
        }
        guard let session else { return nil }
        let directory = (session as NSString).deletingLastPathComponent
        return directory.isEmpty ? nil : directory
    }

    /// Opens the `--record` file now, so that an unwritable path is refused before the screen opens.
    func openRecording() throws -> OutputFile? {
        guard let record else { return nil }
        do { return try OutputFile(creating: record) } catch { throw CommandError("--record \(error)") }
    }

    /// The `--session` file, read and checked line by line (nil without `--session`).
    func loadSession() throws -> SessionFile.Saved? {
        guard let session else { return nil }
        do { return try SessionFile.load(session) } catch { throw CommandError("--session \(error)") }
    }

    /// The map spec a session file should name: `scene:NAME` as is, a path made absolute.
    static func absoluteSpec(_ spec: String) -> String {
        spec.hasPrefix("scene:") ? spec : URL(fileURLWithPath: spec).standardizedFileURL.path
    }

    /// Applies the session (refusing lines that do not fit the map), then `--compare` and `--presenter`.
    func configure(_ state: inout ExplorerState, session saved: SessionFile.Saved?) throws {
        // `--layers` stacks the modes that can be stacked; the others keep one layer.
        for mode in Mode.allCases where !mode.descriptor.traits.contains(.stackable) {
            state.settingsByMode[mode]?.layers = nil
        }
        if let saved {
            do { try saved.restore(into: &state) } catch { throw CommandError("--session \(error)") }
        }
        if let compare, case let .success(modes) = ScriptLine.parseModes(compare) {
            state.teaching.compareModes = modes
        }
        if presenter { state.teaching.presenter = true }
    }
}
