import Foundation
import Testing
@testable import FeatureMaps

/// Mutates valid fixtures (bit flips, truncation, header edits, huge dimensions) and feeds random
/// bytes to every reader: each input must load or fail with a clean `FeatureMapError`, quickly.
/// A crash would take the test process down; a hang shows as the per-input time limit.
@Suite struct ReaderFuzzTests {
    /// The valid files mutated, with the extension each mutated copy is presented under.
    static let seeds = [
        "npy/f4-le.npy", "npy/i2-be.npy", "npy/fortran-3d.npy", "npy/version3.npy", "npy/f2-le.npy",
        "npz/stored.npz", "npz/deflated.npz",
        "safetensors/all-dtypes.safetensors", "safetensors/bf16.safetensors",
        "netpbm/grey8-plain.pgm", "netpbm/grey16-binary.pgm", "netpbm/rgb8-plain.ppm", "netpbm/rgb16-binary.ppm",
    ]

    /// Seconds for the mutation run: 3 in the suite; set ATTNSCOPE_FUZZ_SECONDS for a long session
    /// (the round count then grows with it; the seed stays fixed).
    static let budget = Double(ProcessInfo.processInfo.environment["ATTNSCOPE_FUZZ_SECONDS"] ?? "") ?? 3

    /// A small decode cap so mutated sizes cannot make the fuzzer allocate much.
    static let cap = 1 << 22

