import FeatureMaps
import Testing
@testable import Attention

@Suite struct RecentlyUsedCacheTests {
    /// A value that reports a byte size, as mechanisms report their caches.
    final class Box {
        var size: Int
        init(_ size: Int) { self.size = size }
    }

    private func cache(capacity: Int, budget: Int) -> RecentlyUsedCache<String, Box> {
        RecentlyUsedCache(capacity: capacity, budget: budget, bytes: { $0.size })
    }

    @Test func countLimitDropsTheLeastRecentlyUsed() {
        var c = cache(capacity: 2, budget: .max)
        c.insert(Box(0), for: "a")
        c.insert(Box(0), for: "b")
        #expect(c.value(for: "a") != nil)  // a is now more recent than b
        let evicted = c.insert(Box(0), for: "c")
        #expect(evicted == ["b"])
        #expect(c.keys == ["a", "c"])
    }

    @Test func byteBudgetDropsLeastRecentlyUsedUntilItFits() {
        var c = cache(capacity: 12, budget: 100)
        c.insert(Box(40), for: "a")
        c.insert(Box(40), for: "b")
        c.insert(Box(10), for: "c")
        #expect(c.keys == ["a", "b", "c"])
        #expect(c.totalBytes == 90)
        let evicted = c.insert(Box(30), for: "d")  // 120 > 100: a goes
        #expect(evicted == ["a"])
        #expect(c.totalBytes == 80)
    }

    @Test func theMostRecentEntryStaysEvenWhenAloneOverBudget() {
        var c = cache(capacity: 12, budget: 100)
        c.insert(Box(10), for: "small")
        let evicted = c.insert(Box(500), for: "huge")
        #expect(evicted == ["small"])
        #expect(c.keys == ["huge"])
        #expect(c.value(for: "huge")?.size == 500)
    }

    @Test func entriesThatGrowAreCountedOnTheNextEviction() {
        var c = cache(capacity: 12, budget: 100)
        let a = Box(10)
        c.insert(a, for: "a")
        c.insert(Box(10), for: "b")
        #expect(c.evict().isEmpty)
        a.size = 95  // a's cache filled up after it was inserted
        #expect(c.evict() == ["a"])
        #expect(c.keys == ["b"])
    }

    @Test func loweringLimitsEvicts() {
        var c = cache(capacity: 12, budget: 1000)
        for k in ["a", "b", "c", "d"] { c.insert(Box(100), for: k) }
        c.budget = 250
        #expect(c.evict() == ["a", "b"])
        c.capacity = 1
        #expect(c.evict() == ["c"])
        #expect(c.keys == ["d"])
    }

    @Test func engineReusesAndBoundsItsMechanisms() throws {
        let map = FeatureMap(channels: 2, height: 3, width: 4, data: (0..<24).map(Float.init), name: "t",
                             origin: .synthesized(scene: "test"))
        let engine = AttentionEngine(map: map)
        engine.capacity = 2
        var s = AttentionSettings()
        let first = try engine.mechanism(.global, settings: s)
        #expect(try engine.mechanism(.global, settings: s) === first)
        s.temperature = 2
        _ = try engine.mechanism(.global, settings: s)
        s.temperature = 3
        _ = try engine.mechanism(.global, settings: s)
        #expect(engine.cachedCount == 2)
        s.temperature = 1
        #expect(try engine.mechanism(.global, settings: s) !== first)  // evicted, made again
        s.step = 5  // the step does not key the cache
        #expect(engine.cachedCount == 2)
        #expect(engine.cacheBudget >= 8 << 20)
    }

    @Test func engineEvictsMechanismsWhoseCachesExceedTheBudget() throws {
        let map = CrissCrossAttentionTests.map(channels: 3, height: 6, width: 7)
        let engine = AttentionEngine(map: map)
        var deep = AttentionSettings()
        deep.passes = 3  // keeps pass 1's attention for every pixel and x^(1): a real cache
        _ = try engine.field(.crissCross, at: Position(row: 2, col: 3), settings: deep)
        let held = engine.cachedBytes
        #expect(held >= 6 * 7 * (6 + 7) * 4)
        engine.cacheBudget = held - 1  // the criss-cross cache alone no longer fits beside another
        _ = try engine.field(.global, at: Position(row: 0, col: 0), settings: AttentionSettings())
        #expect(engine.cachedCount == 1)  // criss-cross went, global (in use, no cache) stayed
        #expect(engine.cachedBytes == 0)
        // In use, a mechanism stays even alone over budget.
        engine.cacheBudget = 0
        _ = try engine.field(.crissCross, at: Position(row: 1, col: 1), settings: deep)
        #expect(engine.cachedCount == 1)
        #expect(engine.cachedBytes > 0)
    }
}

/// The most recently used entry is answered without a lookup; it must follow inserts, lookups
/// and `removeAll`.
@Suite struct RecentlyUsedCacheRecencyTests {
    @Test func theMostRecentAnswerFollowsTheCache() {
        var c = RecentlyUsedCache<String, RecentlyUsedCacheTests.Box>(capacity: 2, budget: .max, bytes: { $0.size })
        let a = RecentlyUsedCacheTests.Box(1), b = RecentlyUsedCacheTests.Box(2)
        c.insert(a, for: "a")
        #expect(c.value(for: "a") === a)
        c.insert(b, for: "b")
        #expect(c.value(for: "b") === b)
        #expect(c.value(for: "a") === a)  // a again: most recent, b least
        let replaced = RecentlyUsedCacheTests.Box(3)
        c.insert(replaced, for: "a")
        #expect(c.value(for: "a") === replaced)
        c.insert(RecentlyUsedCacheTests.Box(4), for: "c")  // evicts b
        #expect(c.value(for: "b") == nil)
        c.removeAll()
        #expect(c.value(for: "c") == nil)
        #expect(c.keys.isEmpty)
    }
}
