import Foundation
import Testing
@testable import FeatureMaps

/// The bundle reader on the fixtures of Fixtures/bundles (written by make_bundles.py with NumPy
/// and zipfile, laid out as the exporter writes bundles).
@Suite struct BundleFileTests {
    static func path(_ name: String) -> String { Fixtures.path("bundles/" + name) }

    /// expected.json: the pictures the reader must make of `image` members, as float32 bits.
    static let expected: [String: [String: [UInt32]]] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: path("expected.json")))
        return try! JSONDecoder().decode([String: [String: [UInt32]]].self, from: data)
    }()

    @Test func readsASingleBlockBundle() throws {
        let bundle = try #require(try BundleFile.open(Self.path("single.npz")))
        #expect(bundle.model == "timm:test" && !bundle.isMultiBlock && bundle.blocks.count == 1)
        let block = bundle.blocks[0]
        #expect(block.mode == "window" && block.path == "layers.0.blocks.1" && block.heads == 2 && block.memberPrefix == "")
        #expect(block.settings.map(\.key) == ["window", "shift", "variant", "scale", "mlp_ratio"])
        #expect(block.setting("window") == .integer(3))
        #expect(block.setting("shift") == .pair(1, 1))
        #expect(block.setting("variant") == .text("timm"))
        #expect(block.setting("scale") == .number(0.5))
        #expect(block.setting("kernel") == nil)
        #expect(bundle.description["weights"] == .string("random"))
        #expect(bundle.archive.names == ["input", "image", "features", "wq", "bq", "wk", "bk", "wo", "bias", "attention"])
        #expect(bundle.members(of: block).names == bundle.archive.names)
        #expect(bundle.memberName("bias", of: block) == "bias")

        let map = try bundle.featureMap(of: block)
        #expect((map.channels, map.height, map.width) == (4, 5, 6))
        #expect(map.name == "single.npz")
        #expect(map.data == (0..<120).map { Float($0) * 0.125 })  // np.arange(120) * 0.125, C×H×W
        let picture = try #require(map.image)
        let bits = try #require(Self.expected["single.npz"]?["image"])
        #expect(picture.count == bits.count)
        for (value, expected) in zip(picture, bits) { #expect(abs(value - Float(bitPattern: expected)) <= 1e-6) }
    }

    @Test func readsAMultiBlockBundleWithSharedAndOwnMembers() throws {
        let bundle = try #require(try BundleFile.open(Self.path("multi.npz")))
        #expect(bundle.isMultiBlock && bundle.blocks.map(\.path) == ["blocks.0", "blocks.1"])
        #expect(bundle.blocks.map(\.memberPrefix) == ["b0.", "b1."])
        #expect(bundle.blocks[0].setting("kernel") == .pair(3, 3))
        #expect(bundle.blocks[1].settings.isEmpty)
        #expect(bundle.sharedNames == ["input", "image"])

        let first = bundle.members(of: bundle.blocks[0])
        #expect(first.names == ["input", "image", "features", "wq", "wk"])
        let second = bundle.members(of: bundle.blocks[1])
        #expect(second.names == ["input", "features", "image", "wq"])  // its own image replaces the shared one
        #expect(second.path == bundle.path)
        #expect(bundle.memberName("features", of: bundle.blocks[1]) == "b1.features")
        #expect(bundle.memberName("input", of: bundle.blocks[1]) == "input")
        #expect(bundle.memberName("image", of: bundle.blocks[0]) == "image")
        #expect(bundle.memberName("image", of: bundle.blocks[1]) == "b1.image")

        let map0 = try bundle.featureMap(of: bundle.blocks[0]), map1 = try bundle.featureMap(of: bundle.blocks[1])
        #expect(map0.data == (0..<24).map { Float($0) * 0.25 })
        #expect(map1.data == (0..<24).map { Float($0) * 0.25 + 100 })
        #expect(map1.name == "multi.npz (blocks.1)")
        for (map, key) in [(map0, "image"), (map1, "b1.image")] {
            let bits = try #require(Self.expected["multi.npz"]?[key])
            let picture = try #require(map.image)
            #expect(picture.count == bits.count)
            for (value, expected) in zip(picture, bits) { #expect(abs(value - Float(bitPattern: expected)) <= 1e-6, "\(key)") }
        }
    }

    @Test func readsADeflatedDescriptionWithEscapesAndUnknownValues() throws {
        let bundle = try #require(try BundleFile.open(Self.path("deflated.npz")))
        #expect(bundle.model == "hf:Swiné😀 \"q\"")
        #expect(bundle.blocks[0].path == "a/b")
        #expect(bundle.blocks[0].setting("scale") == .number(0.1))
        #expect(bundle.blocks[0].setting("future") == .other(.object([("nested", .array([.number(1.5), .null, .boolean(true)]))])))
        #expect(bundle.blocks[0].setting("future")?.text == "{\"nested\": [1.5, null, true]}")
    }

    @Test func filesThatAreNotBundlesAreNil() throws {
        #expect(try BundleFile.open(Self.path("plain.npz")) == nil)
        #expect(try BundleFile.open(Fixtures.path("npy/f4-le.npy")) == nil)
        #expect(try BundleFile.open("scene:default") == nil)
        #expect(try BundleFile.open(Self.path("does-not-exist.npz")) == nil)  // its reader names the problem
        #expect(BundleFile.isBundle(Self.path("single.npz")) && !BundleFile.isBundle(Self.path("plain.npz")))
        #expect(BundleFile.isBundle(Self.path("malformed/format-2.npz")))
    }

    @Test func aBlockOutOfRangeIsOneLine() throws {
        let bundle = try #require(try BundleFile.open(Self.path("multi.npz")))
        #expect(throws: FeatureMapError.invalidFile(path: Self.path("multi.npz"), problem: "has no block 2: the bundle holds 2 blocks (0…1)")) {
            try bundle.block(2)
        }
        #expect(try bundle.block(1).path == "blocks.1")
    }

    @Test func memberProblemsNameTheMember() throws {
        // features missing, features of a shape no map has, an image of a shape no picture has
        let cases: [(String, String)] = [
            ("no-features.npz", "has no member 'b1.features' (the block's attention input, C×H×W)"),
            ("features-1d.npz",
             "member 'b1.features' has shape (5,), but a feature map must be 2-D (H, W), 3-D (C, H, W or H, W, C) or 4-D with batch 1"),
            ("image-2x3x4.npz", "member 'b1.image' has shape (2, 3, 4); a bundle's picture is (3, H, W) or (1, H, W)"),
        ]
        for (name, problem) in cases {
            let bundle = try #require(try BundleFile.open(Self.path("members/" + name)))
            #expect(throws: FeatureMapError.invalidFile(path: bundle.path, problem: problem)) { try bundle.featureMap(of: bundle.blocks[1]) }
            #expect(try bundle.featureMap(of: bundle.blocks[0]).height == 3)  // the other block still opens
        }
    }

    /// Every file of bundles/malformed produces exactly the line expected-errors.txt gives it.
    @Test(arguments: try! String(contentsOfFile: path("expected-errors.txt"), encoding: .utf8)
        .split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
    func aMalformedBundleIsOneExactLine(_ line: String) throws {
        let file = String(line.prefix(while: { $0 != ":" }))
        let path = Self.path("malformed/" + file)
        do {
            let bundle = try BundleFile.open(path)
            Issue.record("\(file) opened (\(bundle == nil ? "as no bundle" : "as a bundle")) instead of failing")
        } catch {
            #expect(error.description == Self.path("malformed") + "/" + line)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func everyMalformedBundleHasAnExpectedLine() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.path("malformed"))
        let text = try String(contentsOfFile: Self.path("expected-errors.txt"), encoding: .utf8)
        for file in files { #expect(text.contains("\n\(file): "), "\(file) has no line in expected-errors.txt") }
        #expect(files.count >= 25)
    }
}
