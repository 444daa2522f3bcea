import Attention
@testable import Explorer
import FeatureMaps
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Rendering
import Testing

/// The shipped tours as a lecturer plays them at 80×24, 120×40 and 200×60: one scale for every
/// step, nothing of a step's lesson cut, presenter at least twice the normal size; and the
/// slides `tour --export` writes.
@Suite struct ClassroomLayoutTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    /// A tour started as `attnscope tour` starts it, with an engine per map.
    struct Played {
        var state: ExplorerState
        var engines: [String: AttentionEngine]
    }

    static func play(_ name: String) throws -> Played {
        let tour = try TourScript.load(root.appendingPathComponent("demos/\(name).tour").path)
        let mainSpec = tour.map ?? "scene:default"
        let main = try FeatureMapLoader.load(mainSpec)
        var engines = [mainSpec: AttentionEngine(map: main)]
        var facts: [String: TourScript.MapFacts] = [:]
        for spec in tour.stepMaps {
            let map = try FeatureMapLoader.load(spec)
            engines[spec] = AttentionEngine(map: map)
            facts[spec] = TourScript.MapFacts(spec: spec, name: map.name, height: map.height, width: map.width,
                                              isLoaded: map.isLoaded)
        }
        var state = ExplorerState(mapName: main.name, mapHeight: main.height, mapWidth: main.width)
        state.teaching.mapSpec = mainSpec
        try state.startTour(tour, maps: facts)
        return Played(state: state, engines: engines)
    }

    /// Every step's rendered frame at `width`×`height`, as the explorer draws it in the tour.
    static func frames(_ played: Played, width: Int, height: Int, presenter: Bool = false) throws -> [RenderedFrame] {
        var state = played.state
        state.screenColumns = width
        state.screenRows = height
        state.teaching.presenter = presenter
        var frames: [RenderedFrame] = []
        for index in state.teaching.tour!.tour.steps.indices {
            var step = state
            step.showTourStep(index)
            let renderer = FrameRenderer(style: Slide.style(RenderStyle(), state: step))
            var content = Slide.content(step, engine: try #require(played.engines[step.teaching.mapSpec ?? ""]))
            content.maximumEnlargement = TourLayout.enlargement(step.teaching.tour, renderer: renderer, width: width, height: height)
            frames.append(renderer.render(content, width: width, height: height))
        }
        return frames
    }

    @Test(arguments: ["mechanisms", "criss-cross", "swin"])
    func everyStepAtOneScaleWithNothingCut(_ name: String) throws {
        let played = try Self.play(name)
        for (w, h) in Self.sizes {
            let frames = try Self.frames(played, width: w, height: h)
            var scales = Set<Int>()
            for (index, frame) in frames.enumerated() {
                let at = "\(name) step \(index + 1) at \(w)×\(h)"
                try #require(!frame.views.isEmpty, "\(at): nothing drawn")
                let compare = frame.views.count > 2
                for view in frame.views {
                    if view.viewport.pool == 1 { scales.insert(view.viewport.enlargement) }
                    if compare && !view.viewport.showsWholeMap {
                        // Four panels in a small window: cropped around the query, and said so.
                        #expect(frame.canvas.plainText.contains("crop"), "\(at): a crop without its note")
                    } else {
                        #expect(view.viewport.showsWholeMap, "\(at): the view is cropped (\(view.viewport))")
                    }
                }
            }
            #expect(scales.count <= 1, "\(name) at \(w)×\(h): steps drawn at ×\(scales.sorted())")
        }
    }

    @Test func routeSharesAndTheTargetsMassSurviveASmallWindow() throws {
        let played = try Self.play("criss-cross")
        let steps = played.state.teaching.tour!.tour.steps
        let index = try #require(steps.firstIndex { $0.name == "Two routes to an off-axis pixel" })
        for (w, h) in Self.sizes {
            let text = try Self.frames(played, width: w, height: h)[index].canvas.plainText
            #expect(text.contains("M[p]="), "\(w)×\(h): the target's mass cut from the status line")
            #expect(text.contains("route 1 via") && text.contains("route 2 via"), "\(w)×\(h): route shares cut")
        }
    }

    @Test(arguments: ["mechanisms", "swin"])
    func presenterDoublesEveryStep(_ name: String) throws {
        let played = try Self.play(name)
        for (w, h) in Self.sizes {
            let normal = try Self.frames(played, width: w, height: h)
            let presented = try Self.frames(played, width: w, height: h, presenter: true)
            for (index, (n, p)) in zip(normal, presented).enumerated() {
                for (a, b) in zip(n.views, p.views) {
                    func cells(_ v: RenderedView) -> Double {
                        Double(v.viewport.enlargement * (v.glyphs == .twoColumn ? 2 : 1)) / Double(v.viewport.pool)
                    }
                    let (cellsA, cellsB) = (cells(a), cells(b))
                    #expect(cellsB >= 2 * cellsA, "\(name) step \(index + 1) at \(w)×\(h): \(cellsB) against \(cellsA)")
                }
            }
        }
    }

    @Test func tourExportWritesOneCleanSlidePerStep() throws {
        let played = try Self.play("swin")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-export-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = try TourExport.write(played.state, directory: directory, width: 120, height: 40,
                                         style: RenderStyle(colorDepth: .truecolor), ansiDepth: .palette256,
                                         engine: { try #require(played.engines[$0]) }, underlay: { _ in nil })
        let steps = played.state.teaching.tour!.tour.steps
        let expected = steps.indices.flatMap { i in
            ["svg", "ans"].map { "\(directory)/\(TourExport.baseName(index: i, name: steps[i].name)).\($0)" }
        }
        #expect(files == expected)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory)).count == 2 * steps.count)
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(!text.contains("Space next step") && !text.contains("? help"), "\(file): key hints on a slide")
            #expect(text.contains("step "), "\(file): no caption")
            if file.hasSuffix(".svg") {
                #expect(XMLParser(data: Data(text.utf8)).parse(), "\(file) does not parse")
                #expect(text.contains(">Swin"), "\(file): titles are words, not letters")
            }
        }
        #expect(TourExport.baseName(index: 0, name: "Swin: shifted windows!") == "step-01-swin-shifted-windows")
        #expect(TourExport.baseName(index: 11, name: "") == "step-12")
    }
}
