import Attention
import FeatureMaps
import Foundation
import Rendering
import Testing
@testable import Explorer

/// The repository's demos folder.
let demosDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("demos")

@Suite("Tour files")
struct TourScriptTests {
    @Test(arguments: ["mechanisms", "criss-cross", "swin"])
    func theShippedToursParseAndFitTheirScenes(_ name: String) throws {
        let tour = try TourScript.load(demosDirectory.appendingPathComponent("\(name).tour").path)
        #expect(tour.map == "scene:default")
        #expect(tour.steps.count >= 5)
        #expect(tour.title != nil)
        let scene = try FeatureMapLoader.load("scene:default")
        let base = makeState(height: scene.height, width: scene.width)
        var maps: [String: TourScript.MapFacts] = [:]
        for spec in tour.stepMaps {
            let map = try FeatureMapLoader.load(spec)
            maps[spec] = TourScript.MapFacts(spec: spec, name: map.name, height: map.height, width: map.width, isLoaded: false)
        }
        try tour.validate(from: base, maps: maps)
        for index in tour.steps.indices {
            let state = try tour.state(at: index, from: base, maps: maps)
            #expect(state.teaching.caption?.isEmpty == false, "step \(index + 1) of \(name) has no caption")
        }
    }

    @Test func stepsContinueFromThePreviousStepAndCaptionsAreJoined() throws {
        let text = """
            title Test
            map scene:default
            temperature 2
            step One
            mode window
            window 5
            query 3,4
            caption first
            caption line
            step Two
            shifted
            caption second
            """
        let tour = try TourScript.parse(text, file: "t.tour")
        #expect(tour.steps.map(\.name) == ["One", "Two"])
        let base = makeState()
        let one = try tour.state(at: 0, from: base)
        #expect(one.mode == .window && one.settings.window == 5 && one.settings.shift == 0)
        #expect(one.temperature == 2 && one.query == Position(row: 3, col: 4))
        #expect(one.teaching.caption == "first line")
        let two = try tour.state(at: 1, from: base)
        #expect(two.settings.shift == 2 && two.query == Position(row: 3, col: 4) && two.teaching.caption == "second")
    }

    @Test(arguments: [
        ("step a\nquery 3", "t.tour:2: query: expected R,C (0-based row and column), got '3'"),
        ("step a\nmode spiral", "t.tour:2: mode: 'spiral' is not one of global, window, axial, criss-cross, dcn, dat, neighborhood, lka, lesa"),
        ("# c\n\nstep a\nwobble 3", "t.tour:4: unknown keyword 'wobble'"),
        ("caption too early\nstep a", "t.tour:1: caption belongs to a step (put a step line before it)"),
        ("step a\nmap scene:tiny\nmap scene:default", "t.tour:3: map: this step already names a map"),
        ("step a\nmap", "t.tour:2: map: a file or scene:NAME is missing"),
        ("step a\npresenter maybe", "t.tour:2: presenter: expected on or off, got 'maybe'"),
        ("step a\nwindow seven", "t.tour:2: window: 'seven' is not a whole number"),
        ("step a\nshifted 3", "t.tour:2: shifted takes no value (it sets shift M//2)"),
        ("step a\ncompare-set global,global", "t.tour:2: global is listed twice"),
        ("mode global\n", "t.tour: no steps (a tour needs at least one 'step' line)"),
    ])
    func malformedToursAreRefusedWithFileAndLine(_ text: String, _ expected: String) {
        do {
            _ = try TourScript.parse(text, file: "t.tour")
            Issue.record("accepted: \(text)")
        } catch {
            #expect("\(error)".hasPrefix(expected), "\(error)")
        }
    }

