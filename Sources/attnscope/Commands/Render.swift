import ArgumentParser
import Attention
import Explorer
import FeatureMaps
import Foundation
import Rendering

/// `attnscope render`: renders one frame as text, ANSI or SVG.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Renders one frame as text, ANSI or SVG.",
        discussion: """
            Without --format, a colour terminal on stdout gets ANSI and anything else plain text; \
            text never carries escape codes (the glyphs carry the values), NO_COLOR turns colour off.
            """)

    @Argument(help: "A .npy/.npz/.safetensors/PGM/PPM file, or scene:NAME.", completion: .featureMap)
    var file: String
    @Option(help: "The mechanism (default: a bundle's own).", completion: .modeName)
    var mode: Mode?
    @Option(parsing: .unconditional, help: "The query as ROW,COL (0-based), or a prefix token: token:I or cls.")
    var query: QueryArgument
    @Option(parsing: .unconditional, help: "The frame size as COLSxROWS, each 1...1000 (default: the terminal's, else 80x24).")
    var size: FrameSize?
    @Option(help: "The output format (default: ansi on a colour terminal, else text).")
    var format: RenderFormat?
    @OptionGroup var map: MapOptions
    @OptionGroup var attention: AttentionOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var slide: SlideOptions

    /// A bundle's mode and settings are known only once it is read (in `run`).
    func validate() throws {
        guard !map.isBundle(file) else { return }
        try attention.check(for: try Mode.required(mode))
    }

    func run() throws {
        let frameSize = size ?? FrameSize.terminal() ?? FrameSize(columns: 80, rows: 24)
        let (format, depth) = chooseFormat()
        let underlay = try display.loadUnderlay()
        let opened = try map.open(file)
        let featureMap = opened.map
        let mode = try Mode.required(self.mode ?? opened.mode)
        let settings = attention.settings(over: opened.settings)
        try attention.check(settings, for: mode, opened: opened)
        try query.check(in: featureMap)
        let engine = AttentionEngine(map: featureMap, inputs: try attention.loadInputs(over: opened.inputs),
                                     runtime: try RuntimeEnvironment.configuration())
        let picture = underlay ?? featureMap.picture.flatMap { Underlay(height: $0.height, width: $0.width, values: $0.values) }
        if slide.asksForExplorerView {
            // The explorer's own frame of that view, computed now, without key hints.
            var state = ExplorerState(mapName: featureMap.name, mapHeight: featureMap.height, mapWidth: featureMap.width,
                                      mapIsLoaded: featureMap.isLoaded, query: query.position, settings: settings,
                                      mode: mode)
            state.glyphStyle = display.ascii ? .ascii : display.glyphs
            state.colormap = display.colormap
            state.valueScale = display.scaleMode
            try slide.configure(&state)
            let renderer = FrameRenderer(style: Slide.style(display.style(depth: depth), state: state))
            let frame = renderer.render(Slide.content(state, engine: engine, underlay: picture),
                                        width: frameSize.columns, height: frameSize.rows)
            opened.printNotes()
            try write(frame, format: format, depth: depth)
            return
        }
        let field = try query.field(engine, mode: mode, settings: settings, options: attention, opened: opened)
        opened.printNotes()
        let content = FrameContent.single(field, mapName: featureMap.name, underlay: picture)
        let renderer = FrameRenderer(style: display.style(depth: depth))
        let frame = renderer.render(content, width: frameSize.columns, height: frameSize.rows)
        try write(frame, format: format, depth: depth)
    }

    private func write(_ frame: RenderedFrame, format: RenderFormat, depth: ColorDepth) throws {
        let output: String
        switch format {
        case .text: output = PlainTextWriter().write(frame.canvas)
        case .ansi: output = ANSIWriter(depth: depth).write(frame.canvas)
        case .svg: output = SVGWriter().write(frame.canvas)
        }
        do { try StandardOutput.write(output) } catch { throw CommandError(error.description) }
    }

    /// The output format and the colour depth to draw with.
    ///
    /// `text` is always monochrome; `ansi` always carries colour (256 unless `--color` says
    /// otherwise); `svg` is truecolor unless `--color` says otherwise. Without `--format`, a
    /// colour terminal gets ANSI at its detected depth and anything else text.
    private func chooseFormat() -> (RenderFormat, ColorDepth) {
        switch format {
        case .text: return (.text, .monochrome)
        case .ansi: return (.ansi, display.forcedDepth ?? .palette256)
        case .svg: return (.svg, display.forcedDepth ?? .truecolor)
        case nil:
            let depth = display.detectedDepth()
            return depth.hasColor ? (.ansi, depth) : (.text, .monochrome)
        }
    }
}

/// The output formats of `render`.
enum RenderFormat: String, ExpressibleByArgument, CaseIterable {
    case text, ansi, svg
}

/// `COLSxROWS`, e.g. `80x24` (1…1000 each).
struct FrameSize: ExpressibleByArgument {
    let columns: Int
    let rows: Int

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let c = Int(parts[0]), let r = Int(parts[1]),
              (1...1000).contains(c), (1...1000).contains(r) else { return nil }
        columns = c
        rows = r
    }

    /// The size of the terminal on stdout, if it is one.
    static func terminal() -> FrameSize? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return FrameSize(columns: Int(size.ws_col), rows: Int(size.ws_row))
    }
}
