import Attention

/// A deterministic walk of the query over a map, shaped like a user at the keyboard: runs of
/// single steps (arrows, hjkl), some 4-pixel steps (HJKL), and jumps across the map (clicks).
///
/// The same map size always gives the same walk, so runs and machines are comparable.
public enum QuerySweep {
    /// `count` query positions on an `height`×`width` map, starting at its centre.
    public static func positions(height: Int, width: Int, count: Int) -> [Position] {
        guard height > 0, width > 0, count > 0 else { return [] }
        var random = SplitMix(seed: UInt64(height) << 32 | UInt64(width))
        var row = height / 2, col = width / 2
        var direction = 0, runLeft = 0
        var out: [Position] = [Position(row: row, col: col)]
        out.reserveCapacity(count)
        while out.count < count {
            let roll = random.next() % 100
            if roll < 8 {
                // A click somewhere else on the map.
                row = Int(random.next() % UInt64(height))
                col = Int(random.next() % UInt64(width))
            } else {
                if runLeft == 0 {
                    direction = Int(random.next() % 4)
                    runLeft = 3 + Int(random.next() % 12)
                }
                runLeft -= 1
                let step = roll < 28 ? 4 : 1
                switch direction {
                case 0: row = max(0, row - step)
                case 1: row = min(height - 1, row + step)
                case 2: col = max(0, col - step)
                default: col = min(width - 1, col + step)
                }
            }
            out.append(Position(row: row, col: col))
        }
        return out
    }
}

/// SplitMix64: a tiny, fixed pseudo-random sequence (the walk must not depend on the stdlib's).
struct SplitMix {
    private var state: UInt64

    /// A sequence seeded with `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform Float in [−1, 1).
    mutating func nextSigned() -> Float {
        Float(next() >> 40) / Float(1 << 23) - 1
    }
}
