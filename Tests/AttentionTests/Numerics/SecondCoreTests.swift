import Foundation
import Synchronization
import Testing
@testable import Attention

/// The helper thread shares parts of a loop: every part runs exactly once, whoever runs it.
@Suite struct SecondCoreTests {
    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    /// Many jobs back to back (the helper polling, then taking parts or not) and of every size.
    @Test func everyPartRunsExactlyOnce() {
        for job in 0..<2000 {
            let parts = job % 9
            let counts = (0..<parts).map { _ in Counter() }
            SecondCore.shared.forEach(count: parts) { i in
                counts[i].value.wrappingAdd(1, ordering: .relaxed)
            }
            for i in 0..<parts { #expect(counts[i].value.load(ordering: .relaxed) == 1, "job \(job) part \(i)") }
        }
    }

    /// Two threads sharing at once: one gets the helper, the other runs its parts itself.
    @Test func concurrentCallersBothFinish() async {
        let total = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    for _ in 0..<500 {
                        SecondCore.shared.forEach(count: 8) { i in total.value.wrappingAdd(i, ordering: .relaxed) }
                    }
                }
            }
        }
        #expect(total.value.load(ordering: .relaxed) == 2 * 500 * 28)
    }

    /// A job after the helper has gone to sleep still completes (it is woken, or the caller runs it all).
    @Test func aJobAfterTheHelperSleeps() {
        SecondCore.shared.forEach(count: 2) { _ in }
        usleep(5_000)  // longer than the helper polls
        let seen = Counter()
        SecondCore.shared.forEach(count: 4) { i in seen.value.wrappingAdd(1 << i, ordering: .relaxed) }
        #expect(seen.value.load(ordering: .relaxed) == 0b1111)
    }
}
