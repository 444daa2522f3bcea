import Foundation
import Testing

/// The CNcurses shim is a header compiled into every Swift module that imports it (and, with
/// cross-module optimisation, into the modules that inline its callers): a `static` variable
/// there exists once per copy. That is how the signal flags once split in two in release builds
/// (the handler set one copy, the loop read another). State belongs in a C target's .c file.
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
