import Testing
@testable import Explorer

@Suite("ScriptFile names the file it cannot read")
struct ScriptFileTests {
    @Test func anEmptyFileNameIsShownQuoted() {
        // `attnscope tour ''` and `--session ''` said "Error: : no such file".
        #expect(throws: ExplorerError.badFile(file: "''", problem: "the file name is empty")) {
            _ = try ScriptFile.text("")
        }
    }
}
