#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the C allocator from handing every per-frame map back to the kernel.
///
/// A field's weight map is one `H·W` Float array per keystroke (256 KB at 256×256). With glibc's
/// defaults such a block comes from `mmap` or sits at the top of the heap where `free` trims it,
/// so every frame page-faults its map (and the renderer's buffers) in again: at 64×256×256 that
/// was ~0.07 ms of a dat query's 0.09 ms and half the render time. Blocks up to 4 MB now come
/// from the heap, and up to 32 MB of free heap stays mapped for the next frame; larger blocks
/// (maps, caches) are still mapped and returned as before. Peak memory is unchanged.
enum FrameMemory {
    /// Applies the allocator settings once per process (by the first `AttentionEngine` whose
    /// `RuntimeConfiguration.allocatorTuning` asks for it).
    static let configured: Bool = {
        #if canImport(Glibc)
        // <malloc.h> is not in the Glibc module: look `mallopt` up instead (absent under other
        // C libraries, and then nothing changes).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1  // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD
        _ = mallopt(mmapThreshold, 4 << 20)
        _ = mallopt(trimThreshold, 32 << 20)
        return true
        #else
        return false
        #endif
    }()
}
