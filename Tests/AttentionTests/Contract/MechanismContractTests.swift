import Foundation
import Testing
import FeatureMaps
@testable import Attention

/// The contract every mechanism keeps, run over `ContractMechanisms.all`: the fast path equals
/// the plain reference, the mass adds up, the statistics describe the map, bad settings are
/// refused, and the same inputs give bitwise the same field.
@Suite struct MechanismContractTests {
    /// A random map with values in [−1, 1], seeded by its size.
    static func map(_ size: (Int, Int, Int)) -> FeatureMap {
        let (c, h, w) = size
        return FeatureMap(channels: c, height: h, width: w,
                          data: TestMaps.signed(c * h * w, seed: UInt64(c * 10_000 + h * 100 + w)),
                          name: "contract", origin: .synthesized(scene: "contract"))
    }

    /// Every query of a map of at most 40 pixels; else its corners, edges' middles and a spread.
    static func queries(height h: Int, width w: Int) -> [Position] {
        if h * w <= 40 { return TestMaps.positions(height: h, width: w) }
        var out = [(0, 0), (0, w - 1), (h - 1, 0), (h - 1, w - 1), (h / 2, 0), (0, w / 2), (h / 2, w / 2), (h - 1, w / 2)]
        for k in 0..<8 { out.append(((k * 5 + 1) % h, (k * 7 + 2) % w)) }
        return out.map { Position(row: $0.0, col: $0.1) }
    }

    /// The fast field of a variant's view.
    static func fast(_ variant: ContractVariant, engine: AttentionEngine, at u: Position) throws -> AttentionField {
        switch variant.view {
        case .field:
            return try engine.field(variant.mode, at: u, settings: variant.settings)
        case let .residual(normalized):
            let mechanism = try engine.mechanism(variant.mode, settings: variant.settings)
            let crissCross = try #require(mechanism as? CrissCrossAttention)
            return try crissCross.residualField(at: u, normalized: normalized)
        }
    }

    /// The reference field of a variant's view.
    static func reference(_ variant: ContractVariant, map: FeatureMap, inputs: AttentionInputs, at u: Position) throws -> ReferenceField {
        switch variant.view {
        case .field:
            return try References.field(variant.mode, map: map, query: u, settings: variant.settings, inputs: inputs)
        case let .residual(normalized):
            return try CrissCrossReference.residualField(map: map, query: u, settings: variant.settings, inputs: inputs,
                                                         normalized: normalized)
        }
    }

    @Test(arguments: ContractMechanisms.variants)
    func fastPathEqualsTheReference(_ variant: ContractVariant) throws {
        for size in variant.sizes {
            let map = Self.map(size), inputs = variant.inputs(map)
            let engine = AttentionEngine(map: map, inputs: inputs)
            for u in Self.queries(height: map.height, width: map.width) {
                let got = try Self.fast(variant, engine: engine, at: u)
                let want = try Self.reference(variant, map: map, inputs: inputs, at: u)
                let where_ = "\(variant.testDescription) on \(size) at \(u.row),\(u.col)"
                let weights = got.weights
                try #require(weights.count == want.weights.count, "\(where_): size")
                var worst = 0.0, at = 0
                for i in weights.indices {
                    let d = abs(Double(weights[i]) - want.weights[i])
                    if !(d <= worst) { worst = d; at = i }
                }
                #expect(worst <= variant.tolerance, "\(where_): |Δ| \(worst) at \(at / map.width),\(at % map.width)")
                #expect(abs(got.offImage - want.offImage) <= variant.tolerance, "\(where_): offImage \(got.offImage) vs \(want.offImage)")
                #expect(got.samples.count == want.samples.count, "\(where_): samples")
                for (a, b) in zip(got.samples, want.samples) {
                    // Positions from Float inputs (projected queries through dat's offset network) differ in ~1e-8.
                    let close = abs(a.y - b.y) <= 1e-6 * max(1, abs(b.y)) && abs(a.x - b.x) <= 1e-6 * max(1, abs(b.x))
                        && abs(a.weight - b.weight) <= variant.tolerance
                    #expect(close, "\(where_): sample \(a) vs \(b)")
                }
            }
        }
    }

    @Test(arguments: ContractMechanisms.variants.filter(\.totalIsOne))
    func massAndOffImageSumToOne(_ variant: ContractVariant) throws {
        for size in variant.sizes {
            let map = Self.map(size)
            let engine = AttentionEngine(map: map, inputs: variant.inputs(map))
            for u in Self.queries(height: map.height, width: map.width) {
                let f = try Self.fast(variant, engine: engine, at: u)
                // Prefix tokens are keys too: Σ weights + offImage + Σ prefix = 1 (DESIGN.md).
                let prefix = f.prefix.reduce(0, +)
                #expect(abs(f.statistics.sum + f.offImage + prefix - 1) <= 1e-5, "\(variant.testDescription) on \(size) at \(u): \(f.statistics.sum) + \(f.offImage) + \(prefix)")
                #expect(f.offImage >= 0 && f.statistics.sum >= 0)
            }
        }
    }

