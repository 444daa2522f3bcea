import Foundation
import Testing

/// NaN and ±∞ in features, offsets and projections give defined results in every mode, written
/// as JSON nulls with `nanCount`, drawn with the NaN glyph, and explained by a `NaN:` note.
///
/// The defined result is PyTorch's arithmetic: one NaN logit makes the whole softmax NaN (no
/// finite mass is left beside it); a NaN sampling position reads zeros and its mass counts as
/// off-image; modes that do not read the features (dcn's fixed tap mass, lka) stay finite.
@Suite struct NonFiniteInputTests {
    /// A 4×12×16 map of smooth values; the query (5,6) sees (1,1) through every global mode.
    static let height = 12, width = 16, channels = 4
    static func values() -> [Float] {
        (0..<(channels * height * width)).map { i in Float(sin(Double(i) * 0.37) * 0.8) }
    }

    /// One way of making an input non-finite, with what the note must name as the cause and
    /// which modes must come out NaN.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// The map's values.
        var map: [Float]
        /// Extra files to write: option and (shape, values), or a projection archive.
        var extra: Extra?
        /// Extra arguments.
        var arguments: [String] = []
        /// The words the `NaN:` note must contain.
        var cause: String
        /// Modes whose weight map must hold NaN; the others must hold none.
        var nanModes: Set<String>
        var testDescription: String { name }

