import Foundation

/// The built `attnscope` executable the end-to-end tests drive.
enum AttnscopeBinary {
    /// The package root (the folder holding Package.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The path of the debug (or release) binary next to the test bundle, nil when not built.
    /// `ATTNSCOPE_BINARY` names another one: `.ci/run` points it at the legacy-curses build.
    static let path: String? = {
        if let chosen = ProcessInfo.processInfo.environment["ATTNSCOPE_BINARY"], !chosen.isEmpty {
            let absolute = chosen.hasPrefix("/") ? chosen : packageRoot.appendingPathComponent(chosen).path
            return FileManager.default.isExecutableFile(atPath: absolute) ? absolute : nil
        }
        var candidates: [URL] = []
        // The test bundle lives in the products directory, next to the executable.
        let bundleDirectory = Bundle.main.bundleURL
        candidates.append(bundleDirectory.appendingPathComponent("attnscope"))
        candidates.append(bundleDirectory.deletingLastPathComponent().appendingPathComponent("attnscope"))
        for configuration in ["debug", "release"] {
            candidates.append(packageRoot.appendingPathComponent(".build/\(configuration)/attnscope"))
        }
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The fixed 8×24×32 map the explorer tests open (centre 12,16; see Fixtures/make_explorer_map.py),
    /// so that they do not depend on what the built-in default scene looks like.
    static let explorerMap = packageRoot.appendingPathComponent("Tests/attnscopeTests/Fixtures/explorer-24x32.npy").path
}
