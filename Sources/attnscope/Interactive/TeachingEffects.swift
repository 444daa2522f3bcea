import Attention
import Explorer
import FeatureMaps
import Foundation
import Rendering

/// Performs what the teaching keys ask for and only the loop may do: `w` writes the session
/// file, `e` exports the frame and map; the status line says where the files went.
struct TeachingEffects {
    /// The colour depth the frame was drawn in (for the ANSI export).
    let depth: ColorDepth
    /// Where files go (the working directory).
    var directory = FileManager.default.currentDirectoryPath

    /// Performs and clears `state.teaching.pending`.
    func perform(_ state: inout ExplorerState, canvas: Canvas, outcome: FieldOutcome?) {
        guard let effect = state.teaching.pending else { return }
        state.teaching.pending = nil
        let now = Date()
        switch effect {
        case .saveSession:
            let path = (directory as NSString).appendingPathComponent("attnscope-session-\(FrameExport.stamp(now)).txt")
            do {
                try OutputFile.write(SessionFile.text(of: state), to: path)
                state.message = "session written to \(path) (attnscope --session FILE restores it)"
            } catch {
                state.message = "w: \(error)"
            }
        case .export:
            var field: AttentionField?
            if case let .field(f, _)? = outcome { field = f }
            do {
                let files = try FrameExport.write(canvas: canvas, field: field, depth: depth, directory: directory,
                                                  baseName: FrameExport.baseName(state: state, date: now))
                state.message = "exported \(files.svg), .ans" + (field == nil ? " (no map computed yet)" : ", .json, .npy")
            } catch {
                state.message = "e: \(error)"
            }
        }
    }
}
