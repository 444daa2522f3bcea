/// How a fixed set of samples spreads its masses over the map: each sample's four bilinear
/// corners, merged per pixel into sparse entries, prepared once for every query.
///
/// `weights(attention:pixelCount:)` gives the map a dense scatter `M[corner] += Float(w·a_s)`
/// over samples s and their corners in order would give, bit for bit (each pixel's terms are
/// summed in Float in the same order), but touches only the corners.
struct SampleSpread: Sendable {
    /// The in-image corner pixels, row-major indices, strictly increasing.
    let entryIndices: [Int]
    /// The entry of each term; the terms of one entry are adjacent.
    let contributionEntry: [Int32]
    /// The sample of each term, in (sample, corner) order within an entry.
    let contributionSample: [Int32]
    /// The corner weight of each term.
    let contributionWeight: [Double]
    /// The samples of the off-map corners, in (sample, corner) order.
    let offImageSample: [Int]
    /// The corner weight of each off-map corner.
    let offImageWeight: [Double]

    /// Prepares the spread of samples whose corners are `cornerIndex[4s + corner]` (a row-major
    /// pixel index, or −1 off the map) with weights `cornerWeight[4s + corner]`.
    init(cornerIndex: [Int], cornerWeight: [Double]) {
        precondition(cornerIndex.count == cornerWeight.count, "one weight per corner")
        let inside = cornerIndex.indices.filter { cornerIndex[$0] >= 0 }
        // By pixel, then by (sample, corner): the order a dense scatter adds each pixel's terms.
        let order = inside.sorted { cornerIndex[$0] != cornerIndex[$1] ? cornerIndex[$0] < cornerIndex[$1] : $0 < $1 }
        var indices: [Int] = [], entries: [Int32] = [], samples: [Int32] = [], weights: [Double] = []
        for k in order {
            if indices.last != cornerIndex[k] { indices.append(cornerIndex[k]) }
            entries.append(Int32(indices.count - 1))
            samples.append(Int32(k / 4))
            weights.append(cornerWeight[k])
        }
        entryIndices = indices
        contributionEntry = entries
        contributionSample = samples
        contributionWeight = weights
        let outside = cornerIndex.indices.filter { cornerIndex[$0] < 0 }
        offImageSample = outside.map { $0 / 4 }
        offImageWeight = outside.map { cornerWeight[$0] }
    }

    /// The bytes the spread holds.
    var bytes: Int {
        (entryIndices.count + offImageSample.count) * MemoryLayout<Int>.size
            + (contributionEntry.count + contributionSample.count) * MemoryLayout<Int32>.size
            + (contributionWeight.count + offImageWeight.count) * MemoryLayout<Double>.size
    }

    /// The sparse map of a `pixelCount`-pixel image when sample s carries mass `attention[s]`.
    ///
    /// The values are written into `values` (resized to the entry count; in place when that
    /// array is not shared), which the map then shares.
    func weights(attention: UnsafePointer<Float>, pixelCount: Int, reusing values: inout [Float]) -> SparseWeights {
        let entries = entryIndices.count
        if values.count != entries { values = [Float](repeating: 0, count: entries) }
        values.withUnsafeMutableBufferPointer { out in
            contributionEntry.withUnsafeBufferPointer { entry in
                contributionSample.withUnsafeBufferPointer { sample in
                    contributionWeight.withUnsafeBufferPointer { weight in
                        // One pass over the terms without branches: a running sum restarts at 0
                        // with each entry's first term and is stored after every term, so the
                        // entry's last store holds 0 + t1 + t2 + … in order.
                        var v: Float = 0
                        var previous: Int32 = -1
                        for j in 0..<entry.count {
                            let e = entry[j]
                            v = (e == previous ? v : 0) + Float(weight[j] * Double(attention[Int(sample[j])]))
                            out[Int(e)] = v
                            previous = e
                        }
                    }
                }
            }
        }
        return SparseWeights(count: pixelCount, indices: entryIndices, values: values)
    }

    /// The mass of the off-map corners, `Σ w·a_s` in (sample, corner) order.
    func offImage(attention: UnsafePointer<Float>) -> Double {
        var total = 0.0
        for (s, w) in zip(offImageSample, offImageWeight) { total += w * Double(attention[s]) }
        return total
    }
}
