import Testing
@testable import Attention

/// The plain references against the committed PyTorch vectors (the same cases the fast paths
/// pass), so the definitions the contract holds the fast paths to are themselves pinned.
@Suite struct ReferenceVectorTests {
    static let groups = ["global", "window", "axial", "criss_cross", "sampling", "neighborhood", "lesa", "layer_stack"]

    @Test(arguments: groups)
    func referencesMatchPyTorch(_ group: String) throws {
        let cases = try ReferenceCase.load(group)
        #expect(!cases.isEmpty)
        for c in cases {
            for (q, e) in zip(c.queries, c.expected) {
                let f = try References.field(c.mode, map: c.map, query: q, settings: c.settings, inputs: c.inputs)
                Self.expectClose(f, e, "\(c.name) \(q)")
                if let unary = e.extras["unary"] {  // LESA's share of the query itself is M[u]
                    #expect(abs(f.weights[q.row * c.map.width + q.col] - unary) <= 1e-5, "\(c.name) \(q): unary")
                }
            }
        }
    }

    @Test func residualReferenceMatchesPyTorch() throws {
        let cases = try ReferenceCase.load("criss_cross_residual")
        #expect(cases.count >= 5)
        for c in cases {
            for (q, e) in zip(c.queries, c.expected) {
                let f = try CrissCrossReference.residualField(map: c.map, query: q, settings: c.settings, inputs: c.inputs)
                Self.expectClose(f, e, "\(c.name) \(q)")
            }
        }
    }

    static func expectClose(_ f: ReferenceField, _ e: ReferenceCase.Expected, _ name: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(f.weights.count == e.weights.count, "\(name): size", sourceLocation: sourceLocation)
        let worst = zip(f.weights, e.weights).map { abs($0 - Double($1)) }.max() ?? 0
        #expect(worst <= 1e-5, "\(name): max |Δ| \(worst)", sourceLocation: sourceLocation)
        #expect(abs(f.offImage - e.offImage) <= 1e-5, "\(name): offImage \(f.offImage) vs \(e.offImage)", sourceLocation: sourceLocation)
        if let samples = e.samples {
            #expect(f.samples.count == samples.count, "\(name): samples", sourceLocation: sourceLocation)
            for (got, want) in zip(f.samples, samples) {
                let close = abs(got.y - want.y) <= 1e-5 && abs(got.x - want.x) <= 1e-5 && abs(got.weight - want.weight) <= 1e-5
                #expect(close, "\(name): sample \(got) vs \(want)", sourceLocation: sourceLocation)
            }
        }
    }
}
