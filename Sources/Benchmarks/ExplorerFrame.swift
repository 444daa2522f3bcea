import Attention
import Explorer
import Rendering

/// Renders a field the way the explorer's screen shows it: `FrameComposer` builds the views,
/// side panel, caption, status and hint lines from an explorer state, and `FrameRenderer` lays
/// them out on a `width`×`height` canvas (200×60 by default). Only the terminal's diff painting
/// is left out.
public struct ExplorerFrame: FrameDrawing {
    /// Canvas columns.
    public let width: Int
    /// Canvas rows.
    public let height: Int
    private let renderer: FrameRenderer
    private let state: ExplorerState

    /// A drawer for an explorer on map `name` of `mapHeight`×`mapWidth`, on a `width`×`height`
    /// screen in `style` (the explorer's default: 256 colours, Unicode).
    public init(mapName name: String, mapHeight: Int, mapWidth: Int, width: Int = 200, height: Int = 60,
                style: RenderStyle = RenderStyle()) {
        self.width = width
        self.height = height
        renderer = FrameRenderer(style: style)
        state = ExplorerState(mapName: name, mapHeight: mapHeight, mapWidth: mapWidth, mapIsLoaded: true,
                              screenColumns: width, screenRows: height)
    }

    /// Composes and renders the frame of `field` (as the explorer does per keystroke).
    public func draw(_ field: AttentionField) {
        var s = state
        s.mode = field.mode
        s.query = field.query
        // The explorer's worker counts these beside the field; timed here with the frame.
        var field = field
        field.countDisplayFacts()
        let content = FrameComposer.content(s, outcomes: [.field(field, steps: [])], preparing: false)
        ExplorerFrame.keep(renderer.render(content, width: width, height: height))
    }

    /// Keeps the optimiser from dropping a frame nobody reads.
    @inline(never)
    static func keep(_ frame: RenderedFrame) {
        withExtendedLifetime(frame) {}
    }
}
