// swift-tools-version:6.0
import PackageDescription

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `ATTNSCOPE_LEGACY_CURSES=1` builds the curses layer against the API macOS's system curses has
/// (ncurses 5.7: ≤ 256 colour pairs, no extended-colour functions), on any platform, so the macOS
/// path is exercised on Linux. Build it in its own scratch path so the normal build stays intact:
/// `ATTNSCOPE_LEGACY_CURSES=1 swift build --scratch-path .build-legacy` (docs/terminal.md).
let legacyCurses = getenv("ATTNSCOPE_LEGACY_CURSES").map { String(cString: $0) == "1" } ?? false

/// On macOS, Homebrew's ncurses (keg-only) is found through pkg-config when installed; without
/// it the SDK's curses is used. Linux links ncursesw directly (its .pc adds flags SwiftPM warns about).
#if os(macOS)
let cursesPkgConfig: String? = "ncursesw"
#else
let cursesPkgConfig: String? = nil
#endif

let package = Package(
    name: "attnscope",
    products: [
        .executable(name: "attnscope", targets: ["attnscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // ncurses, reached only through the Terminal target. The module map has no `link`: the
        // Terminal target links the platform's library.
        .systemLibrary(name: "CNcurses", path: legacyCurses ? "Sources/CNcursesLegacy" : "Sources/CNcurses",
                       pkgConfig: cursesPkgConfig,
                       providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]),
        // The process signals (one definition of the flags, async-signal-safe handlers, a self-pipe).
        .target(name: "TerminalSignals"),

        // Tensors, file readers and built-in scenes. No UI.
        .target(name: "FeatureMaps", dependencies: [
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // The hot loops in C, built per instruction set (AVX-512, AVX2, baseline) and picked at run time.
        .target(name: "AttentionKernels"),
        // One type per attention mechanism: pure (features, query, settings) -> AttentionField.
        .target(name: "Attention", dependencies: ["FeatureMaps", "AttentionKernels"]),
        // Colormaps, glyphs, overlays and layout into a Canvas; text, ANSI and SVG writers.
        .target(name: "Rendering", dependencies: ["Attention", "FeatureMaps"]),
        // The explorer's state and its pure update function; tours and sessions.
        .target(name: "Explorer", dependencies: ["Attention", "Rendering", "FeatureMaps"]),
        // The only code that touches ncurses.
        .target(name: "Terminal", dependencies: ["CNcurses", "TerminalSignals", "Rendering", "Explorer"],
                swiftSettings: legacyCurses ? [.define("ATTN_LEGACY_CURSES")] : [],
                linkerSettings: [
                    .linkedLibrary("ncursesw", .when(platforms: [.linux])),
                    .linkedLibrary("ncurses", .when(platforms: [.macOS])),
                ]),
        // `attnscope bench`: query sweeps, percentiles, peak memory, the result's JSON and table.
        .target(name: "Benchmarks", dependencies: ["Attention", "Rendering", "Explorer", "FeatureMaps"]),
        // The command line.
        .executableTarget(name: "attnscope", dependencies: [
            "FeatureMaps", "Attention", "Rendering", "Explorer", "Terminal", "Benchmarks",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "FeatureMapsTests", dependencies: [
            "FeatureMaps",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),  // deflates the hostile archives the tests build
        ],
                    exclude: ["Fixtures"]),  // files written by make_fixtures.py (read via #filePath)
        .testTarget(name: "AttentionTests", dependencies: ["Attention", "AttentionKernels", "FeatureMaps"],
                    exclude: ["Reference", "Vectors"]),  // PyTorch scripts and the vectors they wrote (read via #filePath)
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "Attention", "FeatureMaps"],
                    exclude: ["Snapshots"]),  // expected frames (read via #filePath)
        .testTarget(name: "ExplorerTests", dependencies: ["Explorer", "Rendering", "Attention", "FeatureMaps"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Rendering", "Explorer"]),
        .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks", "Attention"]),
        // End-to-end: drives the built binary (and the explorer under tmux).
        .testTarget(name: "attnscopeTests", dependencies: ["attnscope"],
                    exclude: ["Fixtures"]),  // maps the tmux tests open (read via #filePath)
    ],
    swiftLanguageModes: [.v6]
)
