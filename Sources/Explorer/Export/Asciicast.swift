import Foundation
import Attention
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
public final class AsciicastRecorder {
    private let handle: FileHandle
    private let start: Date
    private var previous: Canvas?
    private let writer: ANSIWriter
    /// The file being written.
    public let path: String

    /// Creates (or truncates) `path` and writes the header for a `width`×`height` terminal.
    public init(path: String, width: Int, height: Int, depth: ColorDepth, title: String? = nil) throws(ExplorerError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw .badFile(file: path, problem: "cannot be created for the recording")
        }
        self.handle = handle
        self.path = path
        start = Date()
        writer = ANSIWriter(depth: depth)
        let term = ProcessInfo.processInfo.environment["TERM"] ?? "xterm-256color"
        write(Asciicast.header(width: width, height: height, timestamp: Int(start.timeIntervalSince1970),
                               term: term, title: title))
        write(Asciicast.event(time: 0, data: "\u{1B}[?25l\u{1B}[H\u{1B}[2J"))
    }

    /// Records `canvas` if it differs from the last recorded frame.
    public func record(_ canvas: Canvas) {
        let time = Date().timeIntervalSince(start)
        if let previous, previous.width != canvas.width || previous.height != canvas.height {
            write(Asciicast.event(time: time, kind: "r", data: "\(canvas.width)x\(canvas.height)"))
        }
        let data = Asciicast.frame(canvas, previous: previous, writer: writer)
        previous = canvas
        guard !data.isEmpty else { return }
        write(Asciicast.event(time: time, data: data))
    }

    /// Ends the recording (shows the cursor again) and closes the file.
    public func finish() {
        write(Asciicast.event(time: Date().timeIntervalSince(start), data: "\u{1B}[0m\u{1B}[?25h\r\n"))
        try? handle.close()
    }

    private func write(_ line: String) {
        handle.write(Data((line + "\n").utf8))
    }
}
