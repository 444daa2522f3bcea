import Foundation
import Testing

/// Compares text with a golden file under `Tests/RenderingTests/Snapshots/`.
///
/// Set `ATTNSCOPE_RECORD_SNAPSHOTS=1` to (re)write the files instead; a missing file fails the
/// test and says how to record it. Review every recorded file before committing it.
enum Snapshot {
    /// The folder holding the golden files.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    /// Whether this run records instead of comparing.
    static var recording: Bool { ProcessInfo.processInfo.environment["ATTNSCOPE_RECORD_SNAPSHOTS"] == "1" }

    /// Checks `text` against `Snapshots/<name>.txt`.
    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = text.hasSuffix("\n") ? text : text + "\n"
        if recording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("could not record snapshot \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(url.path); run with ATTNSCOPE_RECORD_SNAPSHOTS=1 to record it, then review it",
                         sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        let want = line < e.count ? String(e[line]) : "<end>"
        let got = line < a.count ? String(a[line]) : "<end>"
        Issue.record("""
            snapshot \(name) differs at line \(line + 1):
              expected: \(want)
                actual: \(got)
            full output:
            \(actual)
            """, sourceLocation: sourceLocation)
    }
}