    @Test(arguments: [
        ("step a\nquery 30,4", "t.tour:2: query 30,4 is outside the 24×32 map"),
        ("step a\nmode dcn\nkernel 4", "t.tour:3: dcn: kernel must be odd and between 1 and 255 (got 4)"),
        ("step a\nmode global\nview 2", "t.tour:3: view: global has a single view with these settings (use view full)"),
        ("step a\nmode criss-cross\nview 4", "t.tour:3: view: criss-cross has 3 steps here (got 4)"),
        ("step a\nmode global\nlayers 3", "t.tour:3: global: layers must be 1: this mode cannot stack layers (got 3)"),
        ("step a\nmode window\nwindow 4\nshift 4", "t.tour:4: shift must be in [0, 4) for window 4 (got 4)"),
        ("step a\nmode criss-cross\npasses 65", "t.tour:3: criss-cross: passes must be between 1 and 64 (got 65)"),
        // LKA's rule ties K to d: checked after the step's lines, at the last one that set either.
        ("step a\nmode lka\nkernel 22\ncaption x", "t.tour:3: lka: kernel with dilation 3 gives a 8×8 dilated kernel"),
    ])
    func linesThatDoNotFitTheMapAreRefusedBeforeTheTourStarts(_ text: String, _ expected: String) throws {
        let tour = try TourScript.parse(text, file: "t.tour")
        do {
            try tour.validate(from: makeState())
            Issue.record("accepted: \(text)")
        } catch {
            #expect("\(error)".hasPrefix(expected), "\(error)")
        }
    }

    @Test func stepsCanSwitchMapsAndGoingBackRestoresTheFirstOne() throws {
        let tour = try TourScript.parse("""
            map scene:default
            step big
            query 20,30
            caption on the big map
            step small
            map scene:tiny
            caption on the small one
            step small query
            query 2,3
            caption a query that fits
            """, file: "t.tour")
        #expect(tour.stepMaps == ["scene:tiny"])
        let tiny = TourScript.MapFacts(spec: "scene:tiny", name: "scene:tiny", height: 9, width: 9, isLoaded: false)
        var base = makeState()
        base.teaching.mapSpec = "scene:default"
        #expect(throws: ExplorerError.badLine(file: "t.tour", line: 6, problem: "map scene:tiny was not loaded")) {
            try tour.validate(from: base)
        }
        var s = base
        try s.startTour(tour, maps: ["scene:tiny": tiny])
        #expect(s.mapHeight == 24 && s.query == Position(row: 20, col: 30))
        s = s.typing(" ")
        #expect(s.mapName == "scene:tiny" && s.mapHeight == 9 && s.teaching.mapSpec == "scene:tiny")
        #expect(s.query == Position(row: 4, col: 4))  // (20,30) does not fit: the centre
        s = s.typing(" ")
        #expect(s.query == Position(row: 2, col: 3))
        s = s.pressing(.backspace, .backspace)
        #expect(s.mapName == "scene:test" && s.mapHeight == 24 && s.teaching.mapSpec == "scene:default")
        #expect(s.query == Position(row: 20, col: 30))
        // A query that fits the first map but not the second is refused at its line.
        let bad = try TourScript.parse("step a\nmap scene:tiny\nquery 12,3", file: "t.tour")
        #expect(throws: ExplorerError.badLine(file: "t.tour", line: 3, problem: "query 12,3 is outside the 9×9 map")) {
            try bad.validate(from: base, maps: ["scene:tiny": tiny])
        }
    }

    @Test func spaceAdvancesBackspaceGoesBackAndOtherKeysStillWork() throws {
        let tour = try TourScript.parse("step a\nmode global\ncaption A\nstep b\nmode window\ncaption B\nstep c\nmode lka\ncaption C",
                                        file: "t.tour")
        var s = makeState()
        try s.startTour(tour)
        #expect(s.teaching.tour?.index == 0 && s.teaching.caption == "A")
        s = s.typing(" ")
        #expect(s.teaching.tour?.index == 1 && s.mode == .window && s.teaching.caption == "B")
        s = s.typing("l")  // an explorer key within a step
        #expect(s.query.col == 17)
        s = s.typing("P")
        s = s.typing(" ")
        #expect(s.teaching.tour?.index == 2 && s.mode == .lka && s.teaching.presenter)
        s = s.typing(" ")
        #expect(s.teaching.tour?.index == 2 && s.message?.contains("last step") == true)
        s = s.pressing(.backspace)
        #expect(s.teaching.tour?.index == 1 && s.mode == .window && s.query.col == 16)
        s = s.pressing(.backspace, .backspace)
        #expect(s.teaching.tour?.index == 0 && s.message?.contains("first step") == true)
        #expect(s.typing("q").request == .quit)
        // The caption line shows the tour's step.
        let content = TeachingFrame.adjust(FrameContent(views: [], caption: "x", hint: "? help"), state: s, outcome: nil)
        #expect(content.caption == "step 1/3 · a: A")
        #expect(content.hint?.hasPrefix("Space next step · Bksp back · q quit") == true)
    }
}

