import Attention
import FeatureMaps
import Foundation
import Rendering
import Testing
@testable import Explorer

/// Tour and session files mutated at random (seeded, so a failure names the seed to replay):
/// each either parses and plays, or is refused with `file:line: problem` (or `file: problem`);
/// and whatever parses can be stepped through, computed and drawn without a crash.
@Suite("Tour and session fuzzing")
struct ScriptFuzzTests {
    /// The project's SplitMix64 as a `RandomNumberGenerator`, so each case replays from its seed.
    struct SeededGenerator: RandomNumberGenerator {
        var base: SplitMix64
        init(state seed: UInt64) { base = SplitMix64(seed: seed) }
        mutating func next() -> UInt64 { base.next() }
    }

    /// Values that have broken parsers before: signs, overflow, non-numbers, empty, odd text.
    static let nastyValues = [
        "-1", "0", "1", "2", "3", "7", "64", "65", "255", "256", "1000000000", "99999999999999999999",
        "9223372036854775807", "-9223372036854775808", "2147483648", "1e40", "-1e40", "1e-45", "nan", "inf",
        "-inf", "-0", "0.5", "", "1,", ",1", "1,2,3", "-1,0", "0,-1", "23,31", "24,32", "100000,100000",
        "0,0", "default", "off", "on", "full", "maybe", "ü", "\u{1b}[31m", "\t", "global,global",
        "global,window,axial,dcn,lka", "window,dat", "log:0", "log:999", "clip:2", "clip:-1", "spiral",
        String(repeating: "9", count: 400), String(repeating: "é", count: 300),
    ]

    /// The keywords of both formats, and some that are not.
    static let keywords = ScriptLine.keywords + ["title", "map", "step", "shifted", "STEP", "Mode", "wobble", "#", "query,"]

    /// The shipped tours.
    static let tours: [String] = ["mechanisms", "criss-cross", "swin"].compactMap {
        try? String(contentsOf: demosDirectory.appendingPathComponent("\($0).tour"), encoding: .utf8)
    }

    /// A session file of a busy state (compare view, target, a Swin window).
    static let session: String = {
        var state = makeState()
        for line in ["mode window", "window 5", "shifted", "query 3,4", "compare on", "target 10,10", "temperature 2"] {
            if let parsed = try? SessionFile.parse(line, file: "s"), let first = parsed.lines.first {
                try? state.apply(first, file: "s")
            }
        }
        return SessionFile.text(of: state)
    }()

