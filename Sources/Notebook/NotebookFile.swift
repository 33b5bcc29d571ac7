import Foundation

/// Why a notebook file could not be opened.
public struct NotebookFileError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The text of a notebook file, read whole: a regular file, or a pipe such as the one
/// `aelab run <(…)` hands over (Foundation reads those only through a file handle).
public func notebookText(at path: String) -> Result<String, NotebookFileError> {
    var data = FileManager.default.contents(atPath: path)
    if data == nil, let handle = FileHandle(forReadingAtPath: path) {
        data = try? handle.readToEnd() ?? Data()
        try? handle.close()
    }
    guard let data else {
        return .failure(NotebookFileError("\(path): " + (FileManager.default.fileExists(atPath: path) ? "cannot read" : "no such file")))
    }
    guard let text = String(data: data, encoding: .utf8) else { return .failure(NotebookFileError("\(path): not UTF-8 text")) }
    return .success(text)
}
