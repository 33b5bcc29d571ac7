import Notebook

/// What the screen model asks of the outside world: steering the worker, redrawing, quitting,
/// and file work, which the model never does itself (see `FileWork`).
enum Effect: Equatable {
    case pause, resume, cancel, quit, redraw
    /// Write `text` (`commands` of them) to `path` as a notebook file; report to `cell`.
    case writeNotebook(path: String, text: String, commands: Int, cell: Int)
    /// Start recording the kernel's events to `path`; report to `cell`.
    case startRecording(path: String, cell: Int)
    /// Stop the recording; report to `cell`.
    case stopRecording(cell: Int)
    /// Hand a request to the open `explore` cell.
    case explore(ExploreRequest)
}
