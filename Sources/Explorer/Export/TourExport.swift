import Attention
import Foundation
import Rendering

/// `tour FILE --export DIR`: one clean frame per step (the maps, legends, side panel, caption
/// and status line; no key hints) as SVG and ANSI text, all steps at the tour's one scale.
public enum TourExport {
    /// The base name of step `index` (0-based) named `name`: `step-01-swin-windows`.
    public static func baseName(index: Int, name: String) -> String {
        let number = index + 1 < 10 ? "0\(index + 1)" : "\(index + 1)"
        var slug = ""
        for ch in name.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { slug.append(ch) } else if !slug.isEmpty && slug.last != "-" { slug.append("-") }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "step-\(number)" : "step-\(number)-\(slug)"
    }

    /// Writes every step of the tour `state` plays into `directory` (made if missing) and
    /// returns the files written, in order. `engine` gives the engine of a map spec (the
    /// steps' `map` lines switch maps); `underlay` its picture.
    public static func write(_ state: ExplorerState, directory: String, width: Int, height: Int, style: RenderStyle,
                             ansiDepth: ColorDepth, engine: (String) throws -> AttentionEngine,
                             underlay: (String) -> Underlay?) throws -> [String] {
        guard let progress = state.teaching.tour else { return [] }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ExplorerError.badFile(file: directory, problem: "not a directory") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw ExplorerError.badFile(file: directory, problem: "cannot make the directory")
            }
        }
        var step = state
        step.screenColumns = width
        step.screenRows = height
        var files: [String] = []
        for index in progress.tour.steps.indices {
            step.showTourStep(index)
            if step.message != nil { throw ExplorerError.badFile(file: "step \(index + 1)", problem: step.message ?? "") }
            let spec = step.teaching.mapSpec ?? ""
            let drawn = Slide.style(style, state: step)
            let svgRenderer = FrameRenderer(style: drawn)
            var content = Slide.content(step, engine: try engine(spec), underlay: underlay(spec))
            content.maximumEnlargement = TourLayout.enlargement(step.teaching.tour, renderer: svgRenderer,
                                                                width: width, height: height)
            var ansiStyle = drawn
            ansiStyle.colorDepth = ansiDepth
            let base = (directory as NSString).appendingPathComponent(baseName(index: index, name: progress.tour.steps[index].name))
            let svg = svgRenderer.render(content, width: width, height: height).canvas
            let ansi = FrameRenderer(style: ansiStyle).render(content, width: width, height: height).canvas
            try FrameExport.save(Array(SVGWriter().write(svg).utf8), to: base + ".svg")
            try FrameExport.save(Array(ANSIWriter(depth: ansiDepth).write(ansi).utf8), to: base + ".ans")
            files += [base + ".svg", base + ".ans"]
        }
        return files
    }
}
