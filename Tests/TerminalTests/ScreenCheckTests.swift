import Rendering
import Testing
@testable import Terminal

@Suite("Terminal checks")
struct TerminalCheckTests {
    @Test func unsetOrDumbTermIsRefusedWithAPointerToRender() {
        #expect(TerminalError.unsupportedTerminal(term: nil).description.contains("attnscope render"))
        #expect(TerminalError.unsupportedTerminal(term: "dumb").description.contains("TERM=dumb"))
        #expect(TerminalError.notATerminal(stream: "standard output").description.contains("attnscope render"))
    }

    @Test func checkRefusesWhatIsNotATerminal() {
        // Under `swift test` at least one of stdin/stdout is usually redirected; when both are a
        // terminal, the environment decides: TERM unset and TERM=dumb are always refused.
        #expect(throws: TerminalError.self) { try Screen.check(environment: [:]) }
        #expect(throws: TerminalError.self) { try Screen.check(environment: ["TERM": "dumb"]) }
    }
}
