/// How the library may use the machine: cores, instruction set and allocator.
///
/// The library never decides these on its own (it reads no environment variable and changes no
/// process-wide setting unasked): the executable makes one from its environment
/// (`ATTNSCOPE_THREADS`, `ATTNSCOPE_SIMD`) and tests make theirs, and either hands it to
/// `AttentionEngine`. The default is the quiet one: one core, the best instruction set this CPU
/// runs, the C allocator left as it is.
public struct RuntimeConfiguration: Sendable, Hashable {
    /// The cores a large per-query loop may use: 1, or 2 to share it with a helper thread
    /// (started on first use; only where `attnscope bench` measured it faster, see `SecondCore`).
    public var threads: Int
    /// The kernels' instruction set; nil keeps the process's (the best this CPU runs unless an
    /// earlier engine selected another). One higher than this CPU runs is lowered to the best.
    ///
    /// The kernel table is the process's: an engine made with an instruction set selects it
    /// for every engine.
    public var instructionSet: InstructionSet?
    /// Whether the C allocator keeps per-frame maps on the heap (`FrameMemory`): faster
    /// keystrokes, applied once per process by the first engine that asks.
    public var allocatorTuning: Bool

    /// A configuration; every default is the quiet one.
    public init(threads: Int = 1, instructionSet: InstructionSet? = nil, allocatorTuning: Bool = false) {
        self.threads = threads
        self.instructionSet = instructionSet
        self.allocatorTuning = allocatorTuning
    }

    /// The cores allowed, within what the library can use (1 or 2).
    public var cores: Int { threads >= 2 ? 2 : 1 }

    /// Applies the process-wide parts (instruction set, allocator) the configuration asks for.
    func applyProcessSettings() {
        if let instructionSet { Kernels.select(instructionSet) }
        if allocatorTuning { _ = FrameMemory.configured }
    }
}

/// The instruction sets the C kernels are built for, lowest first.
public enum InstructionSet: String, Sendable, Hashable, CaseIterable {
    /// Portable C, no vector extensions asked for.
    case baseline
    /// AVX2 with FMA.
    case avx2
    /// AVX-512 (F, VL, BW, DQ).
    case avx512
}
