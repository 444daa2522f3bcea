/// A mechanism with a softmax over the whole sequence (global, lesa's binary term), whose prefix
/// tokens (class, registers) can be the query: their map is their row of the same softmax.
public protocol PrefixQuerying: Mechanism {
    /// P, the prefix tokens loaded (0 when none).
    var prefixCount: Int { get }
    /// The field of prefix token `token` (0-based, < `prefixCount`): grid weights and prefix masses.
    func field(atPrefixToken token: Int) throws -> AttentionField
}
