import Attention
import FeatureMaps
import Foundation

/// The executable's runtime configuration, read from its environment: the one place the
/// documented variables are read (the library reads none).
///
/// - `ATTNSCOPE_MAX_BYTES`: the largest tensor the readers decode, in bytes (`ReadLimits`).
///
/// - `ATTNSCOPE_THREADS`: `1` keeps every query on one core; `2` (the default) lets the modes
///   measured faster on two cores share a large query with a helper thread.
/// - `ATTNSCOPE_SIMD`: `baseline`, `avx2` or `avx512` picks the kernels' instruction set (a
///   higher one than this CPU runs falls back to the best it runs); unset: the best.
///
/// The allocator is always tuned for per-frame maps (`RuntimeConfiguration.allocatorTuning`).
enum RuntimeEnvironment {
    /// The variable that sets the cores.
    static let threadsVariable = "ATTNSCOPE_THREADS"
    /// The variable that sets the instruction set.
    static let instructionSetVariable = "ATTNSCOPE_SIMD"

    /// The configuration `environment` asks for; an unreadable value is an error naming it.
    static func configuration(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RuntimeConfiguration {
        var runtime = RuntimeConfiguration(threads: 2, allocatorTuning: true)
        if let text = environment[threadsVariable] {
            guard let threads = Int(text), threads == 1 || threads == 2 else {
                throw CommandError("\(threadsVariable): '\(text)' is not 1 or 2")
            }
            runtime.threads = threads
        }
        if let text = environment[instructionSetVariable] {
            guard let set = InstructionSet(rawValue: text) else {
                throw CommandError("\(instructionSetVariable): '\(text)' is not one of \(InstructionSet.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            runtime.instructionSet = set
        }
        return runtime
    }

    /// Sets `ReadLimits.maxBytes` from `ATTNSCOPE_MAX_BYTES` when it is set.
    static func applyReadLimit(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let variable = ReadLimits.environmentVariable
        guard let text = environment[variable] else { return }
        guard let bytes = Int(text.trimmingCharacters(in: .whitespaces)), bytes > 0 else {
            throw CommandError("\(variable): '\(text)' is not a positive byte count")
        }
        ReadLimits.maxBytes = bytes
    }
}
