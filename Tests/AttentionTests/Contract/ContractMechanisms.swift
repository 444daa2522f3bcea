import Foundation
import Testing
import FeatureMaps
@testable import Attention

/// One setting of one mechanism the contract runs: what to compute and which rules hold.
struct ContractVariant: Sendable, CustomTestStringConvertible {
    /// Which view of the mechanism is compared with its reference.
    enum View: Sendable {
        /// `AttentionEngine.field` (the step in the settings).
        case field
        /// Criss-cross's map with the residual paths put back.
        case residual(normalized: Bool)
    }

    var mode: Mode
    var label: String
    var settings: AttentionSettings
    /// The loaded tensors for a map (tables sized to it); none by default.
    var inputs: @Sendable (FeatureMap) -> AttentionInputs = { _ in AttentionInputs() }
    var view: View = .field
    /// Whether `Σ M + offImage = 1` must hold (every softmax mode; dcn without modulation; lka).
    var totalIsOne = true
    /// The map sizes (C, H, W) it runs on; all queries of the maps of at most 40 pixels.
    var sizes: [(Int, Int, Int)] = ContractMechanisms.sizes
    /// The largest |fast − reference| allowed per weight, offImage and sample.
    var tolerance = 1e-5

    var testDescription: String { "\(mode.name) \(label)" }
}

/// One mechanism in the contract: its variants and the settings it must refuse.
struct ContractMechanism: Sendable {
    var mode: Mode
    var variants: [ContractVariant]
    var refused: [(label: String, settings: AttentionSettings)]
}

/// The mechanisms the shared contract test runs, in one list; `everyModeIsCovered` holds it to
/// the registry, so a registered mechanism without variants here fails the contract.
enum ContractMechanisms {
    /// Odd and non-square maps, C = 3 and 8.
    static let sizes: [(Int, Int, Int)] = [(3, 5, 7), (8, 9, 4), (3, 13, 11), (8, 11, 13)]

    static let all: [ContractMechanism] = [global, window, axial, crissCross, dcn, dat, neighborhood, lka, lesa, loaded, stacked]

    /// Every variant of every mechanism.
    static var variants: [ContractVariant] { all.flatMap(\.variants) }

    /// Every refused setting, with its mode.
    static var refusals: [ContractRefusal] {
        all.flatMap { m in m.refused.map { ContractRefusal(mode: m.mode, label: $0.label, settings: $0.settings) } }
            + loadedRefusals
    }

    static func settings(_ change: (inout AttentionSettings) -> Void) -> AttentionSettings {
        var s = AttentionSettings()
        change(&s)
        return s
    }

    /// A projection file with head dimension `d` for C-channel maps (two heads; biases included).
    static func projections(dimension d: Int, heads: Int = 2) -> @Sendable (FeatureMap) -> AttentionInputs {
        { map in
            let c = map.channels
            var inputs = AttentionInputs()
            inputs.projections = TensorArchive(path: "proj.npz", entries: [
                ("wq", Tensor(shape: [heads, d, c], values: TestMaps.signed(heads * d * c, seed: 21))),
                ("wk", Tensor(shape: [heads, d, c], values: TestMaps.signed(heads * d * c, seed: 22))),
                ("bq", Tensor(shape: [heads, d], values: TestMaps.signed(heads * d, seed: 23))),
                ("bk", Tensor(shape: [heads, d], values: TestMaps.signed(heads * d, seed: 24))),
            ])
            return inputs
        }
    }

    static let global = ContractMechanism(mode: .global, variants: [
        ContractVariant(mode: .global, label: "defaults", settings: AttentionSettings()),
        ContractVariant(mode: .global, label: "T 0.6, scale 0.8", settings: settings { $0.temperature = 0.6; $0.scale = 0.8 }),
        ContractVariant(mode: .global, label: "projected, head 1", settings: settings { $0.head = 1 }, inputs: projections(dimension: 3)),
    ], refused: [
        ("T 0", settings { $0.temperature = 0 }), ("T NaN", settings { $0.temperature = .nan }),
        ("scale ∞", settings { $0.scale = .infinity }), ("2 layers (not stackable)", settings { $0.layers = 2 }),
    ])

