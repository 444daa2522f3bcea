import ArgumentParser
import Attention
import Explorer
import FeatureMaps
import Foundation
import Rendering
import Terminal

/// `attnscope [FILE] [options]`: opens the interactive explorer (the default command).
struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Opens the interactive explorer (the default).",
        discussion: "Keys: arrows/hjkl move, 1-9 pick the mode, Space steps, ? lists every key, q quits.")

    @Argument(help: "A feature map file (.npy, .npz, .safetensors, .pgm/.ppm) or scene:NAME.", completion: .featureMap)
    var file: String = "scene:default"

    @OptionGroup var map: MapOptions
    @OptionGroup var attention: AttentionOptions

    @Option(help: "The mode to open in (default: global).", completion: .modeName)
    var mode: Mode = .global
    @Option(parsing: .unconditional, help: "The opening query R,C (0-based; default: the centre).")
    var query: QueryArgument?

    @OptionGroup var display: DisplayOptions

    @Flag(name: .customLong("no-mouse"), help: "Do not capture the mouse (keeps the terminal's own selection).")
    var noMouse = false
    @OptionGroup var teaching: TeachingOptions

    func validate() throws {
        try attention.check(for: mode, stackedOnly: true)
    }

    func run() throws {
        let saved = try teaching.loadSession()
        let recording = try teaching.openRecording()
        let exportDirectory = try teaching.exportDirectory()
        // A session names its map; an explicit FILE other than the default wins.
        let spec = file == "scene:default" ? (saved?.map ?? file) : file
        let featureMap = try map.load(spec)
        let inputs = try attention.loadInputs()
        try query?.check(in: featureMap)
        try attention.checkInputs(inputs, for: featureMap, opening: mode)
        let underlay = try display.loadUnderlay()
        var settings = attention.settings
        settings.step = nil
        var state = ExplorerState(mapName: featureMap.name, mapHeight: featureMap.height, mapWidth: featureMap.width,
                                  mapIsLoaded: featureMap.isLoaded,
                                  query: query?.position, settings: settings, mode: mode)
        state.glyphStyle = display.ascii ? .ascii : display.glyphs
        state.colormap = display.colormap
        state.valueScale = display.scaleMode
        try teaching.configure(&state, session: saved)
        state.teaching.mapSpec = TeachingOptions.absoluteSpec(spec)
        // Bad input is named first; then a non-terminal is refused before curses starts, so a
        // pipe never gets escape codes.
        do { try Screen.check() } catch { throw CommandError("\(error)") }
        var choices = ExplorerDisplay(options: display, mouse: !noMouse, underlay: underlay)
        choices.exportDirectory = exportDirectory
        let runtime = try RuntimeEnvironment.configuration()
        let status: Int32
        do {
            status = try ExplorerSession(map: featureMap, inputs: inputs, initial: state, display: choices,
                                         recording: recording, runtime: runtime).run()
        } catch let error as TerminalError {
            throw CommandError("\(error)")
        } catch let error as ExplorerError {
            throw CommandError("--record \(error)")
        }
        if status != 0 { throw ExitCode(status) }
    }
}
