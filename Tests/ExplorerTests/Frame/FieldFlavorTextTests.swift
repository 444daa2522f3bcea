import Attention
import Rendering
import Testing
@testable import Explorer

/// A field's flavor (Swin V2's cosine attention, a library's window rules) reaches the status
/// line, the side panel, the panel title and the caption; a plain field shows none.
@Suite struct FieldFlavorTextTests {
    private func flavoured() -> AttentionField {
        var field = uniformField(.window)
        field.flavor = FieldFlavor(name: "Swin V2 · cosine · timm rules", explanation: "Swin V2: cosine logits.")
        return field
    }

    @Test func statusPanelTitleAndCaptionNameIt() {
        let state = makeState()
        let field = flavoured()
        #expect(FrameText.status(state, outcome: .field(field, steps: []), preparing: false)
            .hasPrefix("global q=12,16 · Swin V2 · cosine · timm rules │"))
        #expect(FrameText.sidePanel(state, outcome: .field(field, steps: [])).contains("Swin V2 · cosine · timm rules"))
        #expect(FieldSummary.title(field) == "Swin window · Swin V2 · cosine · timm rules")
        #expect(FieldSummary.status(field).hasPrefix("window (Swin V2 · cosine · timm rules)  q="))
        #expect(FieldSummary.caption(field) == "Swin V2: cosine logits.")
        #expect(FrameText.caption(state, outcome: .field(field, steps: [])).hasSuffix(" Swin V2: cosine logits."))
    }

    @Test func aPlainFieldShowsNoFlavor() {
        let state = makeState()
        let field = uniformField(.window)
        #expect(FieldSummary.title(field) == "Swin window")
        #expect(FrameText.caption(state, outcome: .field(field, steps: [])) == FrameText.caption(state))
        #expect(!FrameText.status(state, outcome: .field(field, steps: []), preparing: false).contains("·"))
    }
}
