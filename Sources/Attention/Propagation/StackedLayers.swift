import FeatureMaps

/// L identical layers of a local mechanism stacked on one map: how far a query reaches after
/// each layer (every mechanism whose descriptor has the `stackable` trait, with `AttentionSettings.layers` > 1).
///
/// Every layer sees the same features (and dcn the same offsets): the attention of layer l is
/// the single-layer mechanism's map at each position, so the composed map is
/// `M_l = e_u · A_l ⋯ A_1` (`LayerStack`). The descriptor's `layerKinds` repeat in order: for Swin,
/// odd layers are W-MSA (shift 0) and even layers SW-MSA (shift M//2), as Swin's blocks alternate.
/// Steps are `"layer 1"` … `"layer L"`; the full map is layer L. Rows of each layer kind are
/// computed on first use and kept (they do not depend on the query).
public final class StackedLayers: Mechanism, StepSelectable {
    /// The stacked mechanism's mode.
    public let mode: Mode
    /// `"layer 1"` … `"layer L"`.
    public let steps: [String]
    /// The number of layers L (≥ 2).
    public let layers: Int

    private let height: Int
    private let width: Int
    /// The single-layer mechanisms: one per layer kind (Swin: W-MSA, SW-MSA; others: one).
    private let kinds: [any Mechanism]
    /// Each kind's rows, filled on first use.
    private var rows: [[Int: LayerStack.Row]]
    /// What each layer is, in words ("W-MSA (shift 0)").
    private let kindNames: [String]
    private let illustrative: Bool

    /// The deepest stack offered (rows of every kind stay cached, so keep it small).
    public static let maximumLayers = 8

    /// The descriptor of the stacked mechanism (its layer kinds and stack note).
    private let descriptor: MechanismDescriptor

    /// Prepares the single-layer mechanisms of `descriptor`'s mode; throws for a mode that
    /// cannot be stacked, L outside 2 … `maximumLayers`, or the single layer's own errors.
    public init(_ descriptor: MechanismDescriptor, map: FeatureMap, settings: AttentionSettings, inputs: AttentionInputs,
                runtime: RuntimeConfiguration = RuntimeConfiguration()) throws {
        let count = settings.layers ?? 1
        guard descriptor.traits.contains(.stackable) else {
            throw AttentionError.setting(SettingError(mode: descriptor.mode, setting: .layers, rule: .notStackable, value: .integer(count)))
        }
        guard count >= 2, count <= StackedLayers.maximumLayers else {
            throw AttentionError.setting(SettingError(mode: descriptor.mode, setting: .layers,
                                                      rule: .within(1...StackedLayers.maximumLayers), value: .integer(count)))
        }
        self.descriptor = descriptor
        mode = descriptor.mode
        layers = count
        height = map.height
        width = map.width
        steps = (1...count).map { "layer \($0)" }
        var single = settings
        single.layers = nil
        single.step = nil
        let kindsOfLayer = descriptor.layerKinds(single, MapDimensions(height: map.height, width: map.width))
        kinds = try kindsOfLayer.map { kind in
            if let error = descriptor.validate(kind.settings) { throw AttentionError.setting(error) }
            return try Mechanisms.layer(descriptor, map: map, settings: kind.settings, inputs: inputs, runtime: runtime)
        }
        kindNames = kindsOfLayer.map(\.name)
        rows = Array(repeating: [:], count: kinds.count)
        illustrative = try kinds[0].field(at: Position(row: 0, col: 0)).illustrative
    }

    /// The kind of layer l (1-based).
    private func kind(_ layer: Int) -> Int { (layer - 1) % kinds.count }

    /// The full map: after L layers.
    public func field(at query: Position) throws -> AttentionField {
        try field(at: query, step: layers - 1)
    }

    /// The map after `step + 1` layers, with the reach of every depth in the notes.
    public func field(at query: Position, step: Int) throws -> AttentionField {
        guard query.row >= 0, query.row < height, query.col >= 0, query.col < width else {
            throw AttentionError.queryOutsideMap(query: query, height: height, width: width)
        }
        guard step >= 0, step < layers else {
            throw AttentionError.stepOutOfRange(mode: mode, step: step, count: layers)
        }
        let depth = step + 1
        let u = query.row * width + query.col
        var reaches: [Int] = []
        var shown: LayerStack.Composed?
        var running: LayerStack.Composed?
        for l in 1...layers {
            let composed: LayerStack.Composed
            if kinds.count == 1, let previous = running {
                composed = try LayerStack.apply([l], to: previous, row: row)  // M_l = M_(l−1)·A
            } else {
                composed = try LayerStack.compose(query: u, pixelCount: height * width, layers: l, row: row)
            }
            running = composed
            reaches.append(LayerStack.reach(composed.weights))
            if l == depth { shown = composed }
        }
        guard let shown else { throw AttentionError.stepOutOfRange(mode: mode, step: step, count: layers) }
        let top = try kinds[kind(depth)].field(at: query)
        let reach = reaches[depth - 1]
        let cost = Cost(macsPerQuery: top.statistics.cost.macsPerQuery * Double(depth),
                        queriesPerLayer: height * width, keysPerQuery: reach)
        let order = (1...depth).reversed().map { "A\($0)" }.joined(separator: "·")
        var notes = ["layer \(depth) of \(layers): \(kindNames[kind(depth)]) on top; composed e_u·\(order), same features every layer (no MLP, norm or residual)",
                     "reach after layers 1…\(layers): " + reaches.map(String.init).joined(separator: ", ") + " pixels"]
        if let note = descriptor.stackNote { notes.append(note) }
        notes += top.notes
        var field = AttentionField(mode: mode, height: height, width: width, query: query, weights: shown.weights,
                                   offImage: shown.offImage, illustrative: top.illustrative || illustrative,
                                   overlays: top.overlays.filter(Self.keepsOverlay), cost: cost, keysAttended: reach,
                                   stepLabel: "layer \(depth) of \(layers)", notes: notes)
        field.flavor = top.flavor
        field.extras["reach"] = Double(reach)
        field.extras["layers"] = Double(depth)
        return field
    }

    /// Row m of layer l's attention matrix, computed once per layer kind.
    private func row(_ layer: Int, _ m: Int) throws -> LayerStack.Row {
        let k = kind(layer)
        if let hit = rows[k][m] { return hit }
        let field = try kinds[k].field(at: Position(row: m / width, col: m % width))
        let made = LayerStack.Row(field.storedWeights, offImage: field.offImage)
        rows[k][m] = made
        return made
    }

    /// The top layer's window geometry stays (it is the query's own window); its samples and
    /// arrows belong to one layer only and would mislead on a composed map.
    private static func keepsOverlay(_ overlay: Overlay) -> Bool {
        switch overlay {
        case .window, .rolledWindow, .maskRegion, .cross, .marker: return true
        case .referencePoints, .offsets, .kernelGrid, .route: return false
        }
    }
}
