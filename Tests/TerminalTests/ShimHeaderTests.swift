import Foundation
import Testing

/// The CNcurses shim is a header: a `static` variable there exists once per object file that
/// uses it. That is how the signal flags once split in two in release builds (the handler,
/// inlined into Screen.swift's object, set one copy; the loop read Signals.swift's). State
/// belongs in a C target's .c file.
@Suite("CNcurses shim")
struct ShimHeaderTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    @Test(arguments: ["CNcurses/shim.h", "CNcursesLegacy/legacy.h"])
    func theHeaderHoldsNoState(_ header: String) throws {
        let text = try String(contentsOf: Self.sources.appendingPathComponent(header), encoding: .utf8)
        let stateful = text.split(separator: "\n").filter { line in
            let code = line.trimmingCharacters(in: .whitespaces)
            return code.hasPrefix("static") && !code.hasPrefix("static inline")
                || code.hasPrefix("extern") || code.contains("sig_atomic_t")
        }
        #expect(stateful.isEmpty, "variables in \(header): \(stateful)")
    }
}
