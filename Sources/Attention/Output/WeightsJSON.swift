/// Writes a field as the `weights` JSON the README describes (the `weights` command and the explorer's export).
///
/// Each Float is written as the shortest decimal that reads back as the same *Double* (the float's
/// exact value), so readers parsing JSON numbers as doubles get the float32 weight exactly; that
/// is 9–17 significant digits unless the value is exact in fewer (0.25). Never fixed decimals;
/// non-finite weights are written `null` and counted in `"nanCount"`.
public enum WeightsJSON {
    /// The JSON document for `field`: mode, size, query (`[row, col]`, or `"token:i"` for a prefix
    /// token), weights (one row per line), offImage, illustrative, nanCount, samples (dcn and dat
    /// only), prefix (the prefix tokens' masses, when they were keys) and the mode's extras as
    /// top-level keys.
    public static func encode(_ field: AttentionField) -> String {
        var document = ""
        encode(field) { document += $0 }
        return document
    }

    /// Writes the JSON document for `field` in pieces of about 1 MiB to `write`, so that a huge
    /// map (4096×4096 is ~400 MB of text) never needs the whole text in memory.
    public static func encode(_ field: AttentionField, to write: (String) -> Void) {
        var nanCount = 0
        var out = "{\n"
        out += "  \"mode\": \(JSONLiteral.string(field.mode.name)),\n"
        out += "  \"height\": \(field.height),\n"
        out += "  \"width\": \(field.width),\n"
        if let token = field.prefixQuery {
            out += "  \"query\": \(JSONLiteral.string("token:\(token)")),\n"
        } else {
            out += "  \"query\": [\(field.query.row), \(field.query.col)],\n"
        }
        out += "  \"weights\": [\n"
        let weights = field.weights  // dense once (a sparse field builds the array on each read)
        for row in 0..<field.height {
            out += "    ["
            for col in 0..<field.width {
                let w = weights[row * field.width + col]
                if !w.isFinite { nanCount += 1 }
                if col > 0 { out += ", " }
                out += JSONLiteral.number(w)
            }
            out += row + 1 < field.height ? "],\n" : "]\n"
            if out.utf8.count >= 1 << 20 {
                write(out)
                out = ""
            }
        }
        out += "  ],\n"
        out += "  \"offImage\": \(JSONLiteral.number(field.offImage)),\n"
        out += "  \"illustrative\": \(field.illustrative),\n"
        out += "  \"nanCount\": \(nanCount)"
        if Mechanisms.descriptor(for: field.mode)?.traits.contains(.samples) == true {
            out += ",\n  \"samples\": ["
            for (i, s) in field.samples.enumerated() {
                out += i == 0 ? "\n" : ",\n"
                out += "    {\"y\": \(JSONLiteral.number(s.y)), \"x\": \(JSONLiteral.number(s.x)), \"weight\": \(JSONLiteral.number(s.weight))}"
            }
            out += field.samples.isEmpty ? "]" : "\n  ]"
        }
        if !field.prefix.isEmpty {
            out += ",\n  \"prefix\": [" + field.prefix.map { JSONLiteral.number($0) }.joined(separator: ", ") + "]"
        }
        for key in field.extras.keys.sorted() {
            out += ",\n  \(JSONLiteral.string(key)): \(JSONLiteral.number(field.extras[key]!))"
        }
        out += "\n}\n"
        write(out)
    }
}
