import Foundation
import Testing

/// The explorer with a projection file and prefix tokens: `0` puts the query on the class token,
/// then the registers, then back; the side panel names the head and the prefix masses.
@Suite("Prefix-token queries in the explorer (tmux)", .enabled(if: TmuxSession.isAvailable, "needs tmux"))
struct PrefixQueryEndToEndTests {
    @Test func zeroWalksThePrefixTokensAndBack() throws {
        let files = PrefixAndHeadCommandTests.files
        let session = try startExplorer(width: 120, height: 36,
                                        arguments: ["--proj", files.projection, "--prefix", files.prefix, "--head", "1"])
        try session.waitFor("global q=12,16")
        try session.waitFor("head 1/2")
        try session.waitFor("prefix cls ")
        try session.send("0")
        try session.waitFor("global q=cls │")
        try session.send("0")
        try session.waitFor("global q=token:1 │")
        try session.send("2")
        try session.waitFor("window q=12,16")
        try session.send("1")
        try session.waitFor("global q=token:1 │")  // kept while window could not use it
        try session.send("0", "0")
        try session.waitFor("global q=12,16 │")
        try quitCleanly(session)
    }
}
