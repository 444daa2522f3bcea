import FeatureMaps

/// Everything the program knows about one mechanism, in one value beside its implementation.
///
/// The factory, the captions, the knobs and their keys, the step counts, the stacking rules,
/// the NaN diagnosis, the digit keys, the help text, the validation of every front end and the
/// tour and session keywords read from here, so a new mechanism is its folder (its type and
/// this descriptor) plus one line in `Mechanisms.standard`. A class, so that reading one (a title
/// per frame) copies one reference rather than a dozen closures.
public final class MechanismDescriptor: Sendable {
    /// Its name.
    public let mode: Mode
    /// A human title for panels and captions ("CCNet criss-cross").
    public let title: String
    /// What it is, as a set of traits.
    public let traits: MechanismTraits
    /// The loaded tensors it reads.
    public let inputs: Set<AttentionInput>
    /// The loaded tensors without which it cannot be made at all (loaded attention's file): the
    /// explorer does not offer it without them.
    public let needs: Set<AttentionInput>
    /// The settings it reads (others are carried but ignored).
    public let reads: Set<Setting>
    /// Its knobs: the first turned by `-` `=`, the second by `[` `]`.
    public let knobs: [Knob]
    /// Its own rules on the settings it reads, beyond those every mode shares
    /// (`SettingsValidation.common`); the first broken one is returned.
    public let rules: @Sendable (AttentionSettings) -> SettingError?
    /// The names of the statistics it adds to `AttentionField.extras`.
    public let statistics: [String]
    /// One plain sentence saying what the view shows with these settings on a map of this size.
    public let caption: @Sendable (AttentionSettings, MapDimensions) -> String
    /// How many views a user can step through (passes, layers) with these settings, known
    /// before anything is computed; 0 for a single view.
    public let stepCount: @Sendable (AttentionSettings) -> Int
    /// The explanatory views it offers with these settings.
    public let teachingViews: @Sendable (AttentionSettings) -> TeachingViews
    /// When stacked: the settings and name of each kind of layer, repeating in order
    /// (Swin alternates W-MSA and SW-MSA); one kind by default.
    public let layerKinds: @Sendable (AttentionSettings, MapDimensions) -> [(settings: AttentionSettings, name: String)]
    /// A note a stack of it adds to every field (nil: none).
    public let stackNote: String?
    /// The plain definition of a single layer: the map of `query`, computed straight from the
    /// definition (no caches or kernels) for the contract test to hold the fast path to.
    public typealias Reference = @Sendable (FeatureMap, Position, AttentionSettings, AttentionInputs) throws -> ReferenceField
    /// The mechanism's plain reference (nil for one that has none yet).
    public let reference: Reference?
    /// Makes the single-layer mechanism for a map, settings (already validated), inputs and the
    /// runtime configuration (how many cores its queries may use).
    public let make: @Sendable (FeatureMap, AttentionSettings, AttentionInputs, RuntimeConfiguration) throws -> any Mechanism

    /// Creates a descriptor; everything past `make` has the plain defaults of a one-view,
    /// unstackable mechanism with no knobs.
    public init(mode: Mode, title: String, traits: MechanismTraits, inputs: Set<AttentionInput> = [],
                needs: Set<AttentionInput> = [], reads: Set<Setting> = [], knobs: [Knob] = [],
                rules: @escaping @Sendable (AttentionSettings) -> SettingError? = { _ in nil },
                statistics: [String] = [],
                caption: @escaping @Sendable (AttentionSettings, MapDimensions) -> String,
                stepCount: @escaping @Sendable (AttentionSettings) -> Int = { _ in 0 },
                teachingViews: @escaping @Sendable (AttentionSettings) -> TeachingViews = { _ in [] },
                layerKinds: (@Sendable (AttentionSettings, MapDimensions) -> [(settings: AttentionSettings, name: String)])? = nil,
                stackNote: String? = nil,
                reference: Reference? = nil,
                make: @escaping @Sendable (FeatureMap, AttentionSettings, AttentionInputs, RuntimeConfiguration) throws -> any Mechanism) {
        self.mode = mode
        self.title = title
        self.traits = traits
        self.inputs = inputs
        self.needs = needs
        self.reads = reads
        self.knobs = knobs
        self.rules = rules
        self.statistics = statistics
        self.caption = caption
        self.stepCount = stepCount
        self.teachingViews = teachingViews
        let name = mode.name
        self.layerKinds = layerKinds ?? { s, _ in [(s, name)] }
        self.stackNote = stackNote
        self.reference = reference
        self.make = make
    }

