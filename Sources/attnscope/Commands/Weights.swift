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
            and mode extras such as lesa's unary share. --format npy writes a little-endian float32 (H, W) array. \
            NaN or infinite inputs are computed as PyTorch would (one NaN logit makes the whole softmax NaN; a NaN \
            sampling position reads zeros, its mass off-image), and a 'note: NaN:' line says which input caused it.
            """)

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, npy
    }

    @Argument(help: "A feature map file (.npy, .npz, .safetensors, .pgm/.ppm) or scene:NAME.", completion: .featureMap)
    var file: String

    @Option(help: "The mechanism: \(Mechanisms.names) (default: a bundle's own).", completion: .modeName)
    var mode: Mode?

    @Option(parsing: .unconditional, help: "The query, 0-based ROW,COL, or a prefix token: token:I or cls.")
    var query: QueryArgument

    @Option(help: "json or npy.")
    var format: Format = .json

    @Option(help: "Write to this file instead of stdout.", completion: .file(extensions: Format.allCases.map(\.rawValue)))
    var out: String?

    @OptionGroup var map: MapOptions
    @OptionGroup var attention: AttentionOptions

    /// A bundle's mode and settings are known only once it is read (in `run`).
    func validate() throws {
        guard !map.isBundle(file) else { return }
        try attention.check(for: try Mode.required(mode))
    }

    func run() throws {
        let opened = try map.open(file)
        let mode = try Mode.required(self.mode ?? opened.mode)
        let settings = attention.settings(over: opened.settings)
        try attention.check(settings, for: mode, opened: opened)
        try query.check(in: opened.map)
        let engine = AttentionEngine(map: opened.map, inputs: try attention.loadInputs(over: opened.inputs),
                                     runtime: try RuntimeEnvironment.configuration())
        let field = try query.field(engine, mode: mode, settings: settings, options: attention, opened: opened)
        opened.printNotes()
        for note in field.notes { StandardOutput.note("note: \(note)") }
        do {
            if let out {
                let file = try OutputFile(creating: out)
                try write(field) { bytes throws(FileWriteError) in try file.write(bytes) }
                try file.commit()
            } else {
                try write(field) { bytes throws(FileWriteError) in try StandardOutput.write(bytes) }
            }
        } catch {
            throw CommandError(out == nil ? error.description : "--out \(error)")
        }
    }

    /// Hands `field` in the chosen format to `sink`, piece by piece: JSON is written as it is
    /// made (a 4096×4096 map is ~400 MB of text); the first failure stops it.
    private func write(_ field: AttentionField, to sink: ([UInt8]) throws(FileWriteError) -> Void) throws(FileWriteError) {
        switch format {
        case .json:
            var failure: FileWriteError?
            WeightsJSON.encode(field) { piece in
                guard failure == nil else { return }
                do throws(FileWriteError) { try sink(Array(piece.utf8)) } catch { failure = error }
            }
            if let failure { throw failure }
        case .npy:
            try sink(NumpyArray.weights(of: field))
        }
    }
}
