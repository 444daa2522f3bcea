import ArgumentParser
import FeatureMaps
import Foundation
import Rendering

/// How frames look: colours, glyphs, colormap, value scale and the `--image` underlay.
struct DisplayOptions: ParsableArguments {
    @Option(help: "Colours: auto, truecolor, 256, 16, 8 or none.", completion: .colorChoice)
    var color: String = "auto"
    @Flag(help: "ASCII only, for fonts and projectors without block glyphs.")
    var ascii = false
    @Option(help: "Glyphs: half (upper half blocks, two map rows per cell), wide (two columns per pixel), shade, ascii, or auto.")
    var glyphs: GlyphStyle = .auto
    @Option(help: "Colormap for the weights (signed maps always use diverging).")
    var colormap: Colormap = .viridis
    @Option(name: .customLong("scale-mode"),
            help: "Value scale: auto (chosen per view), linear, log[:DECADES] (4) or clip[:FRACTION] (0.1 of the maximum).")
    var scaleMode: ValueScale = .auto
    @Option(parsing: .unconditional, help: "Colour bands, 2...32.")
    var levels: Int = 24
    @Flag(help: "Show large maps at full resolution, panned around the query, instead of pooling them.")
    var pan = false
    @Flag(help: "Two-column cells show each weight in percent.")
    var numbers = false
    @Option(help: "A PGM/PPM picture drawn dimmed under the weights, resampled to the map's grid.", completion: .picture)
    var image: String?

    func validate() throws {
        guard color.lowercased() == "auto" || ColorDepth(argument: color) != nil else {
            throw ValidationError("--color: '\(color)' is not one of auto, truecolor, 256, 16, 8, none")
        }
        guard (2...ColorRamp.maximumLevels).contains(levels) else {
            throw ValidationError("--levels: \(levels) is outside 2…\(ColorRamp.maximumLevels)")
        }
    }

    /// The `--color` value if it names a depth (not `auto`).
    var forcedDepth: ColorDepth? {
        color.lowercased() == "auto" ? nil : ColorDepth(argument: color)
    }

    /// The style for a given colour depth.
    func style(depth: ColorDepth) -> RenderStyle {
        RenderStyle(colorDepth: depth, glyphs: ascii ? .ascii : glyphs, unicode: !ascii, colormap: colormap,
                    scale: scaleMode, levels: levels, viewport: pan ? .pan : .fit, showNumbers: numbers)
    }

    /// The `--image` picture as a grey underlay (colour pixels as luminance), or nil without
    /// `--image`.
    func loadUnderlay() throws -> Underlay? {
        guard let image else { return nil }
        let picture: GreyPicture
        do {
            picture = try GreyPicture.load(image)
        } catch let error as FeatureMapError {
            throw CommandError("--image \(error)")
        }
        guard let underlay = Underlay(height: picture.height, width: picture.width, values: picture.values) else {
            throw CommandError("--image \(image): the picture has no pixels")
        }
        return underlay
    }

    /// The colour depth the environment allows for a terminal on stdout: `--color`, `NO_COLOR`,
    /// `COLORTERM`, then a guess from `TERM` (no colours when stdout is not a terminal).
    func detectedDepth(environment: [String: String] = ProcessInfo.processInfo.environment,
                       isTerminal: Bool = isatty(STDOUT_FILENO) == 1) -> ColorDepth {
        ColorDepth.detect(flag: color, noColor: environment["NO_COLOR"], colorTerm: environment["COLORTERM"],
                          terminalColors: isTerminal ? TerminalColorGuess.colors(term: environment["TERM"]) : nil)
    }
}

/// A terminal's colour count guessed from `TERM`, for commands that do not open ncurses.
enum TerminalColorGuess {
    /// 256 for `*-256color`, 16 for `*-16color`, none for `dumb` or unset, else 8.
    static func colors(term: String?) -> Int? {
        guard let term, !term.isEmpty, term != "dumb" else { return nil }
        if term.contains("direct") || term.contains("256color") { return 256 }
        if term.contains("16color") { return 16 }
        if term.hasPrefix("vt") && !term.contains("color") { return nil }
        return 8
    }
}

extension GlyphStyle: ExpressibleByArgument {}
extension Colormap: ExpressibleByArgument {}
extension ValueScale: ExpressibleByArgument {}
