import Testing
@testable import Attention
import FeatureMaps

/// The window mechanism under each library's rules and Swin V2's cosine attention against the
/// real modules' own softmax (Reference/make_swin_variant_references.py: timm, torchvision and
/// transformers blocks with perturbed random weights, maps that are no multiple of the window).
@Suite struct SwinVariantReferenceTests {
    @Test(arguments: try ReferenceCase.load("swin_variants"))
    func matchesTheLibrarysSoftmax(_ reference: ReferenceCase) throws {
        try reference.verify()
    }

    /// The plain reference mechanism agrees with the same library numbers, so `--check` and the
    /// contract tests hold under every variant too.
    @Test(arguments: try ReferenceCase.load("swin_variants").filter { $0.name.hasSuffix("head 0") })
    func referenceMechanismAgrees(_ reference: ReferenceCase) throws {
        for (q, e) in zip(reference.queries, reference.expected) {
            let field = try WindowReference.field(map: reference.map, query: q, settings: reference.settings, inputs: reference.inputs)
            let worst = zip(field.weights, e.weights).map { abs($0 - Double($1)) }.max() ?? 0
            #expect(worst <= 1e-5, "\(reference.name) \(q): max |Δ| = \(worst)")
            #expect(abs(field.offImage - e.offImage) <= 1e-5)
        }
    }

    @Test func everyVariantAndBothVersionsAreCovered() throws {
        let names = try ReferenceCase.load("swin_variants").map(\.name)
        for library in ["timm Swin ", "timm Swin V2", "torchvision Swin ", "torchvision Swin V2", "HF Swin ", "HF Swin V2"] {
            #expect(names.contains { $0.hasPrefix(library) }, "\(library)")
        }
        #expect(names.contains { $0.contains("5x10") }, "a non-square stage (rectangular timm window)")
    }
}
