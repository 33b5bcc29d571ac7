import Foundation
import Notebook
import Tensors

/// The notebook in the terminal: `aelab` and `aelab FILE.ae`.
public enum TerminalApp {
    /// Opens the notebook (with the cells of `notebookPath` ready to run, or with `data mnist`
    /// run as cell 1) and runs until the person quits, recording every kernel event to
    /// `recordPath` when given. Returns the exit status; problems before the screen opens are
    /// written to standard error.
    public static func run(notebookPath: String?, recordPath: String? = nil) -> Int32 {
        var notebook: OpenedNotebook?
        if let notebookPath {
            switch OpenedNotebook.read(notebookPath) {
            case .success(let opened): notebook = opened
            case .failure(let message): return fail(message)
            }
        }
        guard isatty(0) == 1, isatty(1) == 1 else {
            return fail("the notebook needs a terminal; use 'aelab run FILE.ae' to run a notebook without one")
        }
        if let problem = TerminalCheck.problem() { return fail(problem) }
        let model = ScreenModel(history: History(path: History.defaultPath()))
        if let blas = try? BLASLibrary.shared() {
            model.status.device = "OpenBLAS \(blas.coreName) ×\(Parallel.cores)"
        }
        let files = FileWork()
        if let recordPath {
            do {
                try files.startRecording(path: recordPath, source: notebookPath ?? "notebook", size: terminalSize(),
                                         inputs: notebookPath.map { [$0] } ?? [])
                model.recording = recordPath
            } catch {
                return fail("\(error)")
            }
        }
        if let notebook { model.open(notebook) } else { _ = model.submit("data mnist", recordHistory: false) }

        Signals.install()
        guard let backend = CursesBackend() else { return fail("cannot open the terminal (is TERM set?)") }
        let worker = KernelWorker(kernel: Kernel())
        EventLoop(model: model, backend: backend, worker: worker, files: files).run()
        backend.end()
        files.stopRecording()
        if let failure = files.recordingFailure {
            // Said in the notebook too; after the screen is gone it must still be seen.
            return fail("the recording is incomplete: \(failure)")
        }
        return 0
    }

    /// The terminal's columns and rows before curses opens it.
    private static func terminalSize() -> (width: Int, height: Int) {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0 else { return (0, 0) }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// The commands of a notebook file, one a line, comments and blank lines left out.
    static func readNotebook(_ path: String) -> Result<[String], NotebookFileError> {
        OpenedNotebook.read(path).map { $0.cells.map(\.command) }
    }

    private static func fail(_ message: NotebookFileError) -> Int32 { fail(message.description) }

    private static func fail(_ message: String) -> Int32 {
        FileHandle.standardError.write(Data(("aelab: " + message + "\n").utf8))
        return 2
    }
}

/// The interface thread: keys in, kernel events in, frames out at most ten times a second
/// unless a key asks for an answer now.
struct EventLoop {
    let model: ScreenModel
    let backend: CursesBackend
    let worker: KernelWorker
    let files: FileWork
    static let frameInterval = 0.1

    func run() {
        var lastDraw = Date.distantPast
        var dirty = true
        var keyPressed = false
        while true {
            // Wait briefly for the first key, then take whatever else is already typed.
            var wait: Int32 = 20
            while let key = backend.readKey(milliseconds: wait) {
                wait = 0
                keyPressed = true
                if key == .resize { backend.invalidate() }
                for effect in files.perform(model.handle(key), on: model) {
                    switch effect {
                    case .pause: worker.control.pause()
                    case .resume: worker.control.resume()
                    case .cancel: worker.control.cancel()
                    case .explore(let request): worker.explore.send(request)
                    case .redraw: backend.invalidate()
                    case .quit: return
                    case .writeNotebook, .startRecording, .stopRecording: break
                    }
                }
            }
            let events = worker.drain()
            if !events.isEmpty {
                let now = Date()
                for event in events {
                    if case .kernel(_, let kernelEvent) = event { files.record(kernelEvent, on: model) }
                    model.apply(event, at: now)
                }
                dirty = true
            }
            if let job = model.nextJob() {
                worker.submit(job)
                dirty = true
            }
            let now = Date()
            if now.timeIntervalSince(lastDraw) >= EventLoop.frameInterval, model.advanceAnimation() { dirty = true }
            if keyPressed || (dirty && now.timeIntervalSince(lastDraw) >= EventLoop.frameInterval) {
                let size = backend.size
                backend.draw(model.render(width: size.width, height: size.height))
                lastDraw = now
                dirty = false
                keyPressed = false
            }
        }
    }
}
