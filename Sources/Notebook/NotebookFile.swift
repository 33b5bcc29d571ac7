import Files
import Foundation

/// Why a notebook file could not be opened.
public struct NotebookFileError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The largest notebook file aelab reads: a notebook is commands typed by a person (at most
/// 16 KB a line), so 4 MB is far more than any, and `/dev/zero` stops there.
public let maxNotebookBytes = 4 << 20

/// The text of a notebook file, read whole up to `maxNotebookBytes`: a regular file, or a pipe
/// such as the one `aelab run <(…)` hands over.
public func notebookText(at path: String) -> Result<String, NotebookFileError> {
    do {
        return .success(try BoundedRead.text(path, limit: maxNotebookBytes, what: "a notebook"))
    } catch {
        return .failure(NotebookFileError("\(error)"))
    }
}
