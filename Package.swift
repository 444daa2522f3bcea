// swift-tools-version:6.0
import PackageDescription

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
        // ncursesw, reached only through the Terminal target.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),

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
        .target(name: "Terminal", dependencies: ["CNcurses", "Rendering", "Explorer"]),
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
