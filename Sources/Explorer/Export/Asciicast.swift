import Foundation
import Attention
import FeatureMaps
import Rendering

/// asciicast v2 (the asciinema format): a JSON header line, then one `[time, "o", data]` line per
/// output event, where data is exactly what a terminal would be sent.
///
/// attnscope draws through ncurses, whose output it does not see; instead each drawn canvas is
/// serialised as ANSI (Rendering's `ANSIWriter`), sending only the rows that changed since the
/// previous frame, each prefixed by a cursor-positioning code. Players (asciinema, its web
/// player) replay that as the same screen.
public enum Asciicast {
    /// The header line: version 2, the terminal size, the start time (Unix seconds), TERM.
    public static func header(width: Int, height: Int, timestamp: Int, term: String = "xterm-256color",
                              title: String? = nil) -> String {
        var fields = ["\"version\": 2", "\"width\": \(width)", "\"height\": \(height)", "\"timestamp\": \(timestamp)"]
        if let title { fields.append("\"title\": \(JSONLiteral.string(title))") }
        fields.append("\"env\": {\"TERM\": \(JSONLiteral.string(term))}")
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// One event line: `[seconds, "o", data]` (or `"r"` for a resize to `"COLSxROWS"`).
    public static func event(time: Double, kind: String = "o", data: String) -> String {
        "[\(String(format: "%.6f", max(0, time))), \(JSONLiteral.string(kind)), \(JSONLiteral.string(data))]"
    }

    /// The bytes that turn a terminal showing `previous` (nil: unknown) into `canvas`: only the
    /// changed rows, each positioned with `ESC[row;1H`, drawn by `writer` and cleared to the end
    /// of the line. Empty when nothing changed.
    public static func frame(_ canvas: Canvas, previous: Canvas?, writer: ANSIWriter) -> String {
        let lines = writer.write(canvas).split(separator: "\n", omittingEmptySubsequences: false)
        let sameSize = previous.map { $0.width == canvas.width && $0.height == canvas.height } ?? false
        var out = sameSize ? "" : "\u{1B}[0m\u{1B}[2J"
        for y in 0..<canvas.height {
            if sameSize, let previous, rowEqual(canvas, previous, y) { continue }
            let text = y < lines.count ? String(lines[y]) : ""
            out += "\u{1B}[\(y + 1);1H\u{1B}[0m" + text + "\u{1B}[0m\u{1B}[K"
        }
        return out
    }

    static func rowEqual(_ a: Canvas, _ b: Canvas, _ y: Int) -> Bool {
        let range = (y * a.width)..<((y + 1) * a.width)
        return a.cells[range] == b.cells[range]
    }
}

/// Records drawn frames into an asciicast v2 file as the explorer runs (`--record FILE.cast`).
///
/// The first failed write (a full disk) stops the recording; `finish()` reports it, so the
/// explorer keeps running and the failure is one line once the terminal is restored.
public final class AsciicastRecorder {
    private let file: OutputFile
    private let start: Date
    private var previous: Canvas?
    private let writer: ANSIWriter
    private var failure: FileWriteError?
    /// The file being written.
    public var path: String { file.path }

    /// Records into `file` (opened before the screen, so a bad path is refused first) and writes
    /// the header for a `width`×`height` terminal of type `term` (the caller's `TERM`).
    public init(file: OutputFile, width: Int, height: Int, depth: ColorDepth, term: String = "xterm-256color",
                title: String? = nil) {
        self.file = file
        start = Date()
        writer = ANSIWriter(depth: depth)
        write(Asciicast.header(width: width, height: height, timestamp: Int(start.timeIntervalSince1970),
                               term: term, title: title))
        write(Asciicast.event(time: 0, data: "\u{1B}[?25l\u{1B}[H\u{1B}[2J"))
    }

    /// Records `canvas` if it differs from the last recorded frame.
    public func record(_ canvas: Canvas) {
        guard failure == nil else { return }
        let time = Date().timeIntervalSince(start)
        if let previous, previous.width != canvas.width || previous.height != canvas.height {
            write(Asciicast.event(time: time, kind: "r", data: "\(canvas.width)x\(canvas.height)"))
        }
        let data = Asciicast.frame(canvas, previous: previous, writer: writer)
        previous = canvas
        guard !data.isEmpty else { return }
        write(Asciicast.event(time: time, data: data))
    }

    /// Ends the recording (shows the cursor again) and puts the file in place; throws the first
    /// write that failed (the file is then discarded).
    public func finish() throws(ExplorerError) {
        write(Asciicast.event(time: Date().timeIntervalSince(start), data: "\u{1B}[0m\u{1B}[?25h\r\n"))
        do throws(FileWriteError) {
            if let failure { throw failure }
            try file.commit()
        } catch {
            file.discard()
            throw .badFile(file: file.path, problem: error.problem)
        }
    }

    private func write(_ line: String) {
        guard failure == nil else { return }
        do throws(FileWriteError) { try file.write(line + "\n") } catch { failure = error }
    }
}
