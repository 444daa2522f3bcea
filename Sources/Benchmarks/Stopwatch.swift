#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic time in milliseconds, for timing single keystrokes.
public struct Stopwatch {
    private var start: Double

    /// A stopwatch started now.
    public init() { start = Stopwatch.nowMilliseconds() }

    /// Milliseconds since the stopwatch started (or was last restarted).
    public var elapsed: Double { Stopwatch.nowMilliseconds() - start }

    /// Returns the elapsed milliseconds and starts again.
    public mutating func lap() -> Double {
        let now = Stopwatch.nowMilliseconds()
        defer { start = now }
        return now - start
    }

    /// This thread's CPU time in milliseconds (`CLOCK_THREAD_CPUTIME_ID`): unlike wall time, it
    /// does not grow while other processes hold the cores.
    public static func threadCPUMilliseconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }

    /// `CLOCK_MONOTONIC` in milliseconds.
    public static func nowMilliseconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }
}
