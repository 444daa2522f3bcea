import Testing
@testable import Attention

@Suite struct FrameMemoryTests {
    /// glibc's `mallopt` is found and applied (the test machines run glibc).
    @Test func allocatorIsConfiguredOnGlibc() {
        #if canImport(Glibc)
        #expect(FrameMemory.configured)
        #endif
    }
}
