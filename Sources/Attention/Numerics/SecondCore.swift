#if canImport(Glibc)
import Glibc
#endif
import AttentionKernels
import Synchronization

/// A second thread that runs half of a large per-query loop, so one keystroke can use both cores.
///
/// `split` runs `body(0)` on the caller and `body(1)` here. Waking a sleeping thread costs tens
/// of microseconds, so after each job the thread keeps polling for the next one for a short
/// while (a cursor held down sends keystrokes back to back) before it sleeps again. Only loops of
/// ≥ ~0.1 ms are worth splitting (`worthSplitting`). Whoever is free first claims half 1: a caller
/// that finishes its half before the helper has started (the other core is busy, or the helper
/// is still waking) runs it itself, so a loaded machine costs at most the one-core time. A caller
/// that finds the thread busy (another thread splitting at the same moment) runs both halves.
final class SecondCore: @unchecked Sendable {
    /// The process's one helper thread, started on first use.
    static let shared = SecondCore()

    /// Multiply-adds below which a loop runs on one core (waking the helper would cost more).
    static let splitThreshold = 1 << 20

    /// False when `ATTNSCOPE_THREADS=1` asks for one core (to compare with one-threaded code).
    static let enabled: Bool = {
        guard let value = getenv("ATTNSCOPE_THREADS") else { return true }
        return String(cString: value) != "1"
    }()

    /// Whether a loop of `work` multiply-adds is worth splitting across both cores.
    static func worthSplitting(_ work: Int) -> Bool { enabled && work >= splitThreshold }

    /// Bumped by the caller for each job; the helper runs a job when it differs from what it ran.
    private let posted = Atomic<Int>(0)
    /// The last job whose half 1 was claimed (by the helper or the caller).
    private let claimed = Atomic<Int>(0)
    /// The last job the helper finished.
    private let finished = Atomic<Int>(0)
    /// True while the helper waits on `wake` (the caller must signal it).
    private let sleeping = Atomic<Bool>(false)
    /// Held by the one caller whose job is in flight.
    private let busy = Atomic<Bool>(false)
    /// The job in flight; written by the caller before `posted` is bumped, read by the helper after.
    private nonisolated(unsafe) var job: ((Int) -> Void)?
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    private init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let started = pthread_create(&thread, nil, { raw in
            Unmanaged<SecondCore>.fromOpaque(raw!).takeUnretainedValue().loop()
            return nil
        }, context)
        if started == 0 { pthread_detach(thread) } else { busy.store(true, ordering: .sequentiallyConsistent) }
    }

    /// Runs `body(0)` on this thread and `body(1)` on the helper; returns when both are done.
    func split(_ body: (Int) -> Void) {
        guard busy.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged else {
            body(0)
            body(1)
            return
        }
        withoutActuallyEscaping(body) { escaping in
            job = escaping
            let ticket = posted.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue
            if sleeping.load(ordering: .sequentiallyConsistent) {
                pthread_mutex_lock(mutex)
                pthread_cond_signal(wake)
                pthread_mutex_unlock(mutex)
            }
            escaping(0)
            if claimed.compareExchange(expected: ticket - 1, desired: ticket, ordering: .sequentiallyConsistent).exchanged {
                escaping(1)  // the helper has not started it: faster to run it here
            } else {
                while finished.load(ordering: .acquiring) != ticket { ak_spin_pause() }
            }
            job = nil
        }
        busy.store(false, ordering: .sequentiallyConsistent)
    }

    /// The helper: run each posted job's half 1; poll ~0.3 ms for the next, then sleep.
    private func loop() {
        var done = 0
        while true {
            var polls = 0
            let start = SecondCore.now()
            while posted.load(ordering: .sequentiallyConsistent) == done {
                polls += 1
                if polls % 64 != 0 || SecondCore.now() - start < 300_000 { ak_spin_pause(); continue }
                pthread_mutex_lock(mutex)
                sleeping.store(true, ordering: .sequentiallyConsistent)
                while posted.load(ordering: .sequentiallyConsistent) == done { pthread_cond_wait(wake, mutex) }
                sleeping.store(false, ordering: .sequentiallyConsistent)
                pthread_mutex_unlock(mutex)
            }
            done = posted.load(ordering: .sequentiallyConsistent)
            // The caller may have claimed this half already (it then runs it, and `job` may be gone).
            if claimed.compareExchange(expected: done - 1, desired: done, ordering: .sequentiallyConsistent).exchanged {
                job?(1)
                finished.store(done, ordering: .releasing)
            }
        }
    }

    /// A monotonic clock in nanoseconds.
    private static func now() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1_000_000_000 + t.tv_nsec
    }
}
