import Attention
import Rendering

/// A frame of the explorer as a slide: every view the explorer can show (compare, presenter,
/// Swin's views, targets, a tour's step), computed at once, without the key hints.
public enum Slide {
    /// The fields `state` shows, computed now with `engine`, most important first.
    public static func outcomes(_ state: ExplorerState, engine: AttentionEngine) -> [FieldOutcome?] {
        FrameComposer.requests(for: state).map { FieldWorker.compute($0, engine: engine) }
    }

    /// The frame content of `state` as a slide: the views, legend, side panel, caption and
    /// status line the explorer would draw, with no hint line.
    public static func content(_ state: ExplorerState, engine: AttentionEngine, underlay: Underlay? = nil) -> FrameContent {
        let outcomes = outcomes(state, engine: engine)
        var content = TeachingFrame.adjust(FrameComposer.content(state, outcomes: outcomes, preparing: false, underlay: underlay),
                                           state: state, outcome: outcomes.first ?? nil)
        content.hint = nil
        return content
    }

    /// The style a slide of `state` is drawn in: `base` with the state's glyphs, colormap and
    /// value scale, and presenter mode's when it is on.
    public static func style(_ base: RenderStyle, state: ExplorerState) -> RenderStyle {
        var style = base
        if style.unicode { style.glyphs = state.glyphStyle }
        style.colormap = state.colormap
        style.scale = state.valueScale
        return TeachingFrame.presenterStyle(style, state: state)
    }
}
