import Testing
@testable import Attention
import FeatureMaps

/// Global attention on timm's own ViT blocks (class, distillation and register tokens, qk-norm):
/// every head and the head mean, grid and prefix queries, against the module's softmax.
@Suite struct GlobalPrefixTokenTests {
    @Test(arguments: try ViTTokenCase.load())
    func matchesTheTimmBlocksSoftmax(_ reference: ViTTokenCase) throws {
        let engine = AttentionEngine(map: reference.map, inputs: reference.inputs)
        #expect(reference.rows.contains { $0.head == nil } && reference.rows.contains { $0.token != nil })
        for row in reference.rows {
            let field = try reference.field(engine, .global, row)
            reference.expect(field, matches: row)
            let total = field.statistics.sum + field.offImage + field.prefix.reduce(0, +)
            #expect(abs(total - 1) < 1e-5, "\(reference.name): total mass \(total)")
        }
    }

    /// LESA's binary term without position tables is the same softmax (at the same scale), so the
    /// timm rows check its prefix keys and prefix queries too.
    @Test(arguments: try ViTTokenCase.load())
    func lesasBinaryTermTakesThePrefixKeysAsGlobalDoes(_ reference: ViTTokenCase) throws {
        let engine = AttentionEngine(map: reference.map, inputs: reference.inputs)
        let d = Projection.headCount(in: reference.inputs.projections!).map { reference.map.channels / $0 }!
        for row in reference.rows where row.head != nil {
            var settings = reference.settings(row)
            settings.scale = 1 / Float(d).squareRoot()
            let field = row.token.map { try? engine.field(.lesa, prefixToken: $0, settings: settings) }
                ?? (try? engine.field(.lesa, at: row.position!, settings: settings))
            guard let field else { Issue.record("\(reference.name): lesa refused the query"); continue }
            reference.expect(field, matches: row)
        }
    }

    @Test func modesWithoutAWholeSequenceSoftmaxRefuseAPrefixQuery() throws {
        let reference = try ViTTokenCase.load()[0]
        let engine = AttentionEngine(map: reference.map, inputs: reference.inputs)
        var settings = AttentionSettings()
        settings.window = 2
        #expect(throws: AttentionError.limit(mode: .window, problem: "has no softmax over the whole sequence, so a prefix token cannot be the query (global and lesa can)")) {
            try engine.field(.window, prefixToken: 0, settings: settings)
        }
    }

    @Test func aPrefixQueryNeedsPrefixTokensInRange() throws {
        let reference = try ViTTokenCase.load()[0]
        var inputs = reference.inputs
        let engine = AttentionEngine(map: reference.map, inputs: inputs)
        #expect(throws: AttentionError.limit(mode: .global, problem: PrefixQuery.outOfRange(1, count: 1))) {
            try engine.field(.global, prefixToken: 1, settings: AttentionSettings())
        }
        inputs.prefix = nil
        #expect(throws: AttentionError.limit(mode: .global, problem: PrefixQuery.noPrefixTokens)) {
            try AttentionEngine(map: reference.map, inputs: inputs).field(.global, prefixToken: 0, settings: AttentionSettings())
        }
    }

    @Test func aPrefixOfTheWrongWidthIsRefused() throws {
        let reference = try ViTTokenCase.load()[0]
        var inputs = reference.inputs
        inputs.prefix = Tensor(shape: [2, reference.map.channels + 1], values: [Float](repeating: 0, count: 2 * (reference.map.channels + 1)))
        #expect(throws: AttentionError.input(.prefix, problem: "has shape 2×33; expected P×32 (P prefix tokens of the map's 32 channels)")) {
            try AttentionEngine(map: reference.map, inputs: inputs).field(.global, at: Position(row: 0, col: 0), settings: AttentionSettings())
        }
    }

    @Test func theClassTokenIsTheNamedOneOrTheFirst() throws {
        var inputs = AttentionInputs()
        #expect(inputs.classTokenIndex == nil)
        inputs.prefix = Tensor(shape: [3, 2], values: [Float](repeating: 0, count: 6))
        #expect(inputs.classTokenIndex == 0)
        inputs.prefixNames = ["reg", "reg", "reg"]
        #expect(inputs.classTokenIndex == nil)
        inputs.prefixNames = ["dist", "cls", "reg"]
        #expect(inputs.classTokenIndex == 1)
    }
}
