import Foundation

/// A file that could not be read or written, in words a person can act on.
public struct FileError: Error, CustomStringConvertible, Equatable, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The system's reason for `code`, in plain words for the common ones.
    public init(path: String, errno code: Int32) {
        self.path = path
        switch code {
        case ENOENT: reason = "no such file or folder"
        case EACCES, EPERM: reason = "permission denied"
        case ENOSPC: reason = "the disk is full"
        case EDQUOT: reason = "the disk quota is used up"
        case EISDIR: reason = "is a folder, not a file"
        case ENOTDIR: reason = "a part of the path is a file, not a folder"
        case ENAMETOOLONG: reason = "the name is too long"
        case EROFS: reason = "the file system is read-only"
        default: reason = String(cString: strerror(code))
        }
    }

    public var description: String { "\(path): \(reason)" }
}
