import ArgumentParser
import Foundation
import Attention
import Explorer
import FeatureMaps
import Rendering
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
    @Option(help: "Write one frame per step (SVG and ANSI, no key hints) into this directory instead of playing.",
            completion: .directory)
    var export: String?
    @Option(parsing: .unconditional, help: "The exported frames' size as COLSxROWS (default 120x40).")
    var size: FrameSize?

    /// `--size` and `--export` together, and the shared rules on the options (a shift below the
    /// default window, …) unless the map is a bundle, whose settings are known only once it is read.
    func validate() throws {
        if size != nil && export == nil { throw ValidationError("--size: only with --export") }
        if let export, export.isEmpty { throw ValidationError("--export: the directory name is empty") }
        if let mapFile, map.isBundle(mapFile) { return }
        if let error = SettingsValidation.common(attention.settings) { throw ValidationError(error.message(naming: SettingError.flag)) }
    }

    func run() throws {
        let script: TourScript
        do { script = try TourScript.load(file) } catch { throw CommandError("\(error)") }
        if teaching.session != nil { throw CommandError("--session: a tour sets its own state (use it with the explorer)") }
        let recording = try teaching.openRecording()
        let exportDirectory = try teaching.exportDirectory()

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
        state.unavailableModes = Set(Mode.allCases.filter { !inputs.has($0.descriptor.needs) })
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
        if let export {
            try exportSteps(state, to: export, maps: otherMaps, inputs: inputs, underlay: underlay)
            return
        }
        // Bad input is named first; then a non-terminal is refused before curses starts.
        do { try Screen.check() } catch { throw CommandError("\(error)") }
        opened.printNotes()
        var choices = ExplorerDisplay(options: display, mouse: !noMouse, underlay: underlay)
        choices.exportDirectory = exportDirectory
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

    /// `--export DIR`: every step as SVG and ANSI, the files listed on stdout.
    private func exportSteps(_ state: ExplorerState, to directory: String, maps: [String: FeatureMap],
                             inputs: AttentionInputs, underlay: Underlay?) throws {
        let frame = size ?? FrameSize(columns: 120, rows: 40)
        let runtime = try RuntimeEnvironment.configuration()
        var engines: [String: AttentionEngine] = [:]
        let files: [String]
        do {
            files = try TourExport.write(
                state, directory: directory, width: frame.columns, height: frame.rows,
                style: display.style(depth: display.forcedDepth ?? .truecolor), ansiDepth: display.forcedDepth ?? .palette256,
                engine: { spec in
                    if let made = engines[spec] { return made }
                    guard let map = maps[spec] else { throw ExplorerError.badFile(file: spec, problem: "not loaded") }
                    let made = AttentionEngine(map: map, inputs: inputs, runtime: runtime)
                    engines[spec] = made
                    return made
                },
                underlay: { spec in
                    underlay ?? maps[spec]?.picture.flatMap { Underlay(height: $0.height, width: $0.width, values: $0.values) }
                })
        } catch let error as ExplorerError {
            throw CommandError("--export \(error)")
        }
        do { try StandardOutput.write(files.joined(separator: "\n") + "\n") } catch { throw CommandError(error.description) }
    }

    /// A tour's relative `map` path is looked up next to the tour file first (then in the
    /// working directory), so that a lesson and its map can travel together.
    static func resolve(_ spec: String, besides tourFile: String) -> String {
        guard !spec.hasPrefix("scene:"), !spec.hasPrefix("/") else { return spec }
        let beside = ((tourFile as NSString).deletingLastPathComponent as NSString).appendingPathComponent(spec)
        return FileManager.default.fileExists(atPath: beside) ? beside : spec
    }
}
