import Foundation

/// Paths as a person types them, checked before any work is done on them.
public enum FilePath {
    /// `~/x` with the home folder put in; other paths unchanged.
    public static func expandingHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + path.dropFirst()
    }

    /// The folder part of `path` ("." when there is none).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// Creates the missing folders above `path`; returns the top folder it created, or nil.
    @discardableResult
    public static func createParent(of path: String) throws -> String? {
        try createFolder(parent(of: path))
    }

    /// Creates `folder` and the folders above it that are missing, one `mkdir` at a time so
    /// that a failure names the folder and says why in words (a file where a folder should
    /// be, a read-only disk). Returns the top folder it created, or nil when all existed.
    @discardableResult
    public static func createFolder(_ folder: String) throws -> String? {
        var missing: [String] = []
        var current = folder
        while true {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: current, isDirectory: &isFolder) {
                guard isFolder.boolValue else { throw FileError(path: current, reason: "is a file, not a folder") }
                break
            }
            missing.append(current)
            let up = parent(of: current)
            if up == current || (up == "." && !current.contains("/")) { break }
            current = up
        }
        for path in missing.reversed() where mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw FileError(path: path, reason: "cannot create the folder: " + FileError(path: path, errno: errno).reason)
        }
        return missing.last
    }

    /// Refuses what cannot be written as a file: an empty name, or a path that is a folder.
    public static func checkWritable(_ path: String) throws {
        guard !path.isEmpty, !path.hasSuffix("/") else { throw FileError(path: path, reason: "names a folder, not a file") }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw FileError(path: path, reason: "is a folder, not a file")
        }
    }
}