    @Test(arguments: ContractMechanisms.variants)
    func statisticsDescribeTheMap(_ variant: ContractVariant) throws {
        for size in variant.sizes {
            let map = Self.map(size)
            let engine = AttentionEngine(map: map, inputs: variant.inputs(map))
            for u in Self.queries(height: map.height, width: map.width) {
                let f = try Self.fast(variant, engine: engine, at: u)
                let w = f.weights.map(Double.init)
                let where_ = "\(variant.testDescription) on \(size) at \(u)"
                let sum = w.reduce(0, +)
                let top = w.max() ?? 0
                let entropy = -w.reduce(0.0) { $1 > 0 ? $0 + $1 / sum * log($1 / sum) : $0 }
                let s = f.statistics
                #expect(s.nanCount == 0, "\(where_)")
                #expect(abs(s.sum - sum) <= 1e-6 * max(1, sum), "\(where_): Σ \(s.sum) vs \(sum)")
                #expect(s.max == top, "\(where_): max \(s.max) vs \(top)")
                #expect(s.argmax == w.firstIndex(of: top), "\(where_): argmax \(s.argmax)")
                #expect(abs(s.entropy - entropy) <= 1e-5, "\(where_): entropy \(s.entropy) vs \(entropy)")
                #expect(abs(s.effectiveKeys - exp(s.entropy)) <= 1e-9 * s.effectiveKeys, "\(where_): effective keys")
                #expect(s.keysAttended >= 1 && s.keysAttended <= max(map.pixelCount, f.samples.count), "\(where_): keys")
            }
        }
    }

    @Test(arguments: ContractMechanisms.variants)
    func theSameInputsGiveBitwiseTheSameField(_ variant: ContractVariant) throws {
        let map = Self.map(variant.sizes[0]), inputs = variant.inputs(map)
        let first = AttentionEngine(map: map, inputs: inputs), second = AttentionEngine(map: map, inputs: inputs)
        let queries = Self.queries(height: map.height, width: map.width)
        for u in queries + queries.reversed() {
            let a = try Self.fast(variant, engine: first, at: u), b = try Self.fast(variant, engine: second, at: u)
            #expect(a.weights.map(\.bitPattern) == b.weights.map(\.bitPattern), "\(variant.testDescription) at \(u)")
            #expect(a.offImage.bitPattern == b.offImage.bitPattern && a.samples == b.samples, "\(variant.testDescription) at \(u)")
            #expect(a.statistics == b.statistics, "\(variant.testDescription) at \(u)")
        }
    }

    @Test(arguments: ContractMechanisms.refusals)
    func badSettingsAreRefused(_ refusal: ContractRefusal) {
        let map = Self.map((3, 9, 7))
        let engine = AttentionEngine(map: map, inputs: refusal.inputs(map))
        #expect(throws: AttentionError.self, "\(refusal.testDescription)") {
            try engine.field(refusal.mode, at: Position(row: 1, col: 2), settings: refusal.settings)
        }
    }

    /// On a map large enough to share (64×64×64: `SecondCore.splitThreshold` multiply-adds),
    /// global attention on two cores gives bitwise the one-core weights, and the reference's.
    @Test func globalOnTwoCoresGivesTheOneCoreField() throws {
        let map = Self.map((64, 64, 64))
        let one = AttentionEngine(map: map, runtime: RuntimeConfiguration(threads: 1))
        let two = AttentionEngine(map: map, runtime: RuntimeConfiguration(threads: 2))
        for u in [Position(row: 0, col: 0), Position(row: 31, col: 17), Position(row: 63, col: 40)] {
            let a = try one.field(.global, at: u, settings: AttentionSettings())
            let b = try two.field(.global, at: u, settings: AttentionSettings())
            #expect(a.weights.map(\.bitPattern) == b.weights.map(\.bitPattern), "\(u)")
            #expect(abs(a.statistics.sum - b.statistics.sum) <= 1e-12 && a.statistics.argmax == b.statistics.argmax, "\(u)")
            let want = try GlobalReference.field(map: map, query: u, settings: AttentionSettings(), inputs: AttentionInputs())
            let worst = zip(b.weights, want.weights).map { abs(Double($0) - $1) }.max() ?? .nan
            #expect(worst <= 1e-5, "\(u): |Δ| \(worst)")
        }
    }

    /// Every mode is in the contract, and every variant runs on a map it fits.
    @Test func everyModeIsCovered() {
        let modes = Set(ContractMechanisms.variants.map(\.mode))
        #expect(modes == Set(Mode.allCases))
        #expect(Set(ContractMechanisms.refusals.map(\.mode)).isSuperset(of: Mode.allCases))
    }
}