    /// A (2M−1)² relative position bias for window M, two heads in Swin's (n, heads) layout.
    static func bias(window m: Int) -> @Sendable (FeatureMap) -> AttentionInputs {
        { _ in
            let n = (2 * m - 1) * (2 * m - 1)
            var inputs = AttentionInputs()
            inputs.relativeBias = Tensor(shape: [n, 2], values: TestMaps.signed(2 * n, seed: 31).map { $0 * 3 })
            return inputs
        }
    }

    static let window = ContractMechanism(mode: .window, variants: [
        ContractVariant(mode: .window, label: "M 3", settings: settings { $0.window = 3 }),
        ContractVariant(mode: .window, label: "M 3 shift 1", settings: settings { $0.window = 3; $0.shift = 1 }),
        ContractVariant(mode: .window, label: "M 4 shift 2, T 1.5", settings: settings { $0.window = 4; $0.shift = 2; $0.temperature = 1.5 }),
        ContractVariant(mode: .window, label: "M 3 shift 1, bias head 1", settings: settings { $0.window = 3; $0.shift = 1; $0.head = 1 },
                        inputs: bias(window: 3)),
        ContractVariant(mode: .window, label: "M 7 (shrinks to min(H, W))", settings: settings { $0.window = 7; $0.shift = 3 }),
        ContractVariant(mode: .window, label: "M 3 shift 2, projected", settings: settings { $0.window = 3; $0.shift = 2 },
                        inputs: projections(dimension: 4)),
    ], refused: [
        ("M 0", settings { $0.window = 0 }), ("shift −1", settings { $0.shift = -1 }),
        ("shift = M", settings { $0.window = 3; $0.shift = 3 }),
    ])

    /// Axial position tables rq, rk (d rows) and rv (C rows) spanning offsets ±(S − 1), S = max(H, W) + 1;
    /// per axis `(2, ·, 2S − 1)` when `perAxis`.
    static func axialTables(dimension: Int?, perAxis: Bool) -> @Sendable (FeatureMap) -> AttentionInputs {
        { map in
            let length = 2 * (max(map.height, map.width) + 1) - 1
            let d = dimension ?? map.channels
            func table(_ rows: Int, seed: UInt64) -> Tensor {
                let shape = perAxis ? [2, rows, length] : [rows, length]
                return Tensor(shape: shape, values: TestMaps.signed(shape.reduce(1, *), seed: seed).map { $0 * 0.5 })
            }
            var inputs = dimension.map { projections(dimension: $0)(map) } ?? AttentionInputs()
            inputs.axialTables = TensorArchive(path: "rel.npz", entries: [
                ("rk", table(d, seed: 42)), ("rq", table(d, seed: 41)), ("rv", table(map.channels, seed: 43)),
            ])
            return inputs
        }
    }

    /// Real blocks' value and width-pass projections (issue 13) on top of `projections`: `wv`, `bv`
    /// (C_out × C, C_out = `outputs`, C for criss-cross), and with `width` axialnet's `wq2`, `wk2`,
    /// `bq2`, `bk2` (2 heads, dimension 2, of the C_out channels).
    static func blockProjections(dimension d: Int, heads: Int = 2, outputs: Int?, width: Bool) -> @Sendable (FeatureMap) -> AttentionInputs {
        { map in
            var inputs = projections(dimension: d, heads: heads)(map)
            let c = map.channels, o = outputs ?? c
            var entries = inputs.projections!.names.map { ($0, inputs.projections!.tensors[$0]!) }
            entries += [("wv", Tensor(shape: [o, c], values: TestMaps.signed(o * c, seed: 25).map { $0 * 0.6 })),
                        ("bv", Tensor(shape: [o], values: TestMaps.signed(o, seed: 26)))]
            if width {
                entries += [("wq2", Tensor(shape: [2, 2, o], values: TestMaps.signed(4 * o, seed: 27))),
                            ("wk2", Tensor(shape: [2, 2, o], values: TestMaps.signed(4 * o, seed: 28))),
                            ("bq2", Tensor(shape: [2, 2], values: TestMaps.signed(4, seed: 29))),
                            ("bk2", Tensor(shape: [2, 2], values: TestMaps.signed(4, seed: 30)))]
            }
            inputs.projections = TensorArchive(path: "block.npz", entries: entries)
            return inputs
        }
    }

