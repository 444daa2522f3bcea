/// In-place selection (quickselect): the k-th smallest element without sorting the rest.
enum Selection {
    /// Reorders `values` so that `values[k]` is the element a full ascending sort would put
    /// there, everything before it ≤ it and everything after it ≥ it. Expected linear time.
    static func place(_ k: Int, in values: UnsafeMutableBufferPointer<Float>) {
        precondition(k >= 0 && k < values.count, "selection rank out of range")
        var low = 0, high = values.count - 1
        while high > low {
            // The median of three as pivot keeps sorted and reversed inputs linear.
            let middle = low + (high - low) / 2
            let pivot = medianOfThree(values[low], values[middle], values[high])
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now [low, j] ≤ pivot ≤ [i, high], and (j, i) equals the pivot.
            if k <= j { high = j } else if k >= i { low = i } else { return }
        }
    }

    private static func medianOfThree(_ a: Float, _ b: Float, _ c: Float) -> Float {
        max(min(a, b), min(max(a, b), c))
    }
}
