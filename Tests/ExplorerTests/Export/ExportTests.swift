import Attention
import Foundation
import Rendering
import FeatureMaps
import Testing
@testable import Explorer

@Suite("Asciicast recording and frame export")
struct ExportTests {
    func canvas(_ text: [String]) -> Canvas {
        var c = Canvas(width: 6, height: text.count)
        for (y, line) in text.enumerated() { c.put(line, x: 0, y: y) }
        return c
    }

    func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    @Test func headerAndEventsAreValidJSONLines() throws {
        let header = Asciicast.header(width: 80, height: 24, timestamp: 1_700_000_000, term: "tmux-256color", title: "a \"b\"")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 2)
        #expect(object["width"] as? Int == 80 && object["height"] as? Int == 24)
        #expect(object["timestamp"] as? Int == 1_700_000_000)
        #expect(object["title"] as? String == "a \"b\"")
        let event = Asciicast.event(time: 1.25, data: "\u{1B}[1;1Hé\t\\\n")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(event.utf8)) as? [Any])
        #expect(array.count == 3)
        #expect(array[0] as? Double == 1.25)
        #expect(array[1] as? String == "o")
        #expect(array[2] as? String == "\u{1B}[1;1Hé\t\\\n")
    }

    @Test func framesSendOnlyChangedRowsWithCursorPositioning() {
        let writer = ANSIWriter(depth: .palette256)
        let first = canvas(["abc", "def", "ghi"])
        let full = Asciicast.frame(first, previous: nil, writer: writer)
        #expect(full.hasPrefix("\u{1B}[0m\u{1B}[2J"))
        #expect(full.contains("\u{1B}[1;1H\u{1B}[0mabc") && full.contains("\u{1B}[3;1H\u{1B}[0mghi"))
        let second = canvas(["abc", "dXf", "ghi"])
        let diff = Asciicast.frame(second, previous: first, writer: writer)
        #expect(diff == "\u{1B}[2;1H\u{1B}[0mdXf\u{1B}[0m\u{1B}[K")
        #expect(Asciicast.frame(second, previous: second, writer: writer).isEmpty)
    }

    @Test func theRecorderWritesAPlayableFile() throws {
        let path = try temporaryDirectory() + "/session.cast"
        let recorder = AsciicastRecorder(file: try OutputFile(creating: path), width: 6, height: 3, depth: .palette256)
        recorder.record(canvas(["abc", "def", "ghi"]))
        recorder.record(canvas(["abc", "def", "ghi"]))  // unchanged: no event
        recorder.record(canvas(["abc", "xyz", "ghi"]))
        #expect(!FileManager.default.fileExists(atPath: path))  // put in place only when finished
        try recorder.finish()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 5)  // header, clear, two frames, finish
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2 && header["width"] as? Int == 6 && header["height"] as? Int == 3)
        var last = -1.0
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            let time = try #require(event[0] as? Double)
            #expect(time >= last)
            last = time
            #expect(event[1] as? String == "o")
        }
        #expect(lines[3].contains("xyz") && !lines[3].contains("abc"))
        #expect(throws: FileWriteError.self) { _ = try OutputFile(creating: "/nonexistent-dir/x.cast") }
    }

    @Test func aRecordingOntoAFullDeviceFailsWithOneLineWhenFinished() throws {
        let recorder = AsciicastRecorder(file: try OutputFile(creating: "/dev/full"), width: 6, height: 3, depth: .palette256)
        recorder.record(canvas(["abc", "def", "ghi"]))
        let error = try #require(throws: ExplorerError.self) { try recorder.finish() }
        #expect(error.description == "/dev/full: cannot be written (No space left on device)")
    }

    @Test func anExportIntoADirectoryThatIsAFileFailsNamingThePath() throws {
        let dir = try temporaryDirectory()
        let blocker = dir + "/not-a-directory"
        try "x".write(toFile: blocker, atomically: false, encoding: .utf8)
        let error = try #require(throws: ExplorerError.self) {
            _ = try FrameExport.write(canvas: canvas(["abc"]), field: nil, depth: .palette256, directory: blocker, baseName: "frame")
        }
        #expect(error.description.hasPrefix("\(blocker)/frame.svg: cannot be written ("))
        #expect(!error.description.contains("\n"))
    }

    @Test func exportWritesSVGANSIJSONAndNpy() throws {
        let dir = try temporaryDirectory()
        let engine = AttentionEngine(map: teachingMap())
        let field = try engine.field(.global, at: Position(row: 2, col: 3), settings: AttentionSettings())
        var c = canvas(["abc", "def"])
        c[0, 0] = Cell("█", foreground: .rgb(255, 0, 0))
        var state = makeState(height: 9, width: 11)
        state.query = Position(row: 2, col: 3)
        let name = FrameExport.baseName(state: state, date: Date(timeIntervalSince1970: 0))
        #expect(name == "attnscope-global-2-3-19700101-000000")
        let files = try FrameExport.write(canvas: c, field: field, depth: .palette256, directory: dir, baseName: name)
        let svg = try String(contentsOfFile: files.svg, encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("</svg>"))
        let ansi = try String(contentsOfFile: files.ansi, encoding: .utf8)
        #expect(ansi.contains("\u{1B}[") && ansi.contains("bc") && ansi.contains("def"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: files.json))) as? [String: Any])
        #expect(json["mode"] as? String == "global" && json["height"] as? Int == 9 && json["width"] as? Int == 11)
        let rows = try #require(json["weights"] as? [[Double]])
        #expect(abs(rows[4][5] - Double(field.weight(at: Position(row: 4, col: 5)))) < 1e-7)
        let npy = try Data(contentsOf: URL(fileURLWithPath: files.npy))
        #expect(npy.starts(with: [0x93] + Array("NUMPY".utf8)))
        #expect(npy.count > 9 * 11 * 4 && (npy.count - 9 * 11 * 4) % 64 == 0)
        let floats = npy.suffix(9 * 11 * 4).withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        #expect(floats == field.weights)
    }
}