    static let axial = ContractMechanism(mode: .axial, variants: [
        ContractVariant(mode: .axial, label: "block: 2 heads, wv, wq2, composed", settings: settings { $0.head = 1 },
                        inputs: blockProjections(dimension: 2, outputs: 6, width: true)),
        ContractVariant(mode: .axial, label: "block: height pass head 1", settings: settings { $0.head = 1; $0.step = 0 },
                        inputs: blockProjections(dimension: 2, outputs: 6, width: true)),
        ContractVariant(mode: .axial, label: "block: width pass, T 0.7", settings: settings { $0.step = 1; $0.temperature = 0.7 },
                        inputs: blockProjections(dimension: 2, outputs: 6, width: true)),
        ContractVariant(mode: .axial, label: "block: per-head tables, head 1", settings: settings { $0.head = 1 },
                        inputs: { map in
                            var inputs = blockProjections(dimension: 2, outputs: 6, width: true)(map)
                            let length = 2 * max(map.height, map.width) - 1
                            func table(_ rows: Int, seed: UInt64) -> Tensor {
                                Tensor(shape: [2, 2, rows, length], values: TestMaps.signed(4 * rows * length, seed: seed).map { $0 * 0.5 })
                            }
                            inputs.axialTables = TensorArchive(path: "rel.npz", entries: [
                                ("rq", table(2, seed: 44)), ("rk", table(2, seed: 45)), ("rv", table(3, seed: 46)),
                            ])
                            return inputs
                        }),
        ContractVariant(mode: .axial, label: "block: wv only, 1 head", settings: AttentionSettings(),
                        inputs: blockProjections(dimension: 3, heads: 1, outputs: nil, width: false)),
        ContractVariant(mode: .axial, label: "passes 1", settings: settings { $0.passes = 1 }),
        ContractVariant(mode: .axial, label: "composed", settings: AttentionSettings()),
        ContractVariant(mode: .axial, label: "height pass of 2", settings: settings { $0.step = 0 }),
        ContractVariant(mode: .axial, label: "width pass, T 0.8", settings: settings { $0.step = 1; $0.temperature = 0.8 }),
        ContractVariant(mode: .axial, label: "composed, position tables", settings: AttentionSettings(),
                        inputs: axialTables(dimension: nil, perAxis: false)),
        ContractVariant(mode: .axial, label: "width pass, per-axis tables + projection", settings: settings { $0.step = 1; $0.scale = 0.7 },
                        inputs: axialTables(dimension: 3, perAxis: true)),
        ContractVariant(mode: .axial, label: "passes 1, per-axis tables + projection", settings: settings { $0.passes = 1 },
                        inputs: axialTables(dimension: 3, perAxis: true)),
    ], refused: [
        ("passes 0", settings { $0.passes = 0 }), ("passes 3", settings { $0.passes = 3 }),
        ("step 3", settings { $0.step = 3 }),
    ])

