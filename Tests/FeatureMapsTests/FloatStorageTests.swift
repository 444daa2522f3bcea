import Foundation
import Testing
@testable import FeatureMaps

/// Arrays made for huge pages hold exactly what their filler wrote, large or small, and a
/// filler that gives up leaves an empty array.
@Suite struct FloatStorageTests {
    @Test(arguments: [0, 7, 1 << 20, (5 << 20) / 4 + 3])
    func holdsWhatTheFillerWrote(count: Int) {
        let values = FloatStorage.make(count: count) { buffer in
            for i in buffer.indices { buffer[i] = Float(i % 1000) }
            return buffer.count
        }
        #expect(values.count == count)
        #expect(values.indices.allSatisfy { values[$0] == Float($0 % 1000) })
    }

    @Test func aFailedFillLeavesNothing() {
        let values = FloatStorage.make(count: 3 << 20) { _ in 0 }
        #expect(values.isEmpty)
    }

    /// On Linux a large map is backed by huge pages where the system has them in "madvise"
    /// mode: the advice itself must never fail the load (no crash, values intact), whatever the
    /// system answers.
    @Test func advisingOddRangesIsHarmless() {
        var bytes = [UInt8](repeating: 1, count: (9 << 20) + 5)
        bytes.withUnsafeMutableBytes { raw in
            FloatStorage.adviseHugePages(raw)
            FloatStorage.adviseHugePages(UnsafeMutableRawBufferPointer(rebasing: raw[3..<(raw.count - 1)]))
            FloatStorage.adviseHugePages(UnsafeMutableRawBufferPointer(rebasing: raw[0..<100]))
        }
        #expect(bytes.allSatisfy { $0 == 1 })
    }
}
