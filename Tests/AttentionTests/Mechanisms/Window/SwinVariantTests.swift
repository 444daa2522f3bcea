import Foundation
import Testing
@testable import Attention
import FeatureMaps

/// The variants' layouts, the roll the rolled view draws with, Swin V2's `logit_scale` and the
/// flavor a field carries (the numbers themselves: SwinVariantReferenceTests).
@Suite struct SwinVariantTests {
    private func settings(window: Int = 7, shift: Int = 3, variant: SwinVariant? = nil, head: Int = 0) -> AttentionSettings {
        var s = AttentionSettings()
        s.window = window
        s.shift = shift
        s.variant = variant
        s.head = head
        return s
    }

    /// Window rows and columns, shift rows and columns, padded height and width.
    private func geometry(_ variant: SwinVariant) -> [Int] {
        let l = SwinLayout(height: 5, width: 10, requestedWindow: 7, requestedShift: 3, variant: variant)
        return [l.windowRows, l.windowCols, l.shiftRows, l.shiftCols, l.paddedHeight, l.paddedWidth]
    }

    @Test func aFiveByTenStageUnderEachVariant() {
        let official: [Int] = [5, 5, 0, 0, 5, 10], timm: [Int] = [5, 7, 0, 3, 5, 14], torchvision: [Int] = [7, 7, 0, 3, 7, 14]
        #expect(geometry(.official) == official)
        #expect(geometry(.timm) == timm)
        #expect(geometry(.torchvision) == torchvision)
        #expect(SwinLayout(height: 5, width: 10, requestedWindow: 7, requestedShift: 3, variant: .timm).roll.rollsBeforePadding)
    }

    @Test(arguments: SwinVariant.allCases)
    func everyPixelSitsOnceOnTheRolledGrid(_ variant: SwinVariant) {
        for (h, w) in [(9, 9), (5, 10), (10, 9), (3, 3)] {
            let layout = SwinLayout(height: h, width: w, requestedWindow: 7, requestedShift: 3, variant: variant)
            let pixels = layout.source.filter { $0 >= 0 }
            #expect(pixels.count == h * w && Set(pixels).count == h * w, "\(variant) \(h)×\(w)")
            for y in 0..<h {
                for x in 0..<w {
                    let p = Position(row: y, col: x)
                    #expect(layout.roll.original(of: layout.roll.rolled(of: p)) == p)
                }
            }
        }
    }

    @Test func timmRollsTheUnpaddedMap() {
        // 9×9, M = 7, s = 3: timm puts original (0, 0) at ((0 − 3) mod 9, …) = (6, 6); the
        // others roll the 14×14 padded map, putting it at (11, 11).
        let timm = SwinLayout(height: 9, width: 9, requestedWindow: 7, requestedShift: 3, variant: .timm)
        #expect(timm.roll.rolled(of: Position(row: 0, col: 0)) == Position(row: 6, col: 6))
        #expect(timm.roll.original(of: Position(row: 9, col: 0)) == nil)
        let official = SwinLayout(height: 9, width: 9, requestedWindow: 7, requestedShift: 3)
        #expect(official.roll.rolled(of: Position(row: 0, col: 0)) == Position(row: 11, col: 11))
    }

    @Test func notesAndFlavorNameTheRules() throws {
        let map = TestMaps.smooth(channels: 2, height: 5, width: 10)
        let timm = try AttentionEngine(map: map).field(.window, at: Position(row: 4, col: 9), settings: settings(variant: .timm))
        #expect(timm.flavor?.name == "timm rules")
        #expect(timm.notes.contains { $0.contains("window 5×7") && $0.contains("shift (0, 3)") })
        #expect(timm.notes.contains { $0.contains("rolled, then padded to 5×14") })
        let torchvision = try AttentionEngine(map: map).field(.window, at: Position(row: 0, col: 0), settings: settings(variant: .torchvision))
        #expect(torchvision.flavor?.name == "torchvision rules")
        #expect(torchvision.notes.contains { $0.contains("padded to 7×14") && $0.contains("then rolled") })
        let official = try AttentionEngine(map: map).field(.window, at: Position(row: 0, col: 0), settings: settings())
        #expect(official.flavor == nil)
        // The stacked composition keeps the flavor of its top layer.
        var stacked = settings(variant: .timm)
        stacked.layers = 2
        #expect(try AttentionEngine(map: map).field(.window, at: Position(row: 2, col: 2), settings: stacked).flavor?.name == "timm rules")
    }

