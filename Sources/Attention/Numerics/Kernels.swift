import AttentionKernels

/// The C kernels (`AttentionKernels`) for this CPU: the table in use, and every level it runs.
public enum Kernels {
    /// The table in use (AVX-512, AVX2 + FMA or baseline; `RuntimeConfiguration.instructionSet`
    /// may select a lower one).
    static var current: ak_kernel_table { ak_kernels()!.pointee }

    /// The instruction set in use (`avx512`, `avx2`, `baseline`), for `attnscope bench`.
    public static var currentLevelName: String { name(of: ak_current_level()) }

    /// Makes `set` the instruction set in use (lowered to the best this CPU runs).
    static func select(_ set: InstructionSet) {
        let level: ak_level
        switch set {
        case .baseline: level = AK_LEVEL_BASELINE
        case .avx2: level = AK_LEVEL_AVX2
        case .avx512: level = AK_LEVEL_AVX512
        }
        _ = ak_select_level(level)
    }

    /// Every level this CPU runs, lowest first, with its table (tests compare them).
    static var available: [(name: String, table: ak_kernel_table)] {
        (0...Int(ak_best_level().rawValue)).compactMap { raw in
            let level = ak_level(rawValue: UInt32(raw))
            return ak_kernels_at(level).map { (name(of: level), $0.pointee) }
        }
    }

    private static func name(of level: ak_level) -> String {
        switch level {
        case AK_LEVEL_AVX512: "avx512"
        case AK_LEVEL_AVX2: "avx2"
        default: "baseline"
        }
    }
}