    static let crissCross = ContractMechanism(mode: .crissCross, variants: [
        ContractVariant(mode: .crissCross, label: "R 1", settings: settings { $0.passes = 1 }),
        ContractVariant(mode: .crissCross, label: "R 2, values", settings: AttentionSettings(),
                        inputs: blockProjections(dimension: 3, outputs: nil, width: false)),
        ContractVariant(mode: .crissCross, label: "R 2 pass 2, values, head 1", settings: settings { $0.step = 1; $0.head = 1 },
                        inputs: blockProjections(dimension: 3, outputs: nil, width: false)),
        ContractVariant(mode: .crissCross, label: "R 3, values, γ 0.6", settings: settings { $0.passes = 3; $0.gamma = 0.6 },
                        inputs: blockProjections(dimension: 2, outputs: nil, width: false)),
        ContractVariant(mode: .crissCross, label: "R 4 pass 3, values", settings: settings { $0.passes = 4; $0.step = 2 },
                        inputs: blockProjections(dimension: 2, outputs: nil, width: false)),
        ContractVariant(mode: .crissCross, label: "R 3 residual, values", settings: settings { $0.passes = 3; $0.gamma = 0.8 },
                        inputs: blockProjections(dimension: 3, outputs: nil, width: false), view: .residual(normalized: true)),
        ContractVariant(mode: .crissCross, label: "R 2", settings: AttentionSettings()),
        ContractVariant(mode: .crissCross, label: "R 2 pass 1", settings: settings { $0.step = 0 }),
        ContractVariant(mode: .crissCross, label: "R 2 pass 2, γ 0.5", settings: settings { $0.step = 1; $0.gamma = 0.5 }),
        ContractVariant(mode: .crissCross, label: "R 3, γ 0.5, T 1.3", settings: settings { $0.passes = 3; $0.gamma = 0.5; $0.temperature = 1.3 }),
        ContractVariant(mode: .crissCross, label: "R 4, γ −0.3", settings: settings { $0.passes = 4; $0.gamma = -0.3 }),
        ContractVariant(mode: .crissCross, label: "R 4 pass 3", settings: settings { $0.passes = 4; $0.step = 2 }),
        ContractVariant(mode: .crissCross, label: "R 2, projected", settings: settings { $0.scale = 0.5 }, inputs: projections(dimension: 3)),
        ContractVariant(mode: .crissCross, label: "R 3, projected, γ 0.7", settings: settings { $0.passes = 3; $0.gamma = 0.7; $0.head = 1 },
                        inputs: projections(dimension: 5)),
        ContractVariant(mode: .crissCross, label: "R 2 residual", settings: settings { $0.gamma = 0.6 }, view: .residual(normalized: true)),
        ContractVariant(mode: .crissCross, label: "R 3 residual, raw", settings: settings { $0.passes = 3; $0.gamma = 0.5 },
                        view: .residual(normalized: false), totalIsOne: false),
        ContractVariant(mode: .crissCross, label: "R 4 residual, projected", settings: settings { $0.passes = 4; $0.gamma = 0.8 },
                        inputs: projections(dimension: 3), view: .residual(normalized: true)),
    ], refused: [
        ("R 0", settings { $0.passes = 0 }), ("R 65", settings { $0.passes = 65 }),
        ("γ NaN", settings { $0.gamma = .nan }), ("T −1", settings { $0.temperature = -1 }),
    ])

    /// Loaded dcn offsets (…, 2K², H, W) within ±2.5 pixels, two groups; with modulation in [0, 1).
    static func dcnInputs(kernel: Int, modulation: Bool) -> @Sendable (FeatureMap) -> AttentionInputs {
        { map in
            let taps = kernel * kernel, n = map.pixelCount
            var inputs = AttentionInputs()
            inputs.offsets = Tensor(shape: [1, 2 * 2 * taps, map.height, map.width],
                                    values: TestMaps.signed(4 * taps * n, seed: 51).map { $0 * 2.5 })
            if modulation {
                inputs.modulation = Tensor(shape: [2 * taps, map.height, map.width], values: TestMaps.unit(2 * taps * n, seed: 52))
            }
            return inputs
        }
    }

    static let dcn = ContractMechanism(mode: .dcn, variants: [
        ContractVariant(mode: .dcn, label: "K 3, synthetic offsets", settings: AttentionSettings()),
        ContractVariant(mode: .dcn, label: "K 5 dilation 2, synthetic offsets", settings: settings { $0.kernel = 5; $0.dilation = 2 }),
        ContractVariant(mode: .dcn, label: "K 3, loaded offsets group 1", settings: settings { $0.group = 1 }, inputs: dcnInputs(kernel: 3, modulation: false)),
        ContractVariant(mode: .dcn, label: "K 3, offsets + modulation", settings: AttentionSettings(),
                        inputs: dcnInputs(kernel: 3, modulation: true), totalIsOne: false),
    ], refused: [
        ("K 2", settings { $0.kernel = 2 }), ("K 0", settings { $0.kernel = 0 }), ("dilation 0", settings { $0.dilation = 0 }),
    ])

    /// DAT raw offsets (2, 3, 4) within ±0.6, or positions (4, 5, 2) within ±1.2 (some off the map).
    static func datInputs(positions: Bool) -> @Sendable (FeatureMap) -> AttentionInputs {
        { _ in
            var inputs = AttentionInputs()
            if positions {
                inputs.positions = Tensor(shape: [1, 4, 5, 2], values: TestMaps.signed(40, seed: 61).map { $0 * 1.2 })
            } else {
                inputs.offsets = Tensor(shape: [2, 3, 4], values: TestMaps.signed(24, seed: 62).map { $0 * 0.6 })
            }
            return inputs
        }
    }

