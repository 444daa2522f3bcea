import Attention
import Testing
@testable import Benchmarks

@Suite struct QuerySweepTests {
    @Test func staysOnTheMapStartsAtTheCentreAndIsDeterministic() {
        let sweep = QuerySweep.positions(height: 37, width: 23, count: 500)
        #expect(sweep.count == 500)
        #expect(sweep[0] == Position(row: 18, col: 11))
        #expect(sweep.allSatisfy { $0.row >= 0 && $0.row < 37 && $0.col >= 0 && $0.col < 23 })
        #expect(QuerySweep.positions(height: 37, width: 23, count: 500) == sweep)
    }

    @Test func mixesSingleStepsFourStepsAndJumps() {
        let sweep = QuerySweep.positions(height: 256, width: 256, count: 301)
        var single = 0, four = 0, jumps = 0
        for (a, b) in zip(sweep, sweep.dropFirst()) {
            let d = abs(a.row - b.row) + abs(a.col - b.col)
            if d == 1 { single += 1 } else if d == 4 { four += 1 } else if d > 4 { jumps += 1 }
        }
        #expect(single > 150)
        #expect(four > 20)
        #expect(jumps > 5)
        // Both axes are walked (rows change: the row-cached modes pay their row work).
        #expect(Set(sweep.map(\.row)).count > 20)
        #expect(Set(sweep.map(\.col)).count > 20)
    }

    @Test func matchesTheNumPyBaselinesPort() {
        // The first positions of bench/numpy_baseline.py's query_sweep(64, 64, 8), from Python.
        let expected = [(32, 32), (32, 31), (32, 30), (32, 29), (32, 25), (32, 24), (32, 23), (11, 18)]
            .map { Position(row: $0.0, col: $0.1) }
        #expect(QuerySweep.positions(height: 64, width: 64, count: 8) == expected)
    }

    @Test func tinyMaps() {
        #expect(QuerySweep.positions(height: 1, width: 1, count: 3).allSatisfy { $0 == Position(row: 0, col: 0) })
        #expect(QuerySweep.positions(height: 0, width: 5, count: 3).isEmpty)
    }
}
