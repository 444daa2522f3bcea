import Foundation

/// A bundle: the `.npz` the exporter writes for one block or for all of a model's blocks, whose
/// raw zip member `attnscope.json` says what its `.npy` members are (DESIGN.md "The bundle";
/// docs/bundles.md).
///
/// A block's members are its tensors under their plain names (`features`, `wq`, `bias`): in a
/// multi-block bundle the archive stores them as `b<i>.features`, and members without such a
/// prefix (`input`, `image`) are shared by every block.
public struct BundleFile: Sendable {
    /// The raw member that makes an `.npz` a bundle.
    public static let descriptionMember = "attnscope.json"
    /// The largest `attnscope.json` read (the exporter writes a few KiB even for 24 blocks).
    public static let maxDescriptionBytes = 1 << 20

    /// The file, as the user named it.
    public let path: String
    /// The model spec the exporter was given.
    public let model: String
    /// The blocks, in file order (one for a single-block bundle).
    public let blocks: [BundleBlock]
    /// Whether the file lists `blocks` (members prefixed `b<i>.`).
    public let isMultiBlock: Bool
    /// Every `.npy` member under its full name, in archive order.
    public let archive: TensorArchive
    /// The whole `attnscope.json`.
    public let description: BundleJSON

    /// Opens `path` as a bundle; nil when it is not one (not a ZIP, or a ZIP without
    /// `attnscope.json`), so the caller reads it as an ordinary file and reports that file's
    /// own problems. A bundle whose description or members are broken is one
    /// `FeatureMapError` line naming the file and the member.
    public static func open(_ path: String, maxBytes: Int = ReadLimits.maxBytes) throws(FeatureMapError) -> BundleFile? {
        guard !path.hasPrefix("scene:"), let file = try? OpenedFile(path, maxBytes: maxBytes) else { return nil }
        return try read(file, path: path, maxBytes: maxBytes)
    }

    /// Reads the file contents `bytes` as if from `path` (tests and fuzzing).
    public static func decode(_ bytes: [UInt8], path: String, maxBytes: Int = ReadLimits.maxBytes) throws(FeatureMapError) -> BundleFile? {
        try read(MemoryBytes(bytes: bytes), path: path, maxBytes: maxBytes)
    }

    /// Whether `path` names a bundle (a readable ZIP with `attnscope.json`); a file that cannot
    /// be read is not one here (its reader says what is wrong with it later).
    public static func isBundle(_ path: String) -> Bool {
        guard !path.hasPrefix("scene:"), let file = try? OpenedFile(path, maxBytes: ReadLimits.maxBytes) else { return false }
        return (try? descriptionMember(in: file)) != nil
    }

    /// The description member of `source`, nil when it is not a ZIP or has none.
    private static func descriptionMember<Source: ByteSource>(in source: Source) throws(ReadProblem)
        -> (ZipContainer<Source>, ZipContainer<Source>.Member)? {
        guard source.size >= 4, let head = try? source.bytes(at: 0, count: 4),
              head.withUnsafeBytes({ NPZReader.matches($0) }),
              let container = try? ZipContainer(source) else { return nil }
        let found = container.members.filter { $0.name == descriptionMember }
        guard let member = found.first else { return nil }
        guard found.count == 1 else {
            throw ReadProblem("holds two members named '\(descriptionMember)'; which one describes the bundle is unclear, so it is refused")
        }
        return (container, member)
    }

    /// Reads a bundle from `source`.
    private static func read(_ source: some ByteSource, path: String, maxBytes: Int) throws(FeatureMapError) -> BundleFile? {
        do throws(ReadProblem) {
            guard let (container, member) = try descriptionMember(in: source) else { return nil }
            let quoted = "member '\(descriptionMember)'"
            guard member.uncompressedSize <= UInt64(maxDescriptionBytes) else {
                throw ReadProblem("\(quoted) is \(member.uncompressedSize) bytes, over the \(maxDescriptionBytes)-byte limit for a bundle description")
            }
            try container.check(member, limit: UInt64(maxDescriptionBytes))
            var text: [UInt8] = []
            try container.inflate(member) { piece throws(ReadProblem) in
                text.append(contentsOf: piece)
                return true
            }
            let description: BundleDescription
            do throws(ReadProblem) { description = try BundleDescription(text) } catch {
                throw ReadProblem(quoted + error.message)
            }
            let archive = TensorArchive(path: path, entries: try NPZReader.read(source, maxBytes: maxBytes), format: .npz)
            return BundleFile(path: path, model: description.model, blocks: description.blocks,
                          isMultiBlock: description.isMultiBlock, archive: archive, description: description.json)
        } catch {
            throw error.error(for: path)
        }
    }

