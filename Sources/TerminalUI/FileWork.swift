import Files
import Foundation
import Notebook

/// Carries out the screen model's file effects (writing a notebook, recording) and holds the
/// session recorder, so the model itself stays free of I/O and testable on text.
final class FileWork {
    private(set) var recorder: SessionRecorder?
    /// Notebook files this session wrote, which `write` may replace again without asking.
    private var written: Set<String> = []
    /// The first recording failure, once it has been reported (the session's exit status says it).
    private(set) var recordingFailure: FileError?

    /// Records a kernel event when a recording is on. A write failure ends the recording and
    /// is reported to `model` (the notebook says it, the status bar stops showing ● rec).
    func record(_ event: KernelEvent, on model: ScreenModel? = nil) {
        guard let recorder else { return }
        recorder.record(event)
        guard let failure = recorder.failure else { return }
        recorder.close()
        self.recorder = nil
        recordingFailure = failure
        model?.recording = nil
        model?.message = "recording stopped: \(failure); the session file ends before this"
    }

    /// Starts a recording with the screen's size. It refuses to replace `inputs` (the opened
    /// notebook) or any existing file that is not a session; a recording begun after cells
    /// ran starts with them, so that it can be verified.
    func startRecording(path: String, source: String, size: (width: Int, height: Int),
                        startingCells: [Session.StartingCell] = [], inputs: [String] = []) throws {
        recorder = try SessionRecorder(path: FilePath.expandingHome(path), source: source, columns: size.width, rows: size.height,
                                       startingCells: startingCells, inputs: inputs)
    }

    /// Ends the recording; its path, or nil when none was on. A failure is kept in `recordingFailure`.
    @discardableResult
    func stopRecording() -> String? {
        guard let recorder else { return nil }
        if let failure = recorder.close() { recordingFailure = failure }
        self.recorder = nil
        return recorder.path
    }

    /// Does the file effects and tells `model` how each went; returns the other effects.
    func perform(_ effects: [Effect], on model: ScreenModel) -> [Effect] {
        var rest: [Effect] = []
        for effect in effects {
            switch effect {
            case let .writeNotebook(path, draft, replace, cell):
                writeNotebook(FilePath.expandingHome(path), as: path, draft: draft, replace: replace, cell: cell, model: model)
            case let .startRecording(path, cell):
                if let recorder {
                    model.report(cell: cell, error: "already recording to \(recorder.path); 'record stop' first")
                    continue
                }
                do {
                    let state = model.finishedCells
                    try startRecording(path: path, source: model.opened?.path ?? "notebook", size: model.lastSize,
                                       startingCells: state, inputs: model.opened.map { [$0.path] } ?? [])
                    model.recording = path
                    model.report(cell: cell, "recording to \(path): every kernel event from now on; 'record stop' ends it")
                    if !state.isEmpty {
                        model.report(cell: cell, "it starts with the \(state.count) cell\(state.count == 1 ? "" : "s") run so far, so that 'aelab replay --verify' can rebuild the data and model")
                    }
                } catch {
                    model.report(cell: cell, error: "\(error)")
                }
            case let .stopRecording(cell):
                let failure = recorder?.failure
                if let path = stopRecording() {
                    model.recording = nil
                    if let failure = failure ?? recordingFailure { model.report(cell: cell, error: "the recording to \(path) is incomplete: \(failure)") }
                    model.report(cell: cell, "stopped recording to \(path)")
                } else {
                    model.report(cell: cell, error: recordingFailure.map { "not recording: it stopped when \($0)" } ?? "not recording")
                }
            case .pause, .resume, .cancel, .quit, .redraw, .explore:
                rest.append(effect)
            }
        }
        return rest
    }

    /// `write`: over the opened notebook its comments and lines are kept (unless the file
    /// changed on disk since); another existing file is replaced only when asked.
    private func writeNotebook(_ path: String, as typed: String, draft: NotebookDraft, replace: Bool, cell: Int, model: ScreenModel) {
        var over: OpenedNotebook?
        if let opened = draft.opened, opened.path == path || FilePath.sameFile(opened.path, path) {
            let now = FileManager.default.fileExists(atPath: path) ? try? OpenedNotebook.read(path).get() : opened
            guard now?.lines == opened.lines || replace else {
                model.report(cell: cell, error: "\(typed) changed since aelab opened it; 'write \(typed) replace=yes' replaces it anyway, or write to another file")
                return
            }
            over = opened
        } else if FileManager.default.fileExists(atPath: path), !replace, !written.contains(Self.key(path)) {
            model.report(cell: cell, error: "\(typed) exists and is not the notebook this session opened; 'write \(typed) replace=yes' replaces it")
            return
        }
        let (text, placed) = draft.text(over: over)
        do {
            let created = try AtomicFile.write(text, to: path)
            written.insert(Self.key(path))
            if let over, case .success(let now) = OpenedNotebook.read(path) {
                model.wrote(OpenedNotebook(path: over.path, lines: now.lines, cells: now.cells), placed: placed)
            }
            let commands = NotebookDraft.commandCount(text)
            model.report(cell: cell, created.map { "created the folder \($0)" })
            let kept = over == nil ? "" : ", keeping its comments and the lines that failed"
            model.report(cell: cell, "wrote \(commands) cell\(commands == 1 ? "" : "s") to \(typed)\(kept)")
        } catch {
            model.report(cell: cell, error: "cannot write \(typed): \(error)")
        }
    }

    private static func key(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}
