import Attention

extension FrameContent {
    /// The standard frame of one field, as `attnscope render` draws it: the map (and Swin's
    /// rolled grid beside it when the windows are shifted), the statistics in the side panel,
    /// a status line, and the field's notes as the caption.
    public static func single(_ field: AttentionField, mapName: String, underlay: Underlay? = nil) -> FrameContent {
        let title = FieldSummary.title(field)
        var views = [FrameView(title: title, field: field)]
        let shifted = field.overlays.contains {
            if case let .rolledWindow(_, roll) = $0 { return roll.isShifted }
            return false
        }
        if shifted {
            views[0].title = title + " · original"
            views.append(FrameView(title: title + " · rolled", field: field, coordinates: .rolled))
        }
        return FrameContent(views: views, sidePanel: [mapName] + FieldSummary.sidePanel(field),
                            caption: FieldSummary.caption(field), status: FieldSummary.status(field),
                            hint: nil, underlay: underlay)
    }
}