    /// DAT with two offset groups (2, 2, 3, 4) and, when asked, a bias: the rpe_table
    /// (4 heads, 2H − 1, 2W − 1) or a dense (2, H·W, 12) one.
    static func datGroupInputs(bias: String?) -> @Sendable (FeatureMap) -> AttentionInputs {
        { map in
            var inputs = projections(dimension: map.channels / 2, heads: 4)(map)
            inputs.offsets = Tensor(shape: [2, 2, 3, 4], values: TestMaps.signed(48, seed: 63).map { $0 * 0.7 })
            let shape = bias == "table" ? [4, 2 * map.height - 1, 2 * map.width - 1] : [2, map.pixelCount, 12]
            if bias != nil { inputs.relativeBias = Tensor(shape: shape, values: TestMaps.signed(shape.reduce(1, *), seed: 64)) }
            return inputs
        }
    }

    static let dat = ContractMechanism(mode: .dat, variants: [
        ContractVariant(mode: .dat, label: "2 groups, head 3", settings: settings { $0.head = 3 }, inputs: datGroupInputs(bias: nil),
                        sizes: [(8, 9, 4), (8, 11, 13)]),
        ContractVariant(mode: .dat, label: "2 groups, rpe_table, head 2, T 0.8", settings: settings { $0.head = 2; $0.temperature = 0.8 },
                        inputs: datGroupInputs(bias: "table"), sizes: [(8, 9, 4), (8, 11, 13)]),
        ContractVariant(mode: .dat, label: "2 groups, dense bias, head 1", settings: settings { $0.head = 1 },
                        inputs: datGroupInputs(bias: "dense"), sizes: [(8, 9, 4), (8, 11, 13)]),
        ContractVariant(mode: .dat, label: "synthetic network", settings: AttentionSettings()),
        ContractVariant(mode: .dat, label: "stride 2, f 2 (tanh)", settings: settings { $0.stride = 2; $0.offsetRange = 2 }),
        ContractVariant(mode: .dat, label: "loaded offsets, clamp", settings: settings { $0.temperature = 0.7 }, inputs: datInputs(positions: false)),
        ContractVariant(mode: .dat, label: "loaded offsets, f 1.5", settings: settings { $0.offsetRange = 1.5 }, inputs: datInputs(positions: false)),
        ContractVariant(mode: .dat, label: "loaded positions", settings: AttentionSettings(), inputs: datInputs(positions: true)),
        ContractVariant(mode: .dat, label: "synthetic network, projected", settings: settings { $0.stride = 3 }, inputs: projections(dimension: 4)),
    ], refused: [
        ("offset range NaN", settings { $0.offsetRange = .nan }), ("stride 0", settings { $0.stride = 0 }),
        ("T 0", settings { $0.temperature = 0 }),
    ])

    static let neighborhood = ContractMechanism(mode: .neighborhood, variants: [
        ContractVariant(mode: .neighborhood, label: "K 3", settings: settings { $0.kernel = 3 }),
        ContractVariant(mode: .neighborhood, label: "K 5, T 0.5", settings: settings { $0.kernel = 5; $0.temperature = 0.5 }),
        ContractVariant(mode: .neighborhood, label: "K 7 (whole axis where K > L)", settings: AttentionSettings()),
        ContractVariant(mode: .neighborhood, label: "K 3, projected", settings: settings { $0.kernel = 3 }, inputs: projections(dimension: 2)),
        ContractVariant(mode: .neighborhood, label: "K 3 d 2 (DiNAT)", settings: settings { $0.kernel = 3; $0.dilation = 2 }),
        ContractVariant(mode: .neighborhood, label: "K 5 d 3 (sub-grids shorter than K)", settings: settings { $0.kernel = 5; $0.dilation = 3 }),
        ContractVariant(mode: .neighborhood, label: "K 3 d 2, rpb head 1, T 0.7, projected",
                        settings: settings { $0.kernel = 3; $0.dilation = 2; $0.head = 1; $0.temperature = 0.7 },
                        inputs: { map in
                            var inputs = projections(dimension: 2)(map)
                            inputs.relativeBias = Tensor(shape: [2, 5, 5], values: TestMaps.signed(50, seed: 41).map { $0 * 3 })
                            return inputs
                        }),
    ], refused: [
        ("K 4", settings { $0.kernel = 4 }), ("K 0", settings { $0.kernel = 0 }), ("K −3", settings { $0.kernel = -3 }),
        ("d 0", settings { $0.dilation = 0 }),
    ])