    /// `text` with one to four random edits: lines deleted, duplicated, swapped, given a nasty
    /// value or another keyword, or garbage inserted; sometimes CRLF line ends.
    static func mutate(_ text: String, using g: inout SeededGenerator) -> String {
        var lines = text.components(separatedBy: "\n")
        for _ in 0..<Int.random(in: 1...4, using: &g) {
            guard !lines.isEmpty else { lines.append("step x"); continue }
            let i = Int.random(in: 0..<lines.count, using: &g)
            let words = lines[i].split(separator: " ", maxSplits: 1).map(String.init)
            switch Int.random(in: 0..<8, using: &g) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: i)
            case 2: lines.swapAt(i, Int.random(in: 0..<lines.count, using: &g))
            case 3, 4: lines[i] = (words.first ?? "mode") + " " + nastyValues.randomElement(using: &g)!
            case 5: lines[i] = keywords.randomElement(using: &g)! + " " + (words.count > 1 ? words[1] : "")
            case 6: lines.insert(keywords.randomElement(using: &g)! + " " + nastyValues.randomElement(using: &g)!, at: i)
            default:
                let bytes = (0..<Int.random(in: 1...40, using: &g)).map { _ in UInt8.random(in: 1...127, using: &g) }
                lines.insert(String(decoding: bytes, as: UTF8.self), at: i)
            }
        }
        return lines.joined(separator: Bool.random(using: &g) ? "\n" : "\r\n")
    }

    /// Checks a refusal names the file and, for a line, one of the file's lines.
    static func expectWellFormed(_ error: ExplorerError, file: String, lineCount: Int, seed: UInt64) {
        switch error {
        case let .badLine(name, line, problem):
            #expect(name == file && (1...lineCount).contains(line) && !problem.isEmpty, "seed \(seed): \(error)")
        case let .badFile(name, problem):
            #expect(name == file && !problem.isEmpty, "seed \(seed): \(error)")
        }
        #expect(!"\(error)".contains("\n"), "seed \(seed): a refusal is one line: \(error)")
    }

    /// Computes and draws what `state` shows, as the explorer loop would; also steps through
    /// the tour's keys. Nothing here may trap.
    static func playAndDraw(_ state: ExplorerState, engine: AttentionEngine) {
        var state = state
        for _ in 0..<2 {
            let requests = FrameComposer.requests(for: state)
            let outcomes: [FieldOutcome?] = requests.map { FieldWorker.compute($0, engine: engine) }
            if let facts = FrameComposer.facts(mode: state.mode, outcome: outcomes.first ?? nil) {
                state = state.recording(facts)
            }
            let content = FrameComposer.content(state, outcomes: outcomes, preparing: false)
            let frame = FrameRenderer(style: RenderStyle()).render(content, width: 80, height: 24)
            #expect(frame.canvas.width == 80)
            state = update(state, .key(.character(" ")))
        }
    }

    /// An engine over a 4×24×32 map (the size `makeState` assumes); one per test, since
    /// engines are not shared between threads.
    static func makeEngine() -> AttentionEngine {
        let values = (0..<(4 * 24 * 32)).map { Float(sin(Double($0) * 0.7)) }
        return AttentionEngine(map: FeatureMap(channels: 4, height: 24, width: 32, data: values, name: "fuzz",
                                               origin: .synthesized(scene: "fuzz")))
    }

    @Test(arguments: 0..<8)
    func mutatedToursPlayOrAreRefusedWithFileAndLine(_ batch: Int) {
        let engine = Self.makeEngine()
        for seed in UInt64(batch * 16)..<UInt64(batch * 16 + 16) {
            var g = SeededGenerator(state: seed)
            let text = Self.mutate(Self.tours[Int(seed) % Self.tours.count], using: &g)
            let lineCount = text.unicodeScalars.filter { $0 == "\n" }.count + 1
            let tour: TourScript
            do {
                tour = try TourScript.parse(text, file: "f.tour")
            } catch {
                Self.expectWellFormed(error, file: "f.tour", lineCount: lineCount, seed: seed)
                continue
            }
            #expect(!tour.steps.isEmpty, "seed \(seed)")
            // Steps that switch maps need them loaded; the fuzz plays the ones on the base map.
            let base = makeState()
            for index in tour.steps.indices {
                do {
                    let state = try tour.state(at: index, from: base)
                    Self.playAndDraw(state, engine: engine)
                } catch {
                    Self.expectWellFormed(error, file: "f.tour", lineCount: lineCount, seed: seed)
                    break
                }
            }
            var playing = base
            do {
                try playing.startTour(tour)
                for _ in 0..<(tour.steps.count + 1) { playing = update(playing, .key(.character(" "))) }
                for _ in 0..<(tour.steps.count + 1) { playing = update(playing, .key(.backspace)) }
            } catch {
                Self.expectWellFormed(error, file: "f.tour", lineCount: lineCount, seed: seed)
            }
        }
    }

    @Test(arguments: 0..<4)
    func mutatedSessionsRestoreOrAreRefusedWithFileAndLine(_ batch: Int) {
        let engine = Self.makeEngine()
        for seed in UInt64(10_000 + batch * 25)..<UInt64(10_000 + batch * 25 + 25) {
            var g = SeededGenerator(state: seed)
            let text = Self.mutate(Self.session, using: &g)
            let lineCount = text.unicodeScalars.filter { $0 == "\n" }.count + 1
            do {
                let saved = try SessionFile.parse(text, file: "f.session")
                var state = makeState()
                try saved.restore(into: &state)
                Self.playAndDraw(state, engine: engine)
            } catch {
                Self.expectWellFormed(error, file: "f.session", lineCount: lineCount, seed: seed)
            }
        }
    }

    @Test func windowsLineEndsReadLikeUnixOnes() throws {
        for text in Self.tours {
            let unix = try TourScript.parse(text, file: "f.tour")
            let windows = try TourScript.parse(text.replacingOccurrences(of: "\n", with: "\r\n"), file: "f.tour")
            #expect(windows == unix)
        }
        let saved = try SessionFile.parse(Self.session.replacingOccurrences(of: "\n", with: "\r\n"), file: "s")
        #expect(saved == (try SessionFile.parse(Self.session, file: "s")))
        // Line numbers count "\n" only, as editors do.
        do {
            _ = try TourScript.parse("title t\r\nstep a\r\n\r\nwobble 1\r\n", file: "f.tour")
            Issue.record("accepted")
        } catch {
            #expect("\(error)".hasPrefix("f.tour:4: unknown keyword 'wobble'"))
        }
    }

    @Test func refusalsQuoteControlCharactersVisibly() {
        do {
            _ = try TourScript.parse("step a\nmode \u{1b}[31mred\u{7}\u{9b}1m", file: "f.tour")
            Issue.record("accepted")
        } catch {
            let text = "\(error)"
            #expect(text.hasPrefix("f.tour:2: mode: '\\u{1B}[31mred\\u{7}\\u{9B}1m'"), "\(text)")
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
        let long = ExplorerError.badFile(file: "f", problem: String(repeating: "x", count: 5000))
        #expect("\(long)".count == 400)
    }

    @Test func filesThatAreNotSmallTextAreRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var g = SeededGenerator(state: 7)
        let binary = directory.appendingPathComponent("binary.tour").path
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &g) } + [0xff, 0xfe]).write(to: URL(fileURLWithPath: binary))
        let huge = directory.appendingPathComponent("huge.tour").path
        try Data(repeating: UInt8(ascii: "#"), count: (1 << 20) + 1).write(to: URL(fileURLWithPath: huge))
        for path in [binary, huge, directory.path, directory.appendingPathComponent("missing").path] {
            for load in [{ _ = try TourScript.load($0) }, { _ = try SessionFile.load($0) }] as [(String) throws -> Void] {
                do {
                    try load(path)
                    Issue.record("accepted \(path)")
                } catch let error as ExplorerError {
                    guard case let .badFile(file, problem) = error else {
                        Issue.record("\(path): \(error)")
                        continue
                    }
                    #expect(file == path && !problem.isEmpty)
                }
            }
        }
    }
}