    private func projections(logitScale: Tensor?, heads: Int = 2, d: Int = 2, channels: Int = 3) -> TensorArchive {
        let n = heads * d * channels
        let wq = Tensor(shape: [heads, d, channels], values: (0..<n).map { Float(sin(Double($0) * 1.7)) })
        let wk = Tensor(shape: [heads, d, channels], values: (0..<n).map { Float(cos(Double($0) * 0.9)) })
        var entries: [(String, Tensor)] = [("wq", wq), ("wk", wk)]
        if let logitScale { entries.append(("logit_scale", logitScale)) }
        return TensorArchive(path: "qk.npz", entries: entries)
    }

    @Test(arguments: [[3], [2, 2], [1, 2], [2, 1, 2]])
    func refusesALogitScaleOfAnotherShape(_ shape: [Int]) {
        var inputs = AttentionInputs()
        inputs.projections = projections(logitScale: Tensor(shape: shape, values: [Float](repeating: 1, count: shape.reduce(1, *))))
        do {
            _ = try AttentionEngine(map: TestMaps.smooth(channels: 3, height: 8, width: 8), inputs: inputs)
                .field(.window, at: Position(row: 0, col: 0), settings: settings(window: 4, shift: 0))
            Issue.record("expected a refusal")
        } catch {
            let text = "\(error)"
            #expect(text.contains("qk.npz") && text.contains("'logit_scale' has shape") && !text.contains("\n"), "\(text)")
        }
    }

    @Test func cosineAttentionClampsTheTemperatureAndNamesItself() throws {
        let map = TestMaps.smooth(channels: 3, height: 8, width: 8)
        func field(_ tau: [Float], head: Int, shape: [Int] = [2, 1, 1], scale: Float? = nil) throws -> AttentionField {
            var inputs = AttentionInputs()
            inputs.projections = projections(logitScale: Tensor(shape: shape, values: tau))
            var s = settings(window: 4, shift: 2, head: head)
            s.scale = scale
            return try AttentionEngine(map: map, inputs: inputs).field(.window, at: Position(row: 3, col: 5), settings: s)
        }
        let clamped = try field([0, Float(log(400.0))], head: 1), atLimit = try field([0, Float(log(100.0))], head: 1, shape: [2])
        #expect(zip(clamped.weights, atLimit.weights).allSatisfy { abs($0 - $1) < 1e-6 })
        // --scale replaces exp(min(τ, ln 100)).
        let scaled = try field([0, 7], head: 1, scale: 100)
        #expect(zip(scaled.weights, atLimit.weights).allSatisfy { abs($0 - $1) < 1e-6 })
        let cool = try field([0, 0], head: 1)
        #expect(cool.statistics.entropy > clamped.statistics.entropy + 0.1)
        #expect(clamped.flavor?.name == "Swin V2 · cosine")
        #expect(clamped.flavor?.explanation.contains("no 1/sqrt(d)") == true)
        #expect(clamped.notes.contains { $0.hasPrefix("Swin V2 cosine attention") })
    }

    @Test func torchvisionRefusesAWindowNoMapNeeds() {
        let engine = AttentionEngine(map: TestMaps.smooth(channels: 2, height: 4, width: 4))
        for window in [1025, Int.max] {
            #expect(throws: AttentionError.self) {
                try engine.field(.window, at: Position(row: 0, col: 0), settings: settings(window: window, shift: 0, variant: .torchvision))
            }
        }
        // The other rules shrink such a window to the map.
        #expect(throws: Never.self) {
            try engine.field(.window, at: Position(row: 0, col: 0), settings: settings(window: Int.max, shift: 0, variant: .timm))
        }
    }
}
