import Testing
import FeatureMaps
@testable import Attention

/// Stacked layers against PyTorch (`Reference/reference_layer_stack.py`): Swin's W-MSA/SW-MSA
/// alternation, neighborhood, LKA and DCN composed over L layers, each step, with the reach.
@Suite struct StackedLayersTests {
    @Test(arguments: try ReferenceCase.load("layer_stack"))
    func matchesPyTorch(_ reference: ReferenceCase) throws {
        try reference.verify()
    }

    @Test func layerStackComposesTopLayerFirst() {
        // Two 1-D "layers" on 3 pixels: A1 moves everything right, A2 splits in half.
        let a1: [LayerStack.Row] = [.init(keys: [1], weights: [1]), .init(keys: [2], weights: [1]),
                                    .init(keys: [2], weights: [0.5], offImage: 0.5)]
        let a2: [LayerStack.Row] = [.init(keys: [0, 1], weights: [0.5, 0.5]), .init(keys: [1], weights: [1]),
                                    .init(keys: [2], weights: [1])]
        // e_0 · A2 · A1 = (0.5, 0.5, 0) · A1 = (0, 0.5, 0.5).
        let composed = LayerStack.compose(query: 0, pixelCount: 3, layers: 2) { l, m in l == 1 ? a1[m] : a2[m] }
        #expect(composed.weights == [0, 0.5, 0.5])
        #expect(composed.offImage == 0)
        // One more A1 on top: e_0·A1·A2·A1 = e_1·A2·A1 = e_1·A1 = e_2.
        let three = LayerStack.compose(query: 0, pixelCount: 3, layers: 3) { l, m in l == 2 ? a2[m] : a1[m] }
        #expect(three.weights == [0, 0, 1])
        let lost = LayerStack.compose(query: 2, pixelCount: 3, layers: 1) { _, m in a1[m] }
        #expect(lost.weights == [0, 0, 0.5] && lost.offImage == 0.5)
        #expect(LayerStack.reach([0, 1e-31, 2e-30, 0.5]) == 2)
    }

    @Test func reachGrowsWithDepthAndFullMapIsTheLastLayer() throws {
        let map = TestMaps.smooth(channels: 3, height: 20, width: 20)
        var settings = AttentionSettings()
        settings.kernel = 3
        settings.layers = 4
        let engine = AttentionEngine(map: map)
        let mechanism = try engine.mechanism(.neighborhood, settings: settings)
        #expect(mechanism.steps == ["layer 1", "layer 2", "layer 3", "layer 4"])
        let q = Position(row: 10, col: 10)
        var reaches: [Double] = []
        for step in 0..<4 {
            settings.step = step
            reaches.append(try engine.field(.neighborhood, at: q, settings: settings).extras["reach"] ?? -1)
        }
        // A 3×3 neighbourhood grows by one pixel per side per layer: 3², 5², 7², 9².
        #expect(reaches == [9, 25, 49, 81])
        settings.step = nil
        let full = try engine.field(.neighborhood, at: q, settings: settings)
        #expect(full.extras["reach"] == 81 && full.stepLabel == "layer 4 of 4")
    }

    @Test func refusesUnstackableModesAndDepths() {
        let map = TestMaps.smooth(channels: 2, height: 8, width: 8)
        var settings = AttentionSettings()
        settings.layers = 3
        #expect(throws: AttentionError.self) { try Mechanisms.make(.global, map: map, settings: settings, inputs: AttentionInputs()) }
        settings.layers = StackedLayers.maximumLayers + 1
        #expect(throws: AttentionError.self) { try Mechanisms.make(.lka, map: map, settings: settings, inputs: AttentionInputs()) }
        settings.layers = 0
        #expect(throws: AttentionError.self) { try Mechanisms.make(.window, map: map, settings: settings, inputs: AttentionInputs()) }
    }
}

@Suite struct LayerStackApplyTests {
    @Test func applyingOneMoreLayerEqualsComposingTheDeeperStack() {
        // A 5-pixel ring: each pixel keeps 0.5 and passes 0.25 to each neighbour; pixel 4 loses 0.1 off the image.
        func row(_ m: Int) -> LayerStack.Row {
            let keys = [Int32((m + 4) % 5), Int32(m), Int32((m + 1) % 5)]
            return m == 4 ? .init(keys: keys, weights: [0.25, 0.4, 0.25], offImage: 0.1) : .init(keys: keys, weights: [0.25, 0.5, 0.25])
        }
        let two = LayerStack.compose(query: 1, pixelCount: 5, layers: 2) { _, m in row(m) }
        let three = LayerStack.compose(query: 1, pixelCount: 5, layers: 3) { _, m in row(m) }
        let stepped = LayerStack.apply([3], to: two) { _, m in row(m) }
        for i in 0..<5 { #expect(abs(stepped.weights[i] - three.weights[i]) < 1e-7) }
        #expect(abs(stepped.offImage - three.offImage) < 1e-9)
        #expect(three.offImage > 0)
        #expect(abs(Double(three.weights.reduce(0, +)) + three.offImage - 1) < 1e-6)
    }
}
