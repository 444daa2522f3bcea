import Testing
import Attention
import FeatureMaps
import Rendering

/// One golden frame per mode on `scene:default`, drawn exactly as `attnscope render` draws it
/// (monochrome shade glyphs, 120×40), so a change in any engine or in the renderer shows up here.
@Suite struct ModeSnapshotTests {
    static let query = Position(row: 11, col: 15)

    static func frame(_ mode: Mode, settings: AttentionSettings = AttentionSettings(),
                      glyphs: GlyphStyle = .shade, unicode: Bool = true) throws -> String {
        let map = try FeatureMapLoader.load("scene:default")
        let engine = AttentionEngine(map: map)
        let field = try engine.field(mode, at: query, settings: settings)
        let renderer = FrameRenderer(style: RenderStyle(colorDepth: .monochrome, glyphs: glyphs, unicode: unicode))
        return renderer.render(.single(field, mapName: map.name), width: 120, height: 40).canvas.plainText
    }

    /// The modes that draw without loaded tensors (loaded attention needs its file).
    static let modes = Mechanisms.standard.filter(\.needs.isEmpty).map(\.mode)

    @Test(arguments: modes)
    func mode(_ mode: Mode) throws {
        Snapshot.check(try Self.frame(mode), named: "mode-\(mode.name)")
    }

    @Test func shiftedWindowShowsBothCoordinateSystems() throws {
        var settings = AttentionSettings()
        settings.shift = 3
        let text = try Self.frame(.window, settings: settings)
        #expect(text.contains("original") && text.contains("rolled"))
        Snapshot.check(text, named: "mode-window-shifted")
    }

    @Test func asciiGlobal() throws {
        let text = try Self.frame(.global, glyphs: .ascii, unicode: false)
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        Snapshot.check(text, named: "mode-global-ascii")
    }
}
