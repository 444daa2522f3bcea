import FeatureMaps
import Foundation
import Testing
@testable import Attention

/// The sampling mechanisms' sparse maps against a dense scatter of the same samples.
@Suite struct SparseFieldTests {
    static func map(channels: Int, height: Int, width: Int, seed: UInt64 = 11) -> FeatureMap {
        FeatureMap(channels: channels, height: height, width: width,
                   data: SparseWeightsTests.random(channels * height * width, seed: seed).map { $0 * 2 - 1 },
                   name: "t", origin: .synthesized(scene: "test"))
    }

    /// `M[corner] += Float(w·a)` over samples and their corners in order: the dense definition.
    static func denseScatter(_ samples: [Sample], height: Int, width: Int) -> (weights: [Float], offImage: Double) {
        var out = [Float](repeating: 0, count: height * width), off = 0.0
        for s in samples {
            BilinearCorners(y: s.y, x: s.x).forEach(height: height, width: width) { row, col, w, inside in
                if inside { out[row * width + col] += Float(w * s.weight) } else { off += w * s.weight }
            }
        }
        return (out, off)
    }

    static func expectConsistent(_ field: AttentionField, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case let .sparse(entries) = field.storedWeights else {
            Issue.record("\(field.mode.name) should store a sparse map", sourceLocation: sourceLocation)
            return
        }
        let dense = field.weights
        let scatter = denseScatter(field.samples, height: field.height, width: field.width)
        #expect(dense.map(\.bitPattern) == scatter.weights.map(\.bitPattern), sourceLocation: sourceLocation)
        #expect(field.offImage.bitPattern == scatter.offImage.bitPattern, sourceLocation: sourceLocation)
        for row in 0..<field.height {
            for col in 0..<field.width where field.weight(at: Position(row: row, col: col)) != dense[row * field.width + col] {
                Issue.record("weight(at: \(row),\(col))", sourceLocation: sourceLocation)
            }
        }
        #expect(entries.indices.count <= 4 * field.samples.count, sourceLocation: sourceLocation)
        let d = FieldStatistics(weights: dense, keysAttended: field.statistics.keysAttended, cost: field.statistics.cost)
        let s = field.statistics
        #expect(abs(s.sum - d.sum) <= 1e-6 && abs(s.entropy - d.entropy) <= 1e-6, sourceLocation: sourceLocation)
        #expect(s.max == d.max && s.argmax == d.argmax && s.nanCount == d.nanCount, sourceLocation: sourceLocation)
    }

    /// DAT's samples share corners (stride 1 puts neighbours a pixel apart) and clamp onto the
    /// border, whose corners lie partly off the map.
    @Test func datMatchesADenseScatter() throws {
        let map = Self.map(channels: 4, height: 9, width: 11)
        for stride in [1, 2, 3] {
            var settings = AttentionSettings()
            settings.stride = stride
            let dat = try DeformableAttention(map: map, settings: settings, inputs: AttentionInputs())
            for query in [Position(row: 0, col: 0), Position(row: 4, col: 7), Position(row: 8, col: 10)] {
                let field = try dat.field(at: query)
                Self.expectConsistent(field)
            }
            // A kept field is not overwritten by the next query (its arrays are shared, not reused).
            let first = try dat.field(at: Position(row: 1, col: 1))
            let before = (first.weights, first.samples)
            _ = try dat.field(at: Position(row: 7, col: 2))
            #expect(first.weights == before.0 && first.samples == before.1)
        }
    }

    @Test func dcnMatchesADenseScatter() throws {
        let map = Self.map(channels: 3, height: 8, width: 9)
        for (kernel, dilation) in [(3, 1), (5, 2), (1, 1)] {
            var settings = AttentionSettings()
            settings.kernel = kernel
            settings.dilation = dilation
            let dcn = try DeformableConvolution(map: map, settings: settings, inputs: AttentionInputs())
            for query in [Position(row: 0, col: 0), Position(row: 3, col: 4), Position(row: 7, col: 8)] {
                Self.expectConsistent(try dcn.field(at: query))
            }
        }
    }

    /// Stacked DCN layers read each layer's rows from the sparse entries: the same rows as from
    /// the dense map.
    @Test func layerRowsMatchTheDenseMap() throws {
        let map = Self.map(channels: 3, height: 6, width: 7)
        let dcn = try DeformableConvolution(map: map, settings: AttentionSettings(), inputs: AttentionInputs())
        for query in [Position(row: 0, col: 0), Position(row: 3, col: 3)] {
            let field = try dcn.field(at: query)
            #expect(LayerStack.Row(field.storedWeights, offImage: field.offImage)
                    == LayerStack.Row(dense: field.weights, offImage: field.offImage))
        }
    }
}
