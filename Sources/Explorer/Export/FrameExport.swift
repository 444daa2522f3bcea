import Attention
import FeatureMaps
import Foundation
import Rendering

/// `e` in the explorer: the frame on screen as SVG and ANSI text, and the current map as
/// `weights`-format JSON and .npy, written side by side in a directory.
public enum FrameExport {
    /// The files one export writes, by extension.
    public struct Files: Hashable, Sendable {
        /// The frame as SVG.
        public var svg: String
        /// The frame as ANSI text.
        public var ansi: String
        /// The map as JSON (the `weights` command's format).
        public var json: String
        /// The map as a float32 (H, W) .npy array.
        public var npy: String
    }

    /// The base name of an export: `attnscope-MODE-R-C-YYYYMMDD-HHMMSS`.
    public static func baseName(state: ExplorerState, date: Date) -> String {
        "attnscope-\(state.mode.name)-\(state.query.row)-\(state.query.col)-\(stamp(date))"
    }

    /// A UTC timestamp for file names.
    public static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }

    /// Writes the four files into `directory`; throws with the file that could not be written.
    public static func write(canvas: Canvas, field: AttentionField?, depth: ColorDepth, directory: String,
                             baseName: String) throws(ExplorerError) -> Files {
        let base = (directory as NSString).appendingPathComponent(baseName)
        let files = Files(svg: base + ".svg", ansi: base + ".ans", json: base + ".json", npy: base + ".npy")
        try save(Array(SVGWriter().write(canvas).utf8), to: files.svg)
        try save(Array(ANSIWriter(depth: depth).write(canvas).utf8), to: files.ansi)
        if let field {
            try saveJSON(of: field, to: files.json)
            try save(NumpyArray.weights(of: field), to: files.npy)
        }
        return files
    }

    /// Writes the weights JSON of `field` in pieces (a 4096×4096 map is ~400 MB of text).
    static func saveJSON(of field: AttentionField, to path: String) throws(ExplorerError) {
        do throws(FileWriteError) {
            let file = try OutputFile(creating: path)
            var failure: FileWriteError?
            WeightsJSON.encode(field) { piece in
                guard failure == nil else { return }
                do throws(FileWriteError) { try file.write(piece) } catch { failure = error }
            }
            if let failure { throw failure }
            try file.commit()
        } catch {
            throw .badFile(file: path, problem: error.problem)
        }
    }

    static func save(_ bytes: [UInt8], to path: String) throws(ExplorerError) {
        do { try OutputFile.write(bytes, to: path) } catch { throw .badFile(file: path, problem: error.problem) }
    }
}
