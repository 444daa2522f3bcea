import Foundation
import Synchronization

/// The largest tensor the readers will decode, so that a header cannot make them allocate at will.
///
/// A size a header claims is checked against the file's real length *and* against this cap before
/// anything is allocated. The cap counts decoded Float32 bytes (four per element).
public enum ReadLimits {
    /// The default cap: 2 GiB of decoded Float32 values.
    public static let defaultMaxBytes = 2 << 30

    /// The environment variable the executable sets the cap from (a byte count, e.g.
    /// `4294967296`); messages name it. The library itself reads no environment.
    public static let environmentVariable = "ATTNSCOPE_MAX_BYTES"

    private static let override = Mutex<Int?>(nil)

    /// The cap in decoded bytes: a value set here, else 2 GiB.
    public static var maxBytes: Int {
        get { override.withLock({ $0 }) ?? defaultMaxBytes }
        set { override.withLock { $0 = max(newValue, 0) } }
    }

    /// Forgets a cap set through `maxBytes`, going back to the default.
    public static func resetMaxBytes() {
        override.withLock { $0 = nil }
    }

    /// The number of elements of `shape`, or a `problem` when a dimension is negative or the
    /// product overflows or exceeds `cap` decoded bytes (checked before any allocation).
    static func elementCount(of shape: [Int], maxBytes cap: Int) -> Result<Int, ShapeProblem> {
        var count = 1
        for dimension in shape {
            if dimension < 0 { return .failure(.negative(dimension)) }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return .failure(.overflow) }
            count = product
        }
        let (decoded, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        if overflow { return .failure(.overflow) }
        if decoded > cap { return .failure(.tooLarge(decodedBytes: decoded, cap: cap)) }
        return .success(count)
    }

    /// Why a shape was refused.
    enum ShapeProblem: Error {
        case negative(Int)
        case overflow
        case tooLarge(decodedBytes: Int, cap: Int)

        /// The problem in words, given the shape as written.
        func message(shape: [Int]) -> String {
            let written = "(" + shape.map(String.init).joined(separator: ", ") + ")"
            switch self {
            case .negative(let dimension):
                return "shape \(written) has a negative dimension \(dimension)"
            case .overflow:
                return "shape \(written) is absurdly large (its element count overflows)"
            case let .tooLarge(decodedBytes, cap):
                return "shape \(written) needs \(decodedBytes) bytes as Float32, over the \(cap)-byte limit (raise it with \(ReadLimits.environmentVariable))"
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// Runs a reader over the array's bytes, keeping its typed error.
    func readingBytes<Value>(_ body: (UnsafeRawBufferPointer) throws(ReadProblem) -> Value) throws(ReadProblem) -> Value {
        let result: Result<Value, ReadProblem> = withUnsafeBytes { buffer in
            Result { () throws(ReadProblem) -> Value in try body(buffer) }
        }
        return try result.get()
    }
}