    /// Feeds `bytes` to the readers and the map builder; records anything but a clean outcome.
    static func check(_ bytes: [UInt8], as path: String, slowest: inout Duration) {
        let start = ContinuousClock.now
        do {
            let archive = try TensorFiles.decode(bytes, path: path, maxBytes: cap)
            for name in archive.names {
                guard let tensor = archive.tensors[name] else { continue }
                #expect(tensor.values.count == tensor.shape.reduce(1, *))
                for layout in Layout.allCases {
                    do { _ = try FeatureMap(tensor: tensor, path: path, layout: layout) }
                    catch let error as FeatureMapError { #expect(!error.description.contains("\n")) }
                    catch { Issue.record("map from \(path): unexpected error \(error)") }
                }
            }
        } catch {
            #expect(!error.description.contains("\n"), "multi-line error for \(path)")
            #expect(error.description.hasPrefix(path + ": "))
        }
        slowest = max(slowest, ContinuousClock.now - start)
    }

    /// One mutation of `seed`.
    static func mutate(_ seed: [UInt8], random: inout SplitMix64) -> [UInt8] {
        var bytes = seed
        switch random.integer(below: 6) {
        case 0:  // flip a few bits anywhere
            for _ in 0 ... random.integer(below: 8) {
                let index = random.integer(below: bytes.count)
                bytes[index] ^= UInt8(1 << random.integer(below: 8))
            }
        case 1:  // truncate
            bytes.removeLast(1 + random.integer(below: bytes.count - 1))
        case 2:  // overwrite header bytes with extreme values
            let headerEnd = min(bytes.count, 160)
            for _ in 0 ... random.integer(below: 4) {
                bytes[random.integer(below: headerEnd)] = [0x00, 0xFF, 0x7F, 0x80, 0x2D, 0x39][random.integer(below: 6)]
            }
        case 3:  // replace a digit run in the header with a huge or negative number
            let headerEnd = min(bytes.count, 400)
            let digits = (0 ..< headerEnd).filter { bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }
            guard let at = digits.isEmpty ? nil : digits[random.integer(below: digits.count)] else { break }
            var end = at
            while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
            let numbers = ["99999999999", "-3", "0", "4294967296", "18446744073709551616", "2147483647", "1e9", "65536"]
            bytes.replaceSubrange(at ..< end, with: Array(numbers[random.integer(below: numbers.count)].utf8))
        case 4:  // duplicate or delete a slice
            let a = random.integer(below: bytes.count), b = min(bytes.count, a + random.integer(below: 64))
            if random.integer(below: 2) == 0 { bytes.insert(contentsOf: bytes[a ..< b], at: a) } else { bytes.removeSubrange(a ..< b) }
        default:  // append garbage
            for _ in 0 ..< random.integer(below: 32) { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
        }
        return bytes
    }

    @Test func mutatedFixturesFailCleanly() {
        var random = SplitMix64(seed: 0xF022)
        var slowest = Duration.zero
        let deadline = ContinuousClock.now + .seconds(Self.budget)
        var runs = 0
        outer: for round in 0 ..< Int(40 * Self.budget * 1000) {
            for seedFile in Self.seeds {
                let seed = Fixtures.bytes(seedFile)
                let mutated = Self.mutate(seed, random: &random)
                Self.check(mutated, as: "fuzz-\(round)." + (seedFile as NSString).pathExtension, slowest: &slowest)
                runs += 1
                if ContinuousClock.now > deadline { break outer }
            }
        }
        #expect(runs >= 200, "only \(runs) inputs in the time budget")
        #expect(slowest < .seconds(1), "one input took \(slowest)")
    }

    @Test func mutatedFilesFailCleanlyThroughTheFilePath() throws {
        // The file path has its own fast route for native f4 .npy data: fuzz it through real files.
        var random = SplitMix64(seed: 0xD15C)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("attnscope-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let deadline = ContinuousClock.now + .milliseconds(700)
        var runs = 0
        for round in 0 ..< 400 where ContinuousClock.now < deadline {
            let seedFile = ["npy/f4-le.npy", "npy/fortran-3d.npy", "npy/hwc.npy", "npz/stored.npz"][round % 4]
            let mutated = Self.mutate(Fixtures.bytes(seedFile), random: &random)
            let url = directory.appendingPathComponent("case-\(round)." + (seedFile as NSString).pathExtension)
            try Data(mutated).write(to: url)
            // The file route and the in-memory decoder must agree: same tensors, or the same line.
            let fromFile = Result { try TensorFiles.read(url.path, maxBytes: Self.cap) }
            let fromBytes = Result { try TensorFiles.decode(mutated, path: url.path, maxBytes: Self.cap) }
            switch (fromFile, fromBytes) {
            case let (.success(a), .success(b)):
                #expect(a.names == b.names)
                for name in a.names {
                    let x = a.tensors[name]!, y = b.tensors[name]!
                    #expect(x.shape == y.shape && x.dtype == y.dtype)
                    #expect(zip(x.values, y.values).allSatisfy { $0.bitPattern == $1.bitPattern })
                }
            case let (.failure(a), .failure(b)):
                #expect("\(a)" == "\(b)")
                #expect("\(a)".hasPrefix(url.path + ": ") && !"\(a)".contains("\n"))
            default:
                Issue.record("file and memory routes disagree on \(seedFile) round \(round): \(fromFile) vs \(fromBytes)")
            }
            runs += 1
        }
        #expect(runs >= 50)
    }

    @Test func randomBytesFailCleanlyInEveryReader() {
        var random = SplitMix64(seed: 0xB17E5)
        var slowest = Duration.zero
        let prefixes: [[UInt8]] = [[], [0x93] + Array("NUMPY".utf8) + [1, 0], Array("PK\u{3}\u{4}".utf8),
                                   Array("P5\n".utf8), Array("P3\n".utf8), [16, 0, 0, 0, 0, 0, 0, 0, UInt8(ascii: "{")]]
        let extensions = ["npy", "npz", "safetensors", "pgm", "ppm", "bin"]
        let deadline = ContinuousClock.now + .seconds(1)
        for round in 0 ..< 600 where ContinuousClock.now < deadline {
            var bytes = prefixes[round % prefixes.count]
            for _ in 0 ..< random.integer(below: 200) { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
            Self.check(bytes, as: "random-\(round).\(extensions[random.integer(below: extensions.count)])", slowest: &slowest)
        }
        #expect(slowest < .seconds(1))
    }
}
