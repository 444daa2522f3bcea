import ArgumentParser
import Attention
import FeatureMaps
import Rendering

/// What the shells offer for each kind of value on the command line (the scripts in
/// `completions/` are generated from these).
///
/// Every file option completes paths, filtered by the extensions its readers accept (the shells
/// still offer directories); the extension lists come from the code that reads or writes the
/// files, not from a copy.
extension CompletionKind {
    /// A feature map: any file the tensor readers understand (`scene:NAME` is typed, not completed).
    static var featureMap: CompletionKind {
        .file(extensions: TensorFileFormat.allCases.flatMap(\.pathExtensions))
    }

    /// One tensor (offsets, mask, positions, bias): a `.npy`, or an archive holding it.
    static var tensorFile: CompletionKind {
        .file(extensions: [TensorFileFormat.npy, .npz, .safetensors].flatMap(\.pathExtensions))
    }

    /// An archive of named arrays (`--proj` with wq, wk; `--rel` with rq, rk, rv).
    static var tensorArchive: CompletionKind {
        .file(extensions: [TensorFileFormat.npz, .safetensors].flatMap(\.pathExtensions))
    }

    /// A PGM/PPM picture (`--image`).
    static var picture: CompletionKind {
        .file(extensions: TensorFileFormat.netpbm.pathExtensions)
    }

    /// A lesson for `attnscope tour`.
    static var tourFile: CompletionKind { .file(extensions: ["tour"]) }

    /// A session written with the explorer's `w` key (`attnscope-session-STAMP.txt`).
    static var sessionFile: CompletionKind { .file(extensions: ["txt"]) }

    /// An asciicast v2 recording (`--record FILE.cast`).
    static var recording: CompletionKind { .file(extensions: ["cast"]) }

    /// Every mode name, in the order of the explorer's digit keys (`--compare` takes several,
    /// comma-separated: the shells complete one).
    static var modeName: CompletionKind { .list(Mode.allCases.map(\.name)) }

    /// `--color`: `auto` or a colour depth.
    static var colorChoice: CompletionKind { .list(["auto"] + ColorDepth.allCases.map(\.rawValue)) }
}