    /// The first rule `settings` break for this mode (shared rules first), nil when it can use them.
    public func validate(_ settings: AttentionSettings) -> SettingError? {
        if let error = SettingsValidation.common(settings) { return error }
        if let layers = settings.layers, layers > 1, !traits.contains(.stackable) {
            return SettingError(mode: mode, setting: .layers, rule: .notStackable, value: .integer(layers))
        }
        if let error = rules(settings) {
            var named = error
            named.mode = mode
            return named
        }
        return nil
    }

    /// How many views the settings offer, a stack's layers included; 0 for settings the mode
    /// cannot use (nothing is computed for them, and their numbers are never trusted).
    public func steps(_ settings: AttentionSettings) -> Int {
        guard validate(settings) == nil else { return 0 }
        if let layers = settings.layers, layers > 1, traits.contains(.stackable) { return layers }
        return stepCount(settings)
    }

    /// The settings after turning knob `index` one step in `direction`, skipping values the
    /// rules refuse; a refusal when the knob is at its end (or the mode has no such knob: nil).
    public func turn(knob index: Int, of settings: AttentionSettings, direction: Int,
                     size: MapDimensions) -> Result<AttentionSettings, KnobRefusal>? {
        guard knobs.indices.contains(index) else { return nil }
        let knob = knobs[index]
        // Another setting the mode cannot use blocks every value of this one: say which.
        if let error = validate(settings), error.setting != knob.setting, !error.rule.tiesSettings {
            return .failure(KnobRefusal(setting: knob.setting, label: knob.label, value: knob.display(settings, size), blocked: error))
        }
        var candidate = settings
        // Skips invalid values (even kernels, LKA's even ⌈K/d⌉); a knob's range is finite, and
        // 4096 proposals bound the search whatever a rule does.
        for _ in 0..<4096 {
            switch knob.propose(candidate, direction, size) {
            case var .failure(refusal):
                if refusal.reason == nil, let rule = ruleBeyond(knob, candidate, direction) { refusal.limits = rule }
                return .failure(refusal)
            case let .success(next):
                candidate = next
                guard validate(next) == nil else { continue }
                var changed = next
                if steps(changed) != steps(settings) { changed.step = nil }  // the views changed
                return .success(changed)
            }
        }
        return .failure(KnobRefusal(setting: knob.setting, label: knob.label, value: knob.display(settings, size), reason: "no valid value further this way"))
    }

    /// The words of the rule that refuses the value one step beyond `settings` on `knob`
    /// ("odd, between 1 and 255"), nil when the end is the knob's own range rather than a rule.
    private func ruleBeyond(_ knob: Knob, _ settings: AttentionSettings, _ direction: Int) -> String? {
        guard case let .integer(value)? = knob.setting.value(in: settings) else { return nil }
        let (beyond, overflow) = value.addingReportingOverflow(direction > 0 ? 1 : -1)
        guard !overflow else { return nil }
        var probe = settings
        knob.setting.set(.integer(beyond), in: &probe)
        // The mode's own rule first: it is the narrower one (odd, 1 … 255 rather than ≥ 1).
        guard let error = rules(probe) ?? validate(probe), error.setting == knob.setting else { return nil }
        switch error.rule {
        case let .oddWithin(range): return "odd, " + SettingRule.words(range)
        case let .within(range): return SettingRule.words(range)
        default: return nil
        }
    }
}

extension MechanismDescriptor {
    /// Throws `AttentionError.setting` for the first rule `settings` break (`validate(_:)`).
    public func check(_ settings: AttentionSettings) throws {
        if let error = validate(settings) { throw AttentionError.setting(error) }
    }
}
