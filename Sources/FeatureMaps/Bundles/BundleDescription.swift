/// What `attnscope.json` says, checked strictly: `format` 1, a `model`, and either one block at
/// the top level (`mode`, `block`, `heads`, `settings`) or a non-empty `blocks` list of such
/// objects. Other top-level keys (the exporter's provenance: `weights`, `seed`, `picture`, …)
/// are allowed and kept only in `json`.
struct BundleDescription {
    /// The one format this reader knows.
    static let format = 1

    /// The model spec the exporter was given (`timm:vit_tiny_patch16_224`).
    var model: String
    /// The blocks, in file order.
    var blocks: [BundleBlock]
    /// Whether the file lists `blocks` (members then carry `b<i>.` prefixes).
    var isMultiBlock: Bool
    /// The whole description.
    var json: BundleJSON

    /// Reads the description from the member's bytes; a problem is a phrase the caller puts
    /// right after `member 'attnscope.json'` (it starts with a space or a colon).
    init(_ bytes: [UInt8]) throws(ReadProblem) {
        let json: BundleJSON
        do throws(BundleJSONError) { json = try BundleJSON.parse(bytes) } catch {
            throw ReadProblem(" is not valid JSON (\(error.problem))")
        }
        guard case .object = json else { throw ReadProblem(" is \(json.kind), not a JSON object") }
        guard let format = json["format"] else { throw ReadProblem(" has no 'format' (this attnscope reads format \(Self.format))") }
        guard format == .integer(Self.format) else {
            throw ReadProblem(" has format \(format.brief); this attnscope reads format \(Self.format) (a newer exporter wrote it?)")
        }
        self.json = json
        model = try Self.string("model", in: json, of: nil)
        if let list = json["blocks"] {
            guard case let .array(items) = list, !items.isEmpty else {
                throw ReadProblem(list.kind == "an array" ? " has an empty 'blocks' list"
                                  : " has 'blocks' that is \(list.kind); expected a non-empty list of block objects")
            }
            isMultiBlock = true
            blocks = []
            for (index, item) in items.enumerated() {
                guard case .object = item else { throw ReadProblem(" has block \(index) that is \(item.kind), not an object") }
                blocks.append(try Self.block(item, index: index, prefix: "b\(index)."))
            }
        } else {
            isMultiBlock = false
            blocks = [try Self.block(json, index: 0, prefix: "")]
        }
    }

    /// One block's entry.
    private static func block(_ json: BundleJSON, index: Int, prefix: String) throws(ReadProblem) -> BundleBlock {
        let which: Int? = prefix.isEmpty ? nil : index
        let mode = try string("mode", in: json, of: which)
        let path = try string("block", in: json, of: which)
        guard let headsValue = json["heads"] else { throw ReadProblem("\(lead(which))has no 'heads'") }
        guard case let .integer(heads) = headsValue, heads >= 1 else {
            throw ReadProblem("\(lead(which))has 'heads' \(headsValue.brief); expected a positive integer")
        }
        guard let settingsValue = json["settings"] else { throw ReadProblem("\(lead(which))has no 'settings'") }
        guard case let .object(entries) = settingsValue else {
            throw ReadProblem("\(lead(which))has 'settings' that is \(settingsValue.kind), not an object")
        }
        var block = BundleBlock(index: index, mode: mode, path: path, heads: heads,
                                settings: entries.map { (key: $0.0, value: BundleSetting($0.1)) }, memberPrefix: prefix)
        if let names = json["prefix_tokens"] {
            guard case let .array(items) = names else {
                throw ReadProblem("\(lead(which))has 'prefix_tokens' that is \(names.kind), not an array of strings")
            }
            var tokens: [String] = []
            for item in items {
                guard case let .string(name) = item else {
                    throw ReadProblem("\(lead(which))has 'prefix_tokens' holding \(item.kind), not a string")
                }
                tokens.append(name)
            }
            block.prefixTokens = tokens
        }
        return block
    }

    /// The string member `key`.
    private static func string(_ key: String, in json: BundleJSON, of block: Int?) throws(ReadProblem) -> String {
        guard let value = json[key] else { throw ReadProblem("\(lead(block))has no '\(key)'") }
        guard case let .string(text) = value else { throw ReadProblem("\(lead(block))has '\(key)' \(value.kind), not a string") }
        return text
    }

    /// What a phrase starts with: `: block 3 ` for an entry of `blocks`, a space at the top level
    /// (the caller writes `member 'attnscope.json'` right before it).
    private static func lead(_ block: Int?) -> String {
        block.map { ": block \($0) " } ?? " "
    }
}
