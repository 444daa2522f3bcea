#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's resident memory, from `/proc/self/status` (Linux).
public enum ResidentMemory {
    /// The peak resident set size (`VmHWM`) in MiB; nil where `/proc` is unavailable.
    public static var peakMiB: Double? { value(of: "VmHWM") }

    /// The current resident set size (`VmRSS`) in MiB; nil where `/proc` is unavailable.
    public static var currentMiB: Double? { value(of: "VmRSS") }

    /// The `name` line of `/proc/self/status` in MiB.
    static func value(of name: String) -> Double? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 512)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let mib = parse(line, name: name) { return mib }
        }
        return nil
    }

    /// The value of a `Name:  1234 kB` line in MiB, when the line is `name`'s.
    static func parse(_ line: String, name: String) -> Double? {
        guard line.hasPrefix(name + ":") else { return nil }
        let digits = line.dropFirst(name.count + 1).filter(\.isNumber)
        guard let kib = Double(String(digits)) else { return nil }
        return kib / 1024
    }
}

/// The machine's load, from `/proc/loadavg` (Linux).
public enum SystemLoad {
    /// The 1-minute load average; nil where `/proc` is unavailable.
    public static var oneMinute: Double? {
        guard let file = fopen("/proc/loadavg", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 128)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.split(separator: " ").first.flatMap { Double(String($0)) }
    }
}
