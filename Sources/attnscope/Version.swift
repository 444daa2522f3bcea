/// attnscope's version: the one place it is written.
///
/// `attnscope --version` prints it and `bench --json` carries it as `"version"`; the man page
/// and the completion scripts are generated from the binary, so they follow it.
enum AttnscopeVersion {
    /// The version, as `MAJOR.MINOR.PATCH`.
    static let current = "0.1.0"
}
