#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AttentionKernels
import Synchronization

/// A second thread that shares the parts of a large per-query loop, so one keystroke can use both cores.
///
/// Only global attention's product and softmax (`DotProductSoftmax`) use it, when the engine's
/// `RuntimeConfiguration.threads` is 2: that is where `attnscope bench` measured two cores faster
/// side by side (b2b p50 at 64×256×256 with the other core idle, four runs: 0.36–0.40 ms on one
/// core, 0.21–0.24 ms on two). Criss-cross's lines and product run on one core, measured faster.
///
/// `forEach(count:_:)` runs `body(0) … body(count − 1)`, each index once, on the caller and on
/// this thread: both take the next index from one counter until none is left. When the other
/// core is busy (or this thread is still waking, which costs tens of microseconds) the caller
/// simply takes more parts, so a loaded machine costs little more than one core. After each job
/// the thread keeps polling for the next one for a short while (a cursor held down sends
/// keystrokes back to back) before it sleeps. Only loops of ≥ ~0.01 ms are worth sharing
/// (`splitThreshold`). A caller that finds the thread busy (another thread sharing at the same
/// moment) runs every part itself. When the caller had to wait long for a part the helper took
/// twice in a row (the system keeps preempting it: the other core is busy), sharing pauses for
/// half a second; a single late part (a wake-up the virtual machine delayed) does not.
final class SecondCore: @unchecked Sendable {
    /// The process's one helper thread, started on first use (by an engine whose
    /// `RuntimeConfiguration.threads` is 2).
    static let shared = SecondCore()

    /// Multiply-adds below which global attention's streaming product runs on
    /// one core: measured with `attnscope bench`, global attention on 64×64×64 (256K) took
    /// ~0.008 ms shared instead of ~0.0125, on 64×128×128 0.033 instead of 0.058.
    static let splitThreshold = 1 << 18

    /// The generation of the job in flight (bumped per job); the helper runs a job when it differs from what it ran.
    private let posted = Atomic<Int>(0)
    /// `generation << 32 | next index`: a part is claimed by a compare-exchange that also checks
    /// the generation, so a thread still holding an old job's generation claims nothing new.
    private let tickets = Atomic<Int>(0)
    /// The parts of the job in flight.
    private let count = Atomic<Int>(0)
    /// Parts finished in the job in flight.
    private let completed = Atomic<Int>(0)
    /// True while the helper waits on `wake` (the caller must signal it).
    private let sleeping = Atomic<Bool>(false)
    /// Held by the one caller whose job is in flight.
    private let busy = Atomic<Bool>(false)
    /// No sharing before this time (ns, `now()`): set after two jobs in a row waited long.
    private let pausedUntil = Atomic<Int>(0)
    /// Consecutive jobs that ended with a long wait for the helper (touched by the job's caller only).
    private let longWaits = Atomic<Int>(0)
    /// A wait for the helper longer than this (ns) means the other core is taken.
    private static let longWait = 200_000
    /// How long sharing pauses after two long waits in a row (ns).
    private static let pause = 500_000_000
    /// The job in flight; written before its generation is posted, read only by a thread that has
    /// claimed one of its parts (the caller waits for every claimed part before clearing it).
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

    /// Runs `body(i)` for every i in 0..<parts, spread over this thread and the helper; returns
    /// when all are done. The parts must be independent.
    func forEach(count parts: Int, _ body: (Int) -> Void) {
        guard parts > 1, SecondCore.now() >= pausedUntil.load(ordering: .relaxed),
              busy.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged else {
            for i in 0..<max(parts, 0) { body(i) }
            return
        }
        withoutActuallyEscaping(body) { escaping in
            let generation = posted.load(ordering: .sequentiallyConsistent) + 1
            job = escaping
            count.store(parts, ordering: .sequentiallyConsistent)
            completed.store(0, ordering: .sequentiallyConsistent)
            tickets.store(generation << 32, ordering: .sequentiallyConsistent)
            posted.store(generation, ordering: .sequentiallyConsistent)
            if sleeping.load(ordering: .sequentiallyConsistent) {
                pthread_mutex_lock(mutex)
                pthread_cond_signal(wake)
                pthread_mutex_unlock(mutex)
            }
            work(generation)
            var waited = 0
            if completed.load(ordering: .acquiring) != parts {
                let start = SecondCore.now()
                while completed.load(ordering: .acquiring) != parts { ak_spin_pause() }
                waited = SecondCore.now() - start
            }
            if waited <= SecondCore.longWait {
                longWaits.store(0, ordering: .relaxed)
            } else if longWaits.wrappingAdd(1, ordering: .relaxed).newValue >= 2 {
                longWaits.store(0, ordering: .relaxed)
                pausedUntil.store(SecondCore.now() + SecondCore.pause, ordering: .relaxed)
            }
            job = nil
        }
        busy.store(false, ordering: .sequentiallyConsistent)
    }

    /// Claims and runs parts of job `generation` until none is left.
    private func work(_ generation: Int) {
        while true {
            let ticket = tickets.load(ordering: .sequentiallyConsistent)
            let index = ticket & 0xFFFF_FFFF
            guard ticket >> 32 == generation, index < count.load(ordering: .sequentiallyConsistent) else { return }
            guard tickets.compareExchange(expected: ticket, desired: ticket + 1, ordering: .sequentiallyConsistent).exchanged else {
                continue
            }
            job?(index)
            completed.wrappingAdd(1, ordering: .releasing)
        }
    }

    /// The helper: take parts of each posted job; poll ~0.3 ms for the next, then sleep.
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
                while posted.load(ordering: .sequentiallyConsistent) == done {
                    pthread_cond_wait(wake, mutex)
                }
                sleeping.store(false, ordering: .sequentiallyConsistent)
                pthread_mutex_unlock(mutex)
            }
            done = posted.load(ordering: .sequentiallyConsistent)
            work(done)
        }
    }

    /// A monotonic clock in nanoseconds.
    private static func now() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1_000_000_000 + t.tv_nsec
    }
}
