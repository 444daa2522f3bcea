/// The human-readable form of `attnscope bench` (without `--json`).
public enum BenchmarkTable {
    /// One block per size: a headline (load, first frame, peak memory) and a row per mode.
    public static func format(_ results: [SizeResult]) -> String {
        var lines: [String] = []
        for r in results {
            let size = r.size.map(String.init).joined(separator: "×")
            let peak = r.peakRSSMb.map { fixed($0, 1) } ?? "n/a"
            lines.append("\(size) (\(fixed(r.mapMb, 1)) MiB): load \(fixed(r.loadMs, 1)) ms · first frame "
                         + "\(fixed(r.firstFrameMs, 1)) ms · peak RSS \(peak) MiB (target ≤ \(fixed(r.rssBudgetMb, 1)))"
                         + (r.loadAverage.map { " · load avg \(fixed($0, 2))" } ?? "")
                         + (r.kernels.map { " · kernels \($0)" } ?? "") + (r.cores.map { ", \($0) core\($0 == 1 ? "" : "s")" } ?? ""))
            if let p50 = r.matvecP50Ms, let p99 = r.matvecP99Ms {
                lines.append("  global's matrix–vector product alone: p50 \(fixed(p50, 3)) ms, p99 \(fixed(p99, 3)) ms")
            }
            let header = ["mode", "prepare", "compute p50", "p99", "render p50", "p99", "total p99", "cpu p50", "p99",
                          "total p99", "b2b p50", "p99"]
            var rows: [[String]] = [header]
            for m in r.modes {
                if let error = m.error {
                    rows.append([m.mode, "error: \(error)"])
                    continue
                }
                rows.append([m.mode, ms(m.prepareMs), ms(m.computeP50Ms), ms(m.computeP99Ms),
                             ms(m.renderP50Ms), ms(m.renderP99Ms), ms(m.totalP99Ms), ms(m.computeCPUP50Ms),
                             ms(m.computeCPUP99Ms), ms(m.totalCPUP99Ms), ms(m.backToBackP50Ms), ms(m.backToBackP99Ms)])
            }
            let widths = (0..<header.count).map { column in
                rows.map { $0.count > column && $0.count == header.count ? $0[column].count : 0 }.max() ?? 0
            }
            for row in rows {
                if row.count != header.count {
                    lines.append("  " + pad(row[0], widths[0], left: true) + "  " + row.dropFirst().joined(separator: " "))
                    continue
                }
                let cells = row.enumerated().map { pad($0.element, widths[$0.offset], left: $0.offset == 0) }
                lines.append("  " + cells.joined(separator: "  "))
            }
            lines += coreComparison(r.modes)
            lines.append("")
        }
        lines.append("times in ms per keystroke (p50/p99 over the sweep); render: a 200×60 canvas; "
                     + "prepare: once per map and settings;\n"
                     + "cpu: the same keystrokes in thread CPU time (compute, and compute + render), without the waits "
                     + "a busy machine adds to wall time;\n"
                     + "b2b: the same queries computed back to back by a fresh engine, no frame between them "
                     + "(as the NumPy baseline times them);\n"
                     + "b2b by cores: the same back to back on one core and on two (ATTNSCOPE_THREADS=1 or 2)")
        return lines.joined(separator: "\n")
    }

    /// The back-to-back times with one core and with two, side by side, and which p50 is faster
    /// (`≈` within 3%: a mode that never shares differs by noise only).
    static func coreComparison(_ modes: [ModeResult]) -> [String] {
        let measured = modes.filter { $0.oneCoreBackToBackP50Ms != nil || $0.twoCoresBackToBackP50Ms != nil }
        guard !measured.isEmpty else { return [] }
        let header = ["b2b by cores", "1 core p50", "p99", "2 cores p50", "p99", "faster"]
        var rows = [header]
        for m in measured {
            var faster = "—"
            if let one = m.oneCoreBackToBackP50Ms, let two = m.twoCoresBackToBackP50Ms {
                faster = abs(one - two) <= 0.03 * min(one, two) ? "≈" : one < two ? "1 core" : "2 cores"
            }
            rows.append([m.mode, ms(m.oneCoreBackToBackP50Ms), ms(m.oneCoreBackToBackP99Ms),
                         ms(m.twoCoresBackToBackP50Ms), ms(m.twoCoresBackToBackP99Ms), faster])
        }
        let widths = (0..<header.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { pad($0.element, widths[$0.offset], left: $0.offset == 0 || $0.offset == 5) }
                .joined(separator: "  ")
        }
    }

    private static func ms(_ value: Double?) -> String { value.map { fixed($0, 4) } ?? "—" }

    /// `value` with `digits` decimals, without Foundation's locale-dependent formatting.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale), fraction = scaled % Int(scale)
        var text = "\(value < 0 && scaled != 0 ? "-" : "")\(whole)"
        if digits > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return text
    }

    private static func pad(_ text: String, _ width: Int, left: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + fill : fill + text
    }
}
