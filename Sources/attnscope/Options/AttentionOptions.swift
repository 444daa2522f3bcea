import ArgumentParser
import Foundation
import Attention
import FeatureMaps

/// The mode, query and every mechanism setting of DESIGN.md's command line.
///
/// Numeric options parse unconditionally so that negative values work as the next argument
/// (`--offset-range -1`).
struct AttentionOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Logit temperature T (divides content and bias logits).")
    var temperature: Float = 1
    @Option(parsing: .unconditional, help: "Logit scale (default: the mode's, 1/√d or 1).")
    var scale: Float?
    @Option(parsing: .unconditional, help: "Projection file with wq, wk (d×C or heads×d×C), optional bq, bk.")
    var proj: String?
    @Option(parsing: .unconditional, help: "Projection head to use.")
    var head: Int = 0

    @Option(parsing: .unconditional, help: "Swin window size M.")
    var window: Int = 7
    @Option(parsing: .unconditional, help: "Swin shift S, in [0, M).")
    var shift: Int?
    @Flag(help: "Swin shifted windows (S = M/2).")
    var shifted = false
    @Option(parsing: .unconditional, help: "Swin relative position bias table, (2M-1)² or heads×(2M-1)².")
    var bias: String?

    @Option(parsing: .unconditional, help: "Axial: 1 (height pass) or 2 (composed); criss-cross: R ≥ 1 (default 2).")
    var passes: Int?
    @Option(parsing: .unconditional, help: "Criss-cross residual weight γ.")
    var gamma: Float = 1
    @Option(parsing: .unconditional, help: "Axial position tables rq, rk, rv.")
    var rel: String?

    @Option(parsing: .unconditional, help: "Kernel size K (dcn 3, neighborhood 7, lka 21).")
    var kernel: Int?
    @Option(parsing: .unconditional, help: "Dilation (dcn 1, lka 3).")
    var dilation: Int?
    @Option(parsing: .unconditional, help: "Offsets: dcn 2K²×H×W; dat 2×Hk×Wk raw offset-network output.")
    var offsets: String?
    @Option(parsing: .unconditional, help: "DCNv2 modulation, K²×H×W.")
    var mask: String?
    @Option(parsing: .unconditional, help: "DAT sampling positions, Hk×Wk×2 normalised (y, x).")
    var positions: String?
    @Option(parsing: .unconditional, help: "Group to use when a dumped tensor has a group dimension > 1.")
    var group: Int = 0
    @Option(parsing: .unconditional, help: "DAT synthetic offset-network stride r.")
    var stride: Int?
    @Option(name: .customLong("offset-range"), parsing: .unconditional, help: "DAT offset range factor f (< 0: clamp).")
    var offsetRange: Float = -1
    @Option(parsing: .unconditional,
            help: "Stack L identical layers (window: W-MSA/SW-MSA alternating, neighborhood, dcn, lka); default 1.")
    var layers: Int?

    /// The settings these options describe (validated by the mechanism when it is made).
    var settings: AttentionSettings {
        var s = AttentionSettings()
        s.temperature = temperature
        s.scale = scale
        s.window = window
        s.shift = shift ?? (shifted ? window / 2 : 0)
        s.passes = passes
        s.gamma = gamma
        s.kernel = kernel
        s.dilation = dilation
        s.stride = stride
        s.offsetRange = offsetRange
        s.head = head
        s.group = group
        s.layers = layers
        return s
    }

    /// Reads every tensor file the options name.
    func loadInputs() throws -> AttentionInputs {
        var inputs = AttentionInputs()
        if let proj { inputs.projections = try TensorFiles.read(proj) }
        if let bias { inputs.relativeBias = try TensorFiles.read(bias).tensor(named: nil) }
        if let rel { inputs.axialTables = try TensorFiles.read(rel) }
        if let offsets { inputs.offsets = try TensorFiles.read(offsets).tensor(named: nil) }
        if let mask { inputs.modulation = try TensorFiles.read(mask).tensor(named: nil) }
        if let positions { inputs.positions = try TensorFiles.read(positions).tensor(named: nil) }
        return inputs
    }
}

extension Mode: ExpressibleByArgument {}

/// `R,C`: a 0-based row and column.
struct QueryArgument: ExpressibleByArgument {
    let position: Position

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2,
              let r = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let c = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        position = Position(row: r, col: c)
    }
}