    private init(path: String, model: String, blocks: [BundleBlock], isMultiBlock: Bool, archive: TensorArchive,
                 description: BundleJSON) {
        self.path = path
        self.model = model
        self.blocks = blocks
        self.isMultiBlock = isMultiBlock
        self.archive = archive
        self.description = description
    }

    /// Block `index` (0-based); out of range, one line saying how many there are.
    public func block(_ index: Int) throws(FeatureMapError) -> BundleBlock {
        guard blocks.indices.contains(index) else {
            let count = blocks.count == 1 ? "1 block (0)" : "\(blocks.count) blocks (0…\(blocks.count - 1))"
            throw .invalidFile(path: path, problem: "has no block \(index): the bundle holds \(count)")
        }
        return blocks[index]
    }

    /// The shared members' names: those of a multi-block bundle without a `b<i>.` prefix (every
    /// member of a single-block bundle).
    public var sharedNames: [String] {
        archive.names.filter { Self.blockIndex(ofMember: $0) == nil || !isMultiBlock }
    }

    /// The members `block` reads, named without their prefix: the shared ones, then its own
    /// (which win over a shared one of the same name, as a per-block `image` does). The archive
    /// keeps the bundle's path, so the mechanisms' messages name the file.
    public func members(of block: BundleBlock) -> TensorArchive {
        guard isMultiBlock else { return archive }
        var entries: [(String, Tensor)] = []
        let own = archive.names.filter { $0.hasPrefix(block.memberPrefix) }.map { String($0.dropFirst(block.memberPrefix.count)) }
        for name in sharedNames where !own.contains(name) {
            if let tensor = archive.tensors[name] { entries.append((name, tensor)) }
        }
        for name in own {
            if let tensor = archive.tensors[block.memberPrefix + name] { entries.append((name, tensor)) }
        }
        return TensorArchive(path: path, entries: entries, format: .npz)
    }

    /// The archive's name of `block`'s member `name`: `b1.bias`, or `bias` when it is shared or
    /// the bundle has one block.
    public func memberName(_ name: String, of block: BundleBlock) -> String {
        guard isMultiBlock, archive.tensors[block.memberPrefix + name] != nil || archive.tensors[name] == nil else { return name }
        return block.memberPrefix + name
    }

    /// The block's feature map (`features`, C×H×W) with the bundle's `image` as its picture.
    public func featureMap(of block: BundleBlock) throws(FeatureMapError) -> FeatureMap {
        let members = members(of: block)
        let name = memberName("features", of: block)
        guard let features = members.tensors["features"] else {
            throw .invalidFile(path: path, problem: "has no member '\(name)' (the block's attention input, C×H×W)")
        }
        var map: FeatureMap
        do {
            map = try FeatureMap(tensor: features, path: path, layout: .chw)
        } catch let error as FeatureMapError {
            guard case let .invalidFile(_, problem) = error else { throw error }
            throw .invalidFile(path: path, problem: "member '\(name)' \(problem)")
        } catch {
            throw .invalidFile(path: path, problem: "member '\(name)' cannot be read as a feature map")
        }
        let file = (path as NSString).lastPathComponent
        map.name = isMultiBlock ? "\(file) (\(block.path))" : file
        if let image = members.tensors["image"] {
            map.image = try picture(image, named: memberName("image", of: block), height: map.height, width: map.width)
        }
        return map
    }

    /// `image` (3×H×W or 1×H×W in [0, 1]) as the grey picture `--image` would make of it, on the
    /// map's grid.
    private func picture(_ image: Tensor, named name: String, height: Int, width: Int) throws(FeatureMapError) -> [Float] {
        let shape = image.droppingLeadingUnitDimensions().shape  // (1, H, W) becomes (H, W)
        let planes = shape.count == 3 ? shape[0] : 1
        guard shape.count == 2 || (shape.count == 3 && planes == 3), !shape.contains(0) else {
            throw .invalidFile(path: path, problem: "member '\(name)' has shape \(NPYReader.describe(image.shape)); a bundle's picture is (3, H, W) or (1, H, W)")
        }
        let rows = shape[shape.count - 2], cols = shape[shape.count - 1]
        let map = FeatureMap(channels: planes, height: rows, width: cols, data: image.values, name: name, origin: .loaded(path: path))
        return GreyPicture(greyOf: map).resampled(height: height, width: width).values
    }

    /// The block index of a member name `b<i>.<name>`, nil for any other name.
    static func blockIndex(ofMember name: String) -> Int? {
        guard name.hasPrefix("b"), let dot = name.firstIndex(of: "."), dot > name.index(after: name.startIndex) else { return nil }
        let digits = name[name.index(after: name.startIndex) ..< dot]
        guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }
}
