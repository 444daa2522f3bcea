import Attention
import Rendering

/// The one enlargement every step of a tour is drawn at: the smallest any step's layout gets
/// in the window, so that turning a page never rescales the map.
///
/// Each step is laid out from a skeleton of its frame (its views' sizes and titles, whether it
/// has a side panel, a caption, a numbers row), without computing any field.
public enum TourLayout {
    /// The enlargement `renderer`'s style (without presenter mode, which doubles it) can give
    /// every step of `progress` in a `width`×`height` frame (nil when no step would draw a map,
    /// or no tour is played).
    public static func enlargement(_ progress: TourProgress?, renderer: FrameRenderer, width: Int, height: Int) -> Int? {
        guard let progress else { return nil }
        // The normal view's scale: presenter mode doubles whatever the cap leaves.
        var normal = renderer.style
        normal.presenter = false
        let renderer = normal == renderer.style ? renderer : FrameRenderer(style: normal)
        var base = progress.base.state
        base.screenColumns = width
        base.screenRows = height
        var smallest: Int?
        for index in progress.tour.steps.indices {
            guard let state = try? progress.tour.state(at: index, from: base, maps: progress.maps) else { continue }
            guard let e = renderer.enlargement(of: skeleton(state), width: width, height: height) else { continue }
            smallest = min(smallest ?? e, e)
        }
        return smallest
    }

    /// The frame of `state` with empty views of the sizes its fields will have.
    static func skeleton(_ state: ExplorerState) -> FrameContent {
        var views: [FrameView] = []
        func empty(_ mode: Mode, _ title: String) -> FrameView {
            .failed(title: title, mode: mode, height: state.mapHeight, width: state.mapWidth, reason: "")
        }
        if state.compare {
            views = state.teaching.compareModes.map { empty($0, $0.title) }
        } else if state.mode.descriptor.teachingViews(state.settings).contains(.rearranged) {
            // Swin's shifted windows: original coordinates and the rolled grid, padded to whole windows.
            let m = max(1, state.settings.window)
            let mh = min(m, state.mapHeight), mw = min(m, state.mapWidth)
            let hp = (state.mapHeight + mh - 1) / mh * mh, wp = (state.mapWidth + mw - 1) / mw * mw
            var rolled = empty(state.mode, state.mode.title + " · rolled")
            rolled.coordinates = .rolled
            let shift = max(1, state.settings.shift)
            let roll = SwinRoll(height: state.mapHeight, width: state.mapWidth, paddedHeight: hp, paddedWidth: wp,
                                shiftRows: shift, shiftCols: shift, rollsBeforePadding: false)
            rolled.field.overlays = [.rolledWindow(PixelRect(top: 0, left: 0, height: mh, width: mw), roll: roll)]
            switch state.teaching.swinView {
            case .both: views = [empty(state.mode, state.mode.title + " · original"), rolled]
            case .original: views = [empty(state.mode, state.mode.title + " · original")]
            case .rolled: views = [rolled]
            }
        } else {
            views = [empty(state.mode, state.mode.title)]
        }
        var content = FrameContent(views: views, sidePanel: state.showPanel ? ["side panel"] : [], caption: "caption",
                                   status: "status", hint: "hint")
        content.numbersRow = state.compare
        return content
    }
}
