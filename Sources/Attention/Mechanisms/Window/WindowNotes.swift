import Foundation

extension WindowAttention {
    /// The facts the UI states for a layout: which small-map rule applied, the padding, the roll,
    /// Swin V2's temperature and the bias.
    static func notes(layout: SwinLayout, settings: AttentionSettings, cosine: CosineLogitScale?,
                      projected: Bool, biasLoaded: Bool) -> [String] {
        var notes: [String] = []
        if let cosine {
            let factor = settings.scale.map { "\(NumberText.short(Double($0))) (--scale)" }
                ?? "\(NumberText.short(Double(cosine.factor))) (exp(min(tau, ln 100)), tau \(NumberText.short(Double(cosine.raw))) of head \(settings.head))"
            notes.append("Swin V2 cosine attention: logit = cos(q, k)·\(factor) + bias, no 1/√d")
        }
        let window = layout.windowText, requested = settings.window
        let shift = layout.shiftRows == layout.shiftCols ? "\(layout.shiftRows)" : "(\(layout.shiftRows), \(layout.shiftCols))"
        switch layout.variant {
        case .official:
            if layout.windowShrank {
                notes.append("window shrank to min(H,W)=\(layout.windowRows)" + (settings.shift != 0 ? " and shift \(settings.shift) dropped to 0" : "")
                             + " (classification code's <= rule)")
            } else if layout.shiftDropped {
                notes.append("min(H,W)=\(layout.windowRows) <= M=\(requested): shift \(settings.shift) dropped to 0 (classification code's <= rule)")
            }
        case .timm:
            if layout.windowShrank || layout.shiftDropped {
                notes.append("timm rules: an axis no longer than M=\(requested) takes window = its length and no shift (window \(window), shift \(shift))")
            }
        case .torchvision:
            if layout.shiftDropped {
                notes.append("torchvision rules: the window stays \(window); no shift on an axis whose padded length <= M (shift \(shift))")
            }
        }
        if layout.isPadded {
            let order: String
            switch layout.variant {
            case .official: order = "padded to \(layout.paddedHeight)×\(layout.paddedWidth) with zero tokens (detection code)"
            case .timm: order = "rolled, then padded to \(layout.paddedHeight)×\(layout.paddedWidth) with zero tokens (timm)"
            case .torchvision: order = "padded to \(layout.paddedHeight)×\(layout.paddedWidth) with zero tokens, then rolled (torchvision)"
            }
            var text = order + "; mass on padding reported as off-image"
            if projected { text += "; padding keys are Wk·0 + bk = bk (padding precedes the qkv projection)" }
            notes.append(text)
        }
        if layout.roll.isShifted {
            notes.append("shifted windows: map rolled by (−\(layout.shiftRows), −\(layout.shiftCols)); keys outside the query's region get −100")
        }
        if biasLoaded { notes.append((cosine != nil ? "position bias (16·sigmoid(cpb_mlp)) loaded" : "relative position bias loaded") + " (head \(settings.head))") }
        return notes
    }

    /// The field's flavor: Swin V2's cosine attention and a library's rules, when either applies.
    static func flavor(variant: SwinVariant, cosine: Bool) -> FieldFlavor? {
        var names: [String] = [], explanations: [String] = []
        if cosine {
            names.append("Swin V2 · cosine")
            explanations.append("Swin V2: each logit is the cosine of q and k times a learned temperature per head, with no 1/sqrt(d)")
        }
        if let qualifier = variant.qualifier {
            names.append(qualifier)
            switch variant {
            case .timm: explanations.append("timm's window rules: a short axis takes a window its own length and no shift; the map is rolled before padding")
            case .torchvision: explanations.append("torchvision's window rules: the window never shrinks; no shift where the padded axis fits one window")
            case .official: break
            }
        }
        guard !names.isEmpty else { return nil }
        return FieldFlavor(name: names.joined(separator: " · "), explanation: explanations.joined(separator: "; ") + ".")
    }
}
