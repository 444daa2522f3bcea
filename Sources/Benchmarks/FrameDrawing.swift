import Attention

/// Draws one field into a screen-sized canvas the way the explorer does for a keystroke.
///
/// The benchmark times `draw` as the render cost of a keystroke.
public protocol FrameDrawing {
    /// Renders `field` (one view, status line) into a canvas of the drawer's screen size.
    func draw(_ field: AttentionField)
}
