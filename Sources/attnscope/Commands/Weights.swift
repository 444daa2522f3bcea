import ArgumentParser
import Attention
import FeatureMaps
import Foundation

/// `attnscope weights`: writes the weight map of one query as JSON or .npy.
struct Weights: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes the weight map of one query as JSON or .npy.",
        discussion: """
            stdout carries only the result (notes go to stderr). JSON holds mode, height, width, query, \
            weights (H rows of W numbers, NaN as null), offImage, illustrative, nanCount, samples (dcn, dat) \
            and mode extras such as lesa's unary share. --format npy writes a little-endian float32 (H, W) array.
            """)

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, npy
    }

    @Argument(help: "A feature map file (.npy, .npz, .safetensors, .pgm/.ppm) or scene:NAME.")
    var file: String

    @Option(help: "The mechanism: \(Mode.allCases.map(\.name).joined(separator: ", ")).")
    var mode: Mode

    @Option(parsing: .unconditional, help: "The query, 0-based ROW,COL.")
    var query: QueryArgument

    @Option(help: "json or npy.")
    var format: Format = .json

    @Option(help: "Write to this file instead of stdout.")
    var out: String?

    @OptionGroup var map: MapOptions
    @OptionGroup var attention: AttentionOptions

    func validate() throws {
        try attention.check(for: mode)
    }

    func run() throws {
        let featureMap = try map.load(file)
        try query.check(in: featureMap)
        let engine = AttentionEngine(map: featureMap, inputs: try attention.loadInputs())
        let field = try engine.field(mode, at: query.position, settings: attention.settings)
        for note in field.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        let bytes: Data
        switch format {
        case .json: bytes = Data(WeightsJSON.encode(field).utf8)
        case .npy: bytes = Data(NumpyArray.weights(of: field))
        }
        if let out {
            do {
                try bytes.write(to: URL(fileURLWithPath: out))
            } catch {
                throw CommandError("--out \(out): cannot write the file (\(error.localizedDescription))")
            }
        } else {
            FileHandle.standardOutput.write(bytes)
        }
    }
}
