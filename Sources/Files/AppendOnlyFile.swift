import Foundation

/// A file written by appending whole records, each with one `write` call, so that a killed
/// process leaves every record before the one in flight intact (a session recording).
///
/// Every failure is thrown as a `FileError` in words (a full disk says so); the caller decides
/// whether to stop. Nothing is buffered in the process.
public final class AppendOnlyFile {
    public let path: String
    private var fd: Int32

    /// Creates `path` (replacing what is there: check first) and its missing parent folders.
    public init(creating path: String) throws {
        try FilePath.checkWritable(path)
        try FilePath.createParent(of: path)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        self.path = path
        self.fd = fd
    }

    /// Opens an existing file or device for appending without truncating it (`/dev/full`, in
    /// tests of what a full disk does).
    public init(appendingTo path: String) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        self.path = path
        self.fd = fd
    }

    /// Takes over an open descriptor (tests swap `/dev/full` in behind it to fill the disk).
    public init(descriptor: Int32, path: String) {
        self.path = path
        fd = descriptor
    }

    deinit { if fd >= 0 { Foundation.close(fd) } }

    /// Appends `bytes`, retrying short writes and interruptions.
    public func append(_ bytes: some Collection<UInt8>) throws {
        guard fd >= 0 else { throw FileError(path: path, reason: "is already closed") }
        if let code = AtomicFile.writeAll(fd, bytes) { throw FileError(path: path, errno: code) }
    }

    /// Closes the file; a failure to close (which some file systems report only then) is thrown.
    public func close() throws {
        guard fd >= 0 else { return }
        let result = Foundation.close(fd)
        fd = -1
        if result != 0 { throw FileError(path: path, errno: errno) }
    }

    /// The first bytes of the file at `path` (at most `count`), or nil when it cannot be read.
    public static func prefix(of path: String, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { Foundation.close(fd) }
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, count) }
        return n < 0 ? nil : Array(buffer[0..<n])
    }
}

extension FilePath {
    /// Whether two paths name the same existing file (the same device and inode), so that
    /// `a.ae` and `./a.ae` or a hard link are known for one file.
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// Whether `path` names a regular file (not a folder, a device or a pipe).
    public static func isRegularFile(_ path: String) -> Bool {
        var s = stat()
        return stat(path, &s) == 0 && (s.st_mode & S_IFMT) == S_IFREG
    }

    /// The size of the file at `path`, or nil when there is none.
    public static func size(_ path: String) -> Int? {
        var s = stat()
        return stat(path, &s) == 0 ? Int(s.st_size) : nil
    }
}
