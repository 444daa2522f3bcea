#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What kind of node a path names, from `st_mode`, in the words the one-line errors use.
enum FileKind: Equatable {
    case regular, directory, symbolicLink, characterDevice, blockDevice, fifo, socket, other

    /// The kind of the node whose `stat` mode is `mode`.
    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        case S_IFCHR: self = .characterDevice
        case S_IFBLK: self = .blockDevice
        case S_IFIFO: self = .fifo
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }

    /// `is a directory`, `is a FIFO (named pipe)`, … (for anything but a regular file).
    var refusal: String {
        switch self {
        case .regular: "is a regular file"
        case .directory: "is a directory, not a file"
        case .symbolicLink: "is a symbolic link"
        case .characterDevice: "is a character device, not a file"
        case .blockDevice: "is a block device, not a file"
        case .fifo: "is a FIFO (named pipe), not a file"
        case .socket: "is a socket, not a file"
        case .other: "is not a regular file"
        }
    }
}
