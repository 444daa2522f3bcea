import ArgumentParser
import Foundation
import Attention
import Explorer
import FeatureMaps
import Terminal

/// `attnscope tour FILE.tour [options]`: plays a lesson from a .tour file.
struct Tour: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plays a lesson from a .tour file.",
        discussion: "Space goes to the next step, Backspace back, q quits; every explorer key works within a step. "
            + "A tour is a text file of 'keyword value' lines: title and map, then 'step NAME' lines, each followed by "
            + "mode, query, parameters (window, shift, passes, gamma, kernel, dilation, layers, ...), view, target, "
            + "intermediate, cursor, residual, compare, presenter, quiz and caption lines. See demos/*.tour.")

    @Argument(help: "The lesson (.tour file).", completion: .tourFile)
    var file: String

    @OptionGroup var map: MapOptions
    @OptionGroup var attention: AttentionOptions
    @OptionGroup var display: DisplayOptions

    @Flag(name: .customLong("no-mouse"), help: "Do not capture the mouse.")
    var noMouse = false
    @Option(name: .customLong("map-file"), help: "Explore this map instead of the tour's own (a file or scene:NAME).", completion: .featureMap)
    var mapFile: String?
    @OptionGroup var teaching: TeachingOptions

    /// The shared rules on the options (a shift below the default window, …), unless the map
    /// is a bundle, whose settings are known only once it is read.
    func validate() throws {
        if let mapFile, map.isBundle(mapFile) { return }
        if let error = SettingsValidation.common(attention.settings) { throw ValidationError(error.message(naming: SettingError.flag)) }
    }

    func run() throws {
        let script: TourScript
        do { script = try TourScript.load(file) } catch { throw CommandError("\(error)") }
        if teaching.session != nil { throw CommandError("--session: a tour sets its own state (use it with the explorer)") }
        let recording = try teaching.openRecording()

        let spec = mapFile ?? script.map.map { Tour.resolve($0, besides: file) } ?? "scene:default"
        // A bundle given as the map brings its settings and tensors (the tour picks the modes).
        let opened = try map.open(spec)
        let featureMap = opened.map
        var settings = attention.settings(over: opened.settings)
        let inputs = try attention.loadInputs(over: opened.inputs)
        try attention.checkInputs(inputs, for: featureMap, settings: settings, opened: opened)
        settings.step = nil
        var state = ExplorerState(mapName: featureMap.name, mapHeight: featureMap.height, mapWidth: featureMap.width,
                                  mapIsLoaded: featureMap.isLoaded, settings: settings)
        state.glyphStyle = display.ascii ? .ascii : display.glyphs
        state.colormap = display.colormap
        state.valueScale = display.scaleMode
        try teaching.configure(&state, session: nil)
        state.teaching.mapSpec = TeachingOptions.absoluteSpec(spec)
        // The maps the steps switch to, loaded (and checked) before the tour starts.
        var stepMaps: [String: TourScript.MapFacts] = [:]
        var otherMaps: [String: FeatureMap] = [:]
        for raw in script.stepMaps {
            let path = Tour.resolve(raw, besides: file)
            let loaded = try map.load(path)
            let absolute = TeachingOptions.absoluteSpec(path)
            stepMaps[raw] = TourScript.MapFacts(spec: absolute, name: loaded.name, height: loaded.height,
                                                width: loaded.width, isLoaded: loaded.isLoaded)
            otherMaps[absolute] = loaded
        }
        otherMaps[TeachingOptions.absoluteSpec(spec)] = featureMap
        do { try state.startTour(script, maps: stepMaps) } catch { throw CommandError("\(error)") }

        let underlay = try display.loadUnderlay()
        // Bad input is named first; then a non-terminal is refused before curses starts.
        do { try Screen.check() } catch { throw CommandError("\(error)") }
        opened.printNotes()
        let choices = ExplorerDisplay(options: display, mouse: !noMouse, underlay: underlay)
        let runtime = try RuntimeEnvironment.configuration()
        let status: Int32
        do {
            status = try ExplorerSession(map: featureMap, inputs: inputs, initial: state, display: choices,
                                         recording: recording, otherMaps: otherMaps, runtime: runtime).run()
        } catch let error as TerminalError {
            throw CommandError("\(error)")
        } catch let error as ExplorerError {
            throw CommandError("--record \(error)")
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// A tour's relative `map` path is looked up next to the tour file first (then in the
    /// working directory), so that a lesson and its map can travel together.
    static func resolve(_ spec: String, besides tourFile: String) -> String {
        guard !spec.hasPrefix("scene:"), !spec.hasPrefix("/") else { return spec }
        let beside = ((tourFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent(spec)
        return FileManager.default.fileExists(atPath: beside) ? beside : spec
    }
}