    static let lka = ContractMechanism(mode: .lka, variants: [
        ContractVariant(mode: .lka, label: "K 21 d 3 (VAN)", settings: AttentionSettings()),
        ContractVariant(mode: .lka, label: "K 9 d 3", settings: settings { $0.kernel = 9; $0.dilation = 3 }),
        ContractVariant(mode: .lka, label: "K 5 d 1", settings: settings { $0.kernel = 5; $0.dilation = 1 }),
        ContractVariant(mode: .lka, label: "K 5 d 2", settings: settings { $0.kernel = 5; $0.dilation = 2 }),
        ContractVariant(mode: .lka, label: "K 21 d 3, loaded kernels", settings: AttentionSettings(), inputs: { map in
            let c = map.channels
            var inputs = AttentionInputs()
            inputs.kernels = TensorArchive(path: "kernels.npz", entries: [
                ("conv0", Tensor(shape: [c, 1, 5, 5], values: TestMaps.signed(c * 25, seed: 51))),
                ("conv_spatial", Tensor(shape: [c, 1, 7, 7], values: TestMaps.signed(c * 49, seed: 52))),
            ])
            return inputs
        }),
    ], refused: [
        ("K 12 d 3 (even ⌈K/d⌉)", settings { $0.kernel = 12; $0.dilation = 3 }), ("d 0", settings { $0.dilation = 0 }),
        ("K 0", settings { $0.kernel = 0 }),
    ])

    /// LESA position tables (d, 2N − 1) for the map; transposed (2N − 1, d) when asked.
    static func lesaTables(transposed: Bool) -> @Sendable (FeatureMap) -> AttentionInputs {
        { map in
            let span = 2 * map.pixelCount - 1, d = map.channels
            let shape = transposed ? [span, d] : [d, span]
            var inputs = AttentionInputs()
            inputs.axialTables = TensorArchive(path: "rel.npz", entries: [
                ("rq", Tensor(shape: shape, values: TestMaps.signed(d * span, seed: 71).map { $0 * 0.5 })),
                ("rk", Tensor(shape: shape, values: TestMaps.signed(d * span, seed: 72).map { $0 * 0.5 })),
            ])
            return inputs
        }
    }

    static let lesa = ContractMechanism(mode: .lesa, variants: [
        ContractVariant(mode: .lesa, label: "defaults", settings: AttentionSettings()),
        ContractVariant(mode: .lesa, label: "position tables, T 0.9", settings: settings { $0.temperature = 0.9 }, inputs: lesaTables(transposed: false)),
        ContractVariant(mode: .lesa, label: "transposed tables, scale 0.4", settings: settings { $0.scale = 0.4 }, inputs: lesaTables(transposed: true)),
        ContractVariant(mode: .lesa, label: "projected", settings: AttentionSettings(), inputs: projections(dimension: 3)),
    ], refused: [
        ("T −1", settings { $0.temperature = -1 }), ("scale NaN", settings { $0.scale = .nan }),
    ])

    /// Rows of softmax-like probabilities: `rows` rows of `length` positive values summing to 1.
    static func probabilityRows(_ rows: Int, _ length: Int, seed: UInt64) -> [Float] {
        let raw = TestMaps.signed(rows * length, seed: seed).map { exp(2 * $0) }
        var out = raw
        for r in 0..<rows {
            let sum = raw[(r * length)..<((r + 1) * length)].reduce(0, +)
            for k in 0..<length { out[r * length + k] = raw[r * length + k] / sum }
        }
        return out
    }

    /// A loaded (heads, P + H·W, P + H·W) attention tensor for the map.
    static func sequenceAttention(prefix p: Int, heads: Int = 2) -> @Sendable (FeatureMap) -> AttentionInputs {
        { map in
            let n = p + map.pixelCount
            var inputs = AttentionInputs()
            inputs.attention = Tensor(shape: [heads, n, n], values: probabilityRows(heads * n, n, seed: 41))
            return inputs
        }
    }

    /// A loaded windowed (num_windows, heads, M², M²) tensor for window `m`, shift `s` under `variant`.
    static func windowedAttention(window m: Int, shift s: Int, variant: SwinVariant, heads: Int = 2) -> @Sendable (FeatureMap) -> AttentionInputs {
        { map in
            let e = SwinLayout.effective(height: map.height, width: map.width, window: m, shift: s, variant: variant)
            let across = (map.width + e.windowCols - 1) / e.windowCols, down = (map.height + e.windowRows - 1) / e.windowRows
            let a = e.windowRows * e.windowCols, windows = across * down
            var inputs = AttentionInputs()
            inputs.attention = Tensor(shape: [windows, heads, a, a], values: probabilityRows(windows * heads * a, a, seed: 43))
            return inputs
        }
    }

