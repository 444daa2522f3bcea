import Foundation
import Testing
@testable import FeatureMaps

/// Mutates the fixture bundles (bit flips anywhere, in `attnscope.json` above all, truncation):
/// each mutated file must open, be no bundle, or fail with one clean `FeatureMapError` line; and
/// an opened bundle's every block must give a map or one such line. A crash takes the test
/// process down; a hang shows as the time limit.
@Suite struct BundleFuzzTests {
    static let seeds = ["single.npz", "multi.npz", "deflated.npz"]

    @Test func mutatedBundlesFailCleanly() throws {
        var random = SplitMix64(seed: 0xB0D1E)
        var slowest: Duration = .zero
        for name in Self.seeds {
            let path = BundleFileTests.path(name)
            let seed = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            // where the description's text lies in the stored seeds (the first member)
            let description = Array(seed[30 ..< min(seed.count, 400)])
            for round in 0 ..< 300 {
                var bytes = seed
                switch round % 3 {
                case 0:  // flip bits in the description's text
                    for _ in 0 ... random.integer(below: 4) {
                        let index = 30 + random.integer(below: description.count)
                        bytes[index] ^= UInt8(1 << random.integer(below: 8))
                    }
                case 1:  // flip bits anywhere
                    for _ in 0 ... random.integer(below: 8) {
                        let index = random.integer(below: bytes.count)
                        bytes[index] ^= UInt8(1 << random.integer(below: 8))
                    }
                default:  // truncate
                    bytes.removeLast(1 + random.integer(below: bytes.count - 1))
                }
                let start = ContinuousClock.now
                do {
                    if let bundle = try BundleFile.decode(bytes, path: path, maxBytes: 1 << 22) {
                        for block in bundle.blocks {
                            do { _ = try bundle.featureMap(of: block) } catch { #expect(!error.description.contains("\n")) }
                        }
                    }
                } catch {
                    #expect(!error.description.contains("\n"), "multi-line error for \(name)")
                    #expect(error.description.hasPrefix(path + ": "))
                }
                slowest = max(slowest, ContinuousClock.now - start)
            }
        }
        #expect(slowest < .seconds(2))
    }

    /// The zip's CRC refuses a changed description before it is parsed, so the description
    /// reader gets its own mutations: bytes flipped, deleted, duplicated, brackets inserted.
    @Test func mutatedDescriptionsFailCleanly() throws {
        var random = SplitMix64(seed: 0x15AC)
        for name in Self.seeds {
            let bundle = try #require(try BundleFile.open(BundleFileTests.path(name)))
            let seed = Array(bundle.description.text.utf8)
            for _ in 0 ..< 2000 {
                var bytes = seed
                for _ in 0 ... random.integer(below: 3) {
                    let index = random.integer(below: bytes.count)
                    switch random.integer(below: 4) {
                    case 0: bytes[index] ^= UInt8(1 << random.integer(below: 8))
                    case 1: bytes.remove(at: index)
                    case 2: bytes.insert(contentsOf: bytes[index ..< min(bytes.count, index + 8)], at: index)
                    default: bytes.insert(Array("[{\"\\,:0-e".utf8)[random.integer(below: 9)], at: index)
                    }
                    if bytes.isEmpty { bytes = [0x7B] }
                }
                do { _ = try BundleDescription(bytes) } catch {
                    #expect(!error.message.contains("\n") && error.message.count < 400, "\(error.message)")
                }
            }
        }
    }
}
