/// One attention block a bundle describes: its entry in `attnscope.json` and where its members are.
public struct BundleBlock: Sendable, Equatable {
    /// The 0-based index in the bundle's `blocks` (0 for a single-block bundle).
    public var index: Int
    /// The mode the block computes, as written (`window`); the command line checks it is one.
    public var mode: String
    /// The block's module path in the model (`layers.0.blocks.1`).
    public var path: String
    /// The number of heads.
    public var heads: Int
    /// The settings the block fixes, in the order the file lists them.
    public var settings: [(key: String, value: BundleSetting)]
    /// What this block's members are prefixed with in the archive: `b3.`, or nothing in a
    /// single-block bundle.
    public var memberPrefix: String
    /// What each prefix token is (`"cls"`, `"dist"`, `"reg"`), when the block names them
    /// (`prefix_tokens`).
    public var prefixTokens: [String]? = nil

    /// The setting called `key`, if the block has one.
    public func setting(_ key: String) -> BundleSetting? {
        settings.first { $0.key == key }?.value
    }

    /// Creates a block description.
    public init(index: Int, mode: String, path: String, heads: Int, settings: [(key: String, value: BundleSetting)],
                memberPrefix: String) {
        self.index = index
        self.mode = mode
        self.path = path
        self.heads = heads
        self.settings = settings
        self.memberPrefix = memberPrefix
    }

    /// Blocks are equal when every field and setting is (settings in order).
    public static func == (lhs: BundleBlock, rhs: BundleBlock) -> Bool {
        lhs.index == rhs.index && lhs.mode == rhs.mode && lhs.path == rhs.path && lhs.heads == rhs.heads
            && lhs.memberPrefix == rhs.memberPrefix && lhs.settings.count == rhs.settings.count
            && zip(lhs.settings, rhs.settings).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
