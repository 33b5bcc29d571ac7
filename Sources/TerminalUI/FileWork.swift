import Files
import Foundation
import Notebook

/// Carries out the screen model's file effects (writing a notebook, recording) and holds the
/// session recorder, so the model itself stays free of I/O and testable on text.
final class FileWork {
    private(set) var recorder: SessionRecorder?

    /// Records a kernel event when a recording is on.
    func record(_ event: KernelEvent) { recorder?.record(event) }

    /// Starts a recording (replacing no file that is not a session) with the screen's size.
    func startRecording(path: String, source: String, size: (width: Int, height: Int)) throws {
        recorder = try SessionRecorder(path: FilePath.expandingHome(path), source: source, columns: size.width, rows: size.height)
    }

    /// Ends the recording; its path, or nil when none was on.
    @discardableResult
    func stopRecording() -> String? {
        guard let recorder else { return nil }
        recorder.close()
        self.recorder = nil
        return recorder.path
    }

    /// Does the file effects and tells `model` how each went; returns the other effects.
    func perform(_ effects: [Effect], on model: ScreenModel) -> [Effect] {
        var rest: [Effect] = []
        for effect in effects {
            switch effect {
            case let .writeNotebook(path, text, commands, cell):
                do {
                    let created = try AtomicFile.write(text, to: FilePath.expandingHome(path))
                    model.report(cell: cell, created.map { "created the folder \($0)" })
                    model.report(cell: cell, "wrote \(commands) cell\(commands == 1 ? "" : "s") to \(path)")
                } catch {
                    model.report(cell: cell, error: "cannot write \(path): \(error)")
                }
            case let .startRecording(path, cell):
                if let recorder {
                    model.report(cell: cell, error: "already recording to \(recorder.path); 'record stop' first")
                    continue
                }
                do {
                    try startRecording(path: path, source: "notebook", size: model.lastSize)
                    model.recording = path
                    model.report(cell: cell, "recording to \(path): every kernel event from now on; 'record stop' ends it")
                } catch {
                    model.report(cell: cell, error: "\(error)")
                }
            case let .stopRecording(cell):
                if let path = stopRecording() {
                    model.recording = nil
                    model.report(cell: cell, "stopped recording to \(path)")
                } else {
                    model.report(cell: cell, error: "not recording")
                }
            case .pause, .resume, .cancel, .quit, .redraw, .explore:
                rest.append(effect)
            }
        }
        return rest
    }
}