    static let loaded = ContractMechanism(mode: .loaded, variants: [
        ContractVariant(mode: .loaded, label: "sequence, no prefix", settings: AttentionSettings(), inputs: sequenceAttention(prefix: 0)),
        ContractVariant(mode: .loaded, label: "sequence, 2 prefix tokens, head 1", settings: settings { $0.head = 1 },
                        inputs: sequenceAttention(prefix: 2)),
        ContractVariant(mode: .loaded, label: "windows M 3 shift 1", settings: settings { $0.window = 3; $0.shift = 1 },
                        inputs: windowedAttention(window: 3, shift: 1, variant: .official)),
        ContractVariant(mode: .loaded, label: "windows M 4 shift 2 timm, head 1", settings: settings { $0.window = 4; $0.shift = 2; $0.variant = .timm; $0.head = 1 },
                        inputs: windowedAttention(window: 4, shift: 2, variant: .timm)),
        ContractVariant(mode: .loaded, label: "windows M 6 shift 3 torchvision", settings: settings { $0.window = 6; $0.shift = 3; $0.variant = .torchvision },
                        inputs: windowedAttention(window: 6, shift: 3, variant: .torchvision)),
    ], refused: [])

    /// Loaded attention's refusals: each needs a tensor, except the one without it.
    static let loadedRefusals: [ContractRefusal] = [
        ContractRefusal(mode: .loaded, label: "no attention file", settings: AttentionSettings()),
        ContractRefusal(mode: .loaded, label: "head 2 of 2", settings: settings { $0.head = 2 }, inputs: sequenceAttention(prefix: 1)),
        ContractRefusal(mode: .loaded, label: "2 layers (not stackable)", settings: settings { $0.layers = 2 }, inputs: sequenceAttention(prefix: 1)),
        ContractRefusal(mode: .loaded, label: "windows of M 3 read as M 4", settings: settings { $0.window = 4 },
                        inputs: windowedAttention(window: 3, shift: 0, variant: .official)),
        ContractRefusal(mode: .loaded, label: "N below H·W", settings: AttentionSettings(), inputs: { map in
            var inputs = AttentionInputs()
            inputs.attention = Tensor(shape: [map.pixelCount - 1, map.pixelCount - 1],
                                      values: probabilityRows(map.pixelCount - 1, map.pixelCount - 1, seed: 45))
            return inputs
        }),
    ]

    /// Stacked layers are composed from n single-layer references per layer kind: the smaller maps.
    static let stackedSizes: [(Int, Int, Int)] = [(3, 5, 7), (8, 9, 4), (3, 11, 9)]

    static let stacked = ContractMechanism(mode: .window, variants: [
        ContractVariant(mode: .window, label: "2 layers M 3 (W-MSA, SW-MSA)", settings: settings { $0.window = 3; $0.layers = 2 }, sizes: stackedSizes),
        ContractVariant(mode: .window, label: "3 layers M 3, layer 2", settings: settings { $0.window = 3; $0.layers = 3; $0.step = 1 }, sizes: stackedSizes),
        ContractVariant(mode: .neighborhood, label: "3 layers K 3", settings: settings { $0.kernel = 3; $0.layers = 3 }, sizes: stackedSizes),
        ContractVariant(mode: .dcn, label: "2 layers K 3", settings: settings { $0.layers = 2 }, sizes: stackedSizes),
        ContractVariant(mode: .lka, label: "2 layers K 5 d 1", settings: settings { $0.kernel = 5; $0.dilation = 1; $0.layers = 2 }, sizes: stackedSizes),
    ], refused: [
        ("9 layers", settings { $0.window = 3; $0.layers = 9 }), ("layers 0", settings { $0.layers = 0 }),
    ])
}

/// A setting one mode must refuse.
struct ContractRefusal: Sendable, CustomTestStringConvertible {
    var mode: Mode
    var label: String
    var settings: AttentionSettings
    /// The loaded tensors for a map; none by default.
    var inputs: @Sendable (FeatureMap) -> AttentionInputs = { _ in AttentionInputs() }
    var testDescription: String { "\(mode.name) \(label)" }
}
