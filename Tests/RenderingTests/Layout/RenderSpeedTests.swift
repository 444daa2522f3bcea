import Foundation
import Testing
import Attention
import Rendering

/// The per-keystroke budget: a 200×60 frame of a 256×256 map. Debug builds are ~10× slower
/// than release; the bound here is loose, the release figure is in the report.
@Suite struct RenderSpeedTests {
    @Test func largeMapFrameIsFast() {
        let field = Fields.blob(height: 256, width: 256, query: Position(row: 100, col: 140), sigma: 30)
        let renderer = FrameRenderer(style: RenderStyle(colorDepth: .palette256))
        let content = FrameContent(views: [FrameView(title: "global", field: field)], sidePanel: ["Σ 1"],
                                   status: "status", hint: "hint")
        _ = renderer.render(content, width: 200, height: 60)
        let runs = 20
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<runs { _ = renderer.render(content, width: 200, height: 60) }
        let perFrame = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(runs) / 1e6
        print("render 200×60 of 256×256: \(String(format: "%.3f", perFrame)) ms/frame")
        #expect(perFrame < 40)
    }
}
