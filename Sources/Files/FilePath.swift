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
        let folder = parent(of: path)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw FileError(path: folder, reason: "is a file, not a folder") }
            return nil
        }
        // The highest missing ancestor is what a person would want to hear about.
        var missing = folder
        while case let up = parent(of: missing), up != missing, !FileManager.default.fileExists(atPath: up) { missing = up }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FileError(path: folder, reason: "cannot create the folder (\((error as NSError).localizedFailureReason ?? error.localizedDescription))")
        }
        return missing
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
