import Notebook

/// What the screen model asks of the outside world: steering the worker, redrawing, quitting,
/// and file work, which the model never does itself (see `FileWork`).
enum Effect: Equatable {
    case pause, resume, cancel, quit, redraw
    /// Write the session's cells to `path` as a notebook file (over the opened notebook, keeping
    /// its comments; over another existing file only when `replace`); report to `cell`.
    case writeNotebook(path: String, draft: NotebookDraft, replace: Bool, cell: Int)
    /// Start recording the kernel's events to `path`; report to `cell`.
    case startRecording(path: String, cell: Int)
    /// Stop the recording; report to `cell`.
    case stopRecording(cell: Int)
    /// Hand a request to the open `explore` cell.
    case explore(ExploreRequest)
}