        enum Extra: Sendable {
            case npy(option: String, shape: [Int], values: [Float])
            case projection(wq: [Float], wk: [Float])
        }
    }

    static let softmaxModes: Set<String> = ["global", "window", "axial", "criss-cross", "neighborhood", "lesa"]
    static let modes = ["global", "window", "axial", "criss-cross", "dcn", "dat", "neighborhood", "lka", "lesa"]

    static func index(_ c: Int, _ r: Int, _ col: Int) -> Int { (c * height + r) * width + col }

    static let cases: [Case] = {
        var nanAtQuery = values()
        for c in 0..<channels { nanAtQuery[index(c, 5, 6)] = .nan }
        var nanElsewhere = values()
        nanElsewhere[index(2, 1, 1)] = .nan
        var infinite = values()
        for c in 0..<channels { infinite[index(c, 3, 3)] = .infinity }
        var dcnOffsets = (0..<(18 * height * width)).map { Float(sin(Double($0))) * 0.5 }
        for k in 0..<18 { dcnOffsets[(k * height + 5) * width + 6] = .nan }
        var datOffsets = (0..<(2 * 3 * 4)).map { Float(cos(Double($0))) * 0.3 }
        datOffsets[5] = .nan
        var wq = (0..<16).map { $0 % 5 == 0 ? Float(1) : 0 }
        wq[6] = .nan
        let identity = (0..<16).map { $0 % 5 == 0 ? Float(1) : 0 }
        return [
            // dat's query is NaN too: every sample weight is NaN.
            Case(name: "NaN at the query", map: nanAtQuery, cause: "features at the query (5,6) are NaN",
                 nanModes: softmaxModes.union(["dat"])),
            // (1,1) lies outside the query's 7×7 neighbourhood (rows 2…8, columns 3…9).
            Case(name: "NaN elsewhere", map: nanElsewhere, cause: "the map holds 1 NaN feature value (at (1,1), channel 2)",
                 nanModes: softmaxModes.subtracting(["neighborhood"])),
            Case(name: "+Inf features", map: infinite, cause: "infinite feature values", nanModes: softmaxModes),
            Case(name: "NaN dcn offsets", map: values(),
                 extra: .npy(option: "--offsets", shape: [18, height, width], values: dcnOffsets),
                 cause: "the offsets file holds 18 NaN", nanModes: []),
            Case(name: "NaN dat offsets", map: values(),
                 extra: .npy(option: "--offsets", shape: [2, 3, 4], values: datOffsets),
                 cause: "the offsets file holds 1 NaN", nanModes: []),
            Case(name: "NaN in the projection", map: values(), extra: .projection(wq: wq, wk: identity),
                 cause: "projection", nanModes: softmaxModes),
            // Finite features of 1e20 give logits of 1e40: +∞ in float32, and ∞ − ∞ in the softmax.
            Case(name: "logits overflow", map: values().map { $0 * 1e20 }, cause: "overflowed",
                 nanModes: softmaxModes.union(["dat"])),
        ]
    }()

    /// Modes a case applies to (the dcn and dat offset files fit only their own mode).
    static func modes(for c: Case) -> [String] {
        if c.name == "NaN dcn offsets" { return ["dcn"] }
        if c.name == "NaN dat offsets" { return ["dat"] }
        return modes
    }

    /// Writes the case's files; returns the map path and the extra arguments.
    func files(for c: Case) throws -> (map: String, arguments: [String], cleanup: [String]) {
        let map = try TensorFileWriter.npy([Self.channels, Self.height, Self.width], c.map)
        var arguments = c.arguments, cleanup = [map]
        switch c.extra {
        case let .npy(option, shape, values)?:
            let path = try TensorFileWriter.npy(shape, values)
            arguments += [option, path]
            cleanup.append(path)
        case let .projection(wq, wk)?:
            let path = try TensorFileWriter.safetensors([("wq", [4, 4], wq), ("wk", [4, 4], wk)])
            arguments += ["--proj", path]
            cleanup.append(path)
        case nil:
            break
        }
        return (map, arguments, cleanup)
    }

    @Test(arguments: cases)
    func weightsAreNullCountedAndExplained(_ c: Case) throws {
        let (map, arguments, cleanup) = try files(for: c)
        defer { for path in cleanup { try? FileManager.default.removeItem(atPath: path) } }
        for mode in Self.modes(for: c) {
            let run = try BinaryRun.run(["weights", map, "--mode", mode, "--query", "5,6"] + arguments)
            #expect(run.status == 0 && !run.signalled, "\(mode): \(run.stderr)")
            let doc = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any], "\(mode)")
            let rows = try #require(doc["weights"] as? [Any])
            let cells = rows.compactMap { $0 as? [Any] }.joined()
            #expect(cells.count == Self.height * Self.width)
            let nulls = cells.filter { $0 is NSNull }.count
            let nanCount = try #require(doc["nanCount"] as? Int)
            #expect(nanCount == nulls, "\(mode): nanCount \(nanCount) but \(nulls) nulls")
            #expect((nanCount > 0) == c.nanModes.contains(mode), "\(mode): \(nanCount) NaN weights")
            let finite = cells.compactMap { ($0 as? NSNumber)?.doubleValue }
            if nanCount > 0 && mode != "dat" {
                // The whole softmax is NaN: no finite mass is left beside the NaN weights.
                #expect(finite.allSatisfy { $0 == 0 }, "\(mode): finite mass beside NaN")
            }
            let samples = (doc["samples"] as? [[String: Any]]) ?? []
            let badPosition = samples.contains { $0["y"] is NSNull || $0["x"] is NSNull }
            let badSample = badPosition || samples.contains { $0["weight"] is NSNull }
            let offImage = doc["offImage"] as? Double
            let note = run.stderr.split(separator: "\n").first { $0.hasPrefix("note: NaN:") }.map(String.init)
            if nanCount > 0 || badSample || offImage == nil {
                let text = try #require(note, "\(mode): no NaN note in \(run.stderr)")
                #expect(text.contains(c.cause), "\(mode): \(text)")
            } else {
                #expect(note == nil, "\(mode): \(note ?? "")")
                // A finite result is a whole distribution.
                #expect(abs(finite.reduce(0, +) + (offImage ?? .nan) - 1) < 1e-4, "\(mode): Σ + offImage ≠ 1")
            }
            if badPosition {
                #expect(note?.contains("off-image") == true, "\(mode): \(note ?? "")")
            }
        }
    }

    @Test(arguments: cases)
    func renderDrawsNaNDistinctlyAndSaysWhy(_ c: Case) throws {
        let (map, arguments, cleanup) = try files(for: c)
        defer { for path in cleanup { try? FileManager.default.removeItem(atPath: path) } }
        for mode in Self.modes(for: c) where c.nanModes.contains(mode) {
            let run = try BinaryRun.run(["render", map, "--mode", mode, "--query", "5,6", "--size", "200x40",
                                         "--format", "text"] + arguments)
            #expect(run.status == 0 && !run.signalled, "\(mode): \(run.stderr)")
            let text = run.standardOutput
            #expect(text.contains("×"), "\(mode): no NaN glyph")
            #expect(text.contains("NaN weights"), "\(mode): no NaN count in the panel")
            // The caption wraps; join its lines before looking for the cause.
            let flat = text.replacingOccurrences(of: "\n", with: " ")
            #expect(flat.contains("NaN: "), "\(mode): no NaN caption")
            #expect(flat.contains(c.cause.split(separator: " ").prefix(2).joined(separator: " ")), "\(mode): \(text)")
        }
    }
}
