#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Float arrays for feature maps, on 2 MiB pages where the system offers them.
///
/// Attention sweeps read many planes of a map at once; on 4 KiB pages a 16 MiB map costs a TLB
/// miss every 4 KiB of each plane. Linux's transparent huge pages (the "madvise" mode Debian
/// ships) back a range with 2 MiB pages when asked before the range is first written: a
/// 64×256×256 criss-cross line sweep measured about 20 % faster, and the map loads faster too
/// (16 MiB: 3 ms instead of 8). Elsewhere, or when the system declines, the arrays are ordinary.
enum FloatStorage {
    /// Arrays below this many bytes are left alone (they span few pages).
    static let minimumBytes = 4 << 20
    /// Nor above this many: faulting in fresh 2 MiB pages varies with the system's state, and
    /// grows with the map (a 64 MiB map measured 9–135 ms instead of ~35, a 512 MiB one 1.2 s
    /// instead of 0.3), while a 16 MiB one loads in 3–30 ms instead of ~9.
    static let maximumBytes = 32 << 20

    /// An array of `count` floats that `fill` initialises, returning how many it initialised (all
    /// of them, or 0 after a failure it records itself).
    static func make(count: Int, _ fill: (UnsafeMutableBufferPointer<Float>) -> Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            initialized = fill(buffer)
        }
    }

    /// Asks for huge pages on the whole 2 MiB pages inside `buffer` (a no-op off Linux).
    static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard buffer.count >= minimumBytes, buffer.count <= maximumBytes, let base = buffer.baseAddress else { return }
        let page = 2 << 20
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + buffer.count) / page * page
        guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(first, end - start, 14)  // MADV_HUGEPAGE; best effort, failure changes nothing
        #endif
    }
}
