import Foundation

/// Reading a whole file with a limit, so that `/dev/zero` or a 40 GB file gets one clear line
/// instead of filling memory. Works on pipes too (`aelab run <(…)`).
public enum BoundedRead {
    /// The bytes of `path`, failing once more than `limit` bytes have been read.
    /// - Parameter what: what the file is meant to be, for the message ("a notebook").
    public static func bytes(_ path: String, limit: Int, what: String = "the file") throws -> [UInt8] {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw FileError(path: path, reason: "is a folder, not \(what)")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, errno: errno)
            }
            if n == 0 { return out }
            guard out.count + n <= limit else {
                throw FileError(path: path, reason: "is larger than \(describe(bytes: limit)), too large for \(what)")
            }
            out += chunk[0..<n]
        }
    }

    /// The text of `path` as UTF-8, with the same limit.
    public static func text(_ path: String, limit: Int, what: String = "the file") throws -> String {
        let data = try bytes(path, limit: limit, what: what)
        guard let text = String(validating: data, as: UTF8.self) else {
            throw FileError(path: path, reason: "is not UTF-8 text, so it cannot be \(what)")
        }
        return text
    }

    /// "64 MB", "512 KB".
    public static func describe(bytes n: Int) -> String {
        if n >= 1 << 30, n % (1 << 30) == 0 { return "\(n >> 30) GB" }
        if n >= 1 << 20 { return "\(n >> 20) MB" }
        if n >= 1 << 10 { return "\(n >> 10) KB" }
        return "\(n) bytes"
    }
}

extension String {
    /// Lines split at every line ending: "\n", "\r\n" and a lone "\r". Swift treats "\r\n" as one
    /// Character, so splitting on "\n" alone would leave CRLF files as a single line.
    public var lines: [Substring] {
        split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }
}