@Suite("Session files")
struct SessionFileTests {
    @Test func aSessionRestoresTheWholeStateExactly() throws {
        var s = makeState()
        s.mode = .crissCross
        s.query = Position(row: 5, col: 7)
        s.temperature = 0.35
        s.settingsByMode[.crissCross]?.passes = 3
        s.settingsByMode[.crissCross]?.gamma = 0.75
        s.settingsByMode[.crissCross]?.step = 1
        s.settingsByMode[.window]?.window = 5
        s.settingsByMode[.window]?.shift = 2
        s.settingsByMode[.window]?.layers = 3
        s.settingsByMode[.dat]?.offsetRange = 2.5
        s.settingsByMode[.dat]?.stride = 4
        s.settingsByMode[.global]?.scale = 0.125
        s.settingsByMode[.lka]?.kernel = 9
        s.settingsByMode[.lka]?.dilation = 2
        s.colormap = .magma
        s.glyphStyle = .shade
        s.valueScale = .log(decades: 3)
        s.showOverlays = false
        s.showPanel = false
        s.compare = true
        s.teaching.compareModes = [.axial, .lesa]
        s.teaching.target = Position(row: 1, col: 2)
        s.teaching.intermediate = Position(row: 5, col: 3)
        s.teaching.cursor = .intermediate
        s.teaching.residual = true
        s.teaching.presenter = true
        s.teaching.quiz = true
        s.teaching.revealed = true
        let text = SessionFile.text(of: s)
        #expect(text.hasPrefix(SessionFile.header))
        let saved = try SessionFile.parse(text, file: "s.txt")
        #expect(saved.map == "scene:test")
        var restored = makeState()
        try saved.restore(into: &restored)
        #expect(restored == s)
    }

    @Test(arguments: [
        ("map scene:default\nquery 1,2,3", "s.txt:2: query: expected R,C"),
        ("step a", "s.txt:1: 'step' belongs in a tour, not a session file"),
        ("temperature -1", "s.txt:1: temperature: '-1' is not a positive number"),
        ("value-scale cubic", "s.txt:1: value-scale: 'cubic' is not linear, log[:N] or clip[:F]"),
        ("# nothing\n", "s.txt: is empty (no session lines)"),
    ])
    func malformedSessionsAreRefusedWithFileAndLine(_ text: String, _ expected: String) {
        do {
            _ = try SessionFile.parse(text, file: "s.txt")
            Issue.record("accepted: \(text)")
        } catch {
            #expect("\(error)".hasPrefix(expected), "\(error)")
        }
    }

    @Test func aSessionThatDoesNotFitTheMapIsRefused() throws {
        let saved = try SessionFile.parse("map scene:default\nquery 40,2", file: "s.txt")
        var state = makeState()
        #expect(throws: ExplorerError.badLine(file: "s.txt", line: 2, problem: "query 40,2 is outside the 24×32 map")) {
            try saved.restore(into: &state)
        }
    }

    @Test func missingFilesAreRefused() {
        #expect(throws: ExplorerError.self) { try SessionFile.load("/nonexistent/session.txt") }
        #expect(throws: ExplorerError.self) { try TourScript.load("/nonexistent/x.tour") }
    }
}
