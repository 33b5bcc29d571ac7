import Foundation

/// Writing files so that a crash, a kill or a full disk never leaves a half-written one in place.
///
/// The bytes go to a temporary file beside the target (`.aelab-tmp-PID-XXXXXX`, short so that a
/// legal 255-byte name still fits), are flushed to disk, and the temporary file is renamed over
/// the target, which POSIX makes atomic. Temporary files that a killed aelab left behind in the
/// same folder are removed on the next write there.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically, creating missing parent folders first.
    /// - Returns: the folder it had to create, if any, so the caller can say so.
    @discardableResult
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws -> String? {
        try FilePath.checkWritable(path)
        let created = try FilePath.createParent(of: path)
        let folder = FilePath.parent(of: path)
        removeStaleTemporaries(in: folder)
        var template = Array("\(folder)/\(temporaryPrefix)\(getpid())-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        fchmod(fd, 0o644)
        let failure = writeAll(fd, bytes) ?? (fsync(fd) == 0 ? nil : errno)
        let closeFailure = close(fd) == 0 ? nil : errno
        if let code = failure ?? closeFailure {
            unlink(temporary)
            throw FileError(path: path, errno: code)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileError(path: path, errno: code)
        }
        syncFolder(folder)
        return created
    }

    /// Writes text as UTF-8, atomically.
    @discardableResult
    public static func write(_ text: String, to path: String) throws -> String? {
        try write(Array(text.utf8), to: path)
    }

    static let temporaryPrefix = ".aelab-tmp-"

    /// Writes every byte, retrying short writes and interruptions; the errno of a failure.
    static func writeAll(_ fd: Int32, _ bytes: some Collection<UInt8>) -> Int32? {
        let contiguous = Array(bytes)
        return contiguous.withUnsafeBytes { raw -> Int32? in
            var written = 0
            while written < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if n == 0 { return ENOSPC }
                written += n
            }
            return nil
        }
    }

    /// Makes the rename itself durable (best effort: some file systems refuse to sync folders).
    static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Deletes `.aelab-tmp-PID-…` files in `folder` whose process is gone (a killed save).
    static func removeStaleTemporaries(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(temporaryPrefix) {
            let rest = name.dropFirst(temporaryPrefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]) else { continue }
            // kill(pid, 0) fails with ESRCH when no such process exists.
            if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { unlink(folder + "/" + name) }
        }
    }
}
