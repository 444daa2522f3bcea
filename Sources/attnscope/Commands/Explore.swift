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

    @Option(help: "The mode to open in (default: a bundle's own, else global).", completion: .modeName)
    var mode: Mode?
    @Option(parsing: .unconditional, help: "The opening query R,C (0-based; default: the centre), or a prefix token: token:I or cls.")
    var query: QueryArgument?

    @OptionGroup var display: DisplayOptions

    @Flag(name: .customLong("no-mouse"), help: "Do not capture the mouse (keeps the terminal's own selection).")
    var noMouse = false
    @OptionGroup var teaching: TeachingOptions

    /// A bundle's mode and settings are known only once it is read (in `run`).
    func validate() throws {
        guard !map.isBundle(file) else { return }
        try attention.check(for: mode ?? .global, stackedOnly: true)
    }

    func run() throws {
        let saved = try teaching.loadSession()
        let recording = try teaching.openRecording()
        let exportDirectory = try teaching.exportDirectory()
        // A session names its map; an explicit FILE other than the default wins.
        let spec = file == "scene:default" ? (saved?.map ?? file) : file
        let opened = try map.open(spec)
        let featureMap = opened.map
        let mode = self.mode ?? opened.mode ?? .global
        var settings = attention.settings(over: opened.settings)
        try attention.check(settings, for: mode, opened: opened, stackedOnly: true)
        let inputs = try attention.loadInputs(over: opened.inputs)
        try query?.check(in: featureMap)
        try attention.checkInputs(inputs, for: featureMap, opening: mode, settings: settings, opened: opened)
        let underlay = try display.loadUnderlay()
        settings.step = nil
        var state = ExplorerState(mapName: featureMap.name, mapHeight: featureMap.height, mapWidth: featureMap.width,
                                  mapIsLoaded: featureMap.isLoaded,
                                  query: query?.position, settings: settings, mode: mode)
        state.prefixTokens = PrefixTokens.count(in: inputs).map { count in
            (0..<count).map { i in inputs.prefixNames.flatMap { i < $0.count ? $0[i] : nil } ?? (i == 0 ? "cls" : "token") }
        } ?? []
        state.headCount = inputs.projections.flatMap(Projection.headCount(in:))
        state.prefixQuery = try query?.prefixToken(in: inputs, mode: mode)
        state.unavailableModes = Set(Mode.allCases.filter { !inputs.has($0.descriptor.needs) })
        state.glyphStyle = display.ascii ? .ascii : display.glyphs
        state.colormap = display.colormap
        state.valueScale = display.scaleMode
        try teaching.configure(&state, session: saved)
        state.teaching.mapSpec = TeachingOptions.absoluteSpec(spec)
        // Bad input is named first; then a non-terminal is refused before curses starts, so a
        // pipe never gets escape codes.
        do { try Screen.check() } catch { throw CommandError("\(error)") }
        opened.printNotes()
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
