import Foundation
import Notebook
import Rendering

/// What the backend puts on the terminal: the cells, and where the cursor goes (nil hides it).
struct Frame {
    var canvas: Canvas
    var cursor: (row: Int, col: Int)?
}

/// A kernel command handed to the worker thread; its events come back tagged with `id`.
struct Job: Equatable {
    var id: Int
    var line: String
}

/// What the worker thread reports to the interface thread.
enum WorkerEvent {
    case kernel(job: Int, KernelEvent)
    /// The job is over: its error, if it threw, and the kernel's state after it.
    case finished(job: Int, error: String?, status: KernelStatus)
}

/// What the screen model asks of the outside world after a key.
enum Effect: Equatable {
    case pause, resume, cancel, quit, redraw
}

/// The whole interface without a terminal: cells, input line, history, completion, training
/// panel, status and overlays. Keys and kernel events go in; a `Frame` comes out. The ncurses
/// backend only copies frames to the screen, so everything here is tested on text.
final class ScreenModel {
    enum Mode: Equatable {
        case normal
        case help
        case confirmQuit
        /// A cell's figures one at a time, as large as they fit.
        case fullScreen(cell: Int, figure: Int)
    }

    private(set) var pane = NotebookPane()
    private(set) var input = InputLine()
    private(set) var history: History
    let completion: Completion
    private(set) var panel: TrainingPanel?
    var status = StatusLine()
    private(set) var mode = Mode.normal
    private var help = HelpOverlay()
    /// Cells waiting for the kernel, in order.
    private(set) var queue: [Int] = []
    /// The job the worker runs and its cell.
    private(set) var running: (job: Job, cell: Int)?
    /// The cell whose command is being edited, to run again in place.
    private(set) var editing: Int?
    /// Choices from the last Tab, shown in the hint line until the next key.
    private var candidates: [String] = []
    /// A one-off message for the hint line.
    private var message: String?
    private var nextJobID = 1
    private var lastNumber = 0
    /// The panel's cell, so pictures sent during training go to the panel.
    private var panelCell: Int?
    /// Where every kernel event goes while `record FILE` (or `aelab --record FILE`) is on.
    private(set) var recorder: SessionRecorder?
    /// The size of the last frame, for a recording's header.
    private var lastSize = (width: 0, height: 0)
    /// The cell a replayed session's events go to, between its cellStarted and cellFinished.
    private var replayCell: Int?
    /// What replaces the input line and key hints while a recorded session plays.
    var replayChrome: ReplayChrome?
    /// What the notebook says while it has no cells.
    var placeholder: String {
        get { pane.placeholder }
        set { pane.placeholder = newValue }
    }

    init(history: History, completion: Completion = Completion()) {
        self.history = history
        self.completion = completion
    }

    var isBusy: Bool { running != nil }
    var isTraining: Bool { running != nil && panel?.isRunning == true }

    // MARK: Cells

    /// Adds the commands of an opened notebook as pending cells.
    func open(commands: [String]) {
        for command in commands {
            lastNumber += 1
            pane.append(number: lastNumber, command: command, state: .pending, fromFile: true)
        }
    }

    /// Runs a line as the user typed it: an interface command now, anything else as a new
    /// kernel cell (or in place of the cell being edited).
    func submit(_ line: String, recordHistory: Bool = true) -> [Effect] {
        let line = line.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { return [] }
        if recordHistory { history.add(line) }
        candidates = []
        message = nil
        let words = line.split(separator: " ").map(String.init)
        switch words[0].lowercased() {
        case "quit", "exit":
            return requestQuit()
        case "run" where words.count <= 2:
            if words.count == 2 && words[1] == "all" {
                let pending = pane.cells.filter { $0.state == .pending }.map(\.id)
                if pending.isEmpty { message = "no pending cells to run" }
                for id in pending { enqueue(id) }
            } else if words.count == 1 {
                runNextPending()
            } else {
                message = "usage: run [all]"
            }
            return []
        case "write":
            write(words.dropFirst().joined(separator: " "), line: line)
            return []
        case "record":
            record(words.dropFirst().joined(separator: " "), line: line)
            return []
        default:
            break
        }
        if let id = editing, let cell = pane.cell(id), cell.state != .running, cell.state != .queued {
            pane.update(id) { $0.command = line; $0.blocks = []; $0.fromFile = false }
            editing = nil
            enqueue(id)
        } else {
            editing = nil
            lastNumber += 1
            let id = pane.append(number: lastNumber, command: line, state: .queued)
            enqueue(id)
        }
        pane.clearSelection()
        pane.scrollToBottom()
        return []
    }

    private func enqueue(_ id: Int) {
        pane.update(id) { $0.state = .queued; $0.blocks = [] }
        queue.append(id)
    }

    private func runNextPending() {
        guard let next = pane.cells.first(where: { $0.state == .pending }) else {
            message = "no pending cells; type a command"
            return
        }
        enqueue(next.id)
        pane.scrollToBottom()
    }

    /// `write FILE.ae`: the session's commands that ran well or wait to run, one a line.
    private func write(_ path: String, line: String) {
        lastNumber += 1
        let id = pane.append(number: lastNumber, command: line, state: .note)
        guard !path.isEmpty else {
            pane.update(id) { $0.blocks = [.error("name a file: write FILE.ae")] }
            return
        }
        let commands = pane.cells.filter {
            switch $0.state {
            case .done, .pending, .queued, .running: return true
            case .failed, .note: return false
            }
        }.map(\.command)
        let text = "# aelab notebook\n" + commands.map { $0 + "\n" }.joined()
        let expanded = path.hasPrefix("~/") ? (ProcessInfo.processInfo.environment["HOME"] ?? "~") + path.dropFirst() : path
        do {
            try text.write(toFile: expanded, atomically: true, encoding: .utf8)
            pane.update(id) { $0.blocks = [.text("wrote \(commands.count) cell\(commands.count == 1 ? "" : "s") to \(path)")] }
        } catch {
            pane.update(id) { $0.blocks = [.error("cannot write \(path): \(error.localizedDescription)")] }
        }
    }

    // MARK: Recording

    /// `record FILE`, `record stop`, or `record` alone to say whether a recording is on.
    private func record(_ argument: String, line: String) {
        lastNumber += 1
        let id = pane.append(number: lastNumber, command: line, state: .note)
        let answer: NotebookCell.Block
        switch argument {
        case "":
            answer = .text(recorder.map { "recording to \($0.path); 'record stop' ends it" } ?? "not recording; 'record FILE.aesession' starts")
        case "stop":
            if let path = stopRecording() { answer = .text("stopped recording to \(path)") } else { answer = .error("not recording") }
        default:
            if let recorder {
                answer = .error("already recording to \(recorder.path); 'record stop' first")
                break
            }
            let path = argument.hasPrefix("~/") ? (ProcessInfo.processInfo.environment["HOME"] ?? "~") + argument.dropFirst() : argument
            do {
                try startRecording(path: path)
                answer = .text("recording to \(argument): every kernel event from now on; 'record stop' ends it")
            } catch {
                answer = .error("\(error)")
            }
        }
        pane.update(id) { $0.blocks = [answer] }
    }

    /// Starts recording the kernel's events to `path` (replacing the file).
    func startRecording(path: String, source: String = "notebook", size: (width: Int, height: Int)? = nil) throws {
        let size = size ?? lastSize
        recorder = try SessionRecorder(path: path, source: source, columns: size.width, rows: size.height)
    }

    /// Closes the recording; its path, or nil when none was on.
    @discardableResult
    func stopRecording() -> String? {
        guard let recorder else { return nil }
        recorder.close()
        self.recorder = nil
        return recorder.path
    }

    /// The next job for the worker when it is idle; marks its cell running.
    func nextJob() -> Job? {
        guard running == nil, !queue.isEmpty else { return nil }
        let id = queue.removeFirst()
        guard let cell = pane.cell(id) else { return nextJob() }
        let job = Job(id: nextJobID, line: cell.command)
        nextJobID += 1
        running = (job, id)
        pane.update(id) { $0.state = .running }
        return job
    }

    // MARK: Kernel events

    func apply(_ event: WorkerEvent, at time: Date = Date()) {
        switch event {
        case let .kernel(job, kernelEvent):
            recorder?.record(kernelEvent)
            guard let running, running.job.id == job else { return }
            apply(kernelEvent, cell: running.cell, at: time)
        case let .finished(job, error, kernelStatus):
            status.kernel = kernelStatus
            guard let running, running.job.id == job else { return }
            let id = running.cell
            self.running = nil
            pane.update(id) { cell in
                if let error {
                    cell.blocks.append(.error(error))
                    cell.state = .failed
                } else if cell.state == .running {
                    cell.state = .done(seconds: 0)
                }
            }
            if error != nil {
                // Like the headless runner, a failing notebook cell stops a `run all`.
                for queued in queue where pane.cell(queued)?.fromFile == true {
                    pane.update(queued) { $0.state = .pending }
                }
                queue.removeAll { pane.cell($0)?.fromFile == true }
            }
            if panel?.isRunning == true, panelCell == id { panel = nil }
        }
    }

    private func apply(_ event: KernelEvent, cell id: Int, at time: Date) {
        switch event {
        case .cellStarted:
            if panel?.isRunning != true { panel = nil; panelCell = nil }
        case .text(let line):
            pane.update(id) { $0.blocks.append(.text(line)) }
        case .images(let data):
            if isPanelLive(id) { panel!.show(images: data) } else { pane.update(id) { $0.blocks.append(.figure(.images(data))) } }
        case .chart(let data):
            pane.update(id) { $0.blocks.append(.figure(.chart(data))) }
        case .scatter(let data):
            if isPanelLive(id) { panel!.show(scatter: data) } else { pane.update(id) { $0.blocks.append(.figure(.scatter(data))) } }
        case .training(let training):
            if case .started = training {
                panel = TrainingPanel()
                panelCell = id
            }
            panel?.apply(training, at: time)
        case .cellFinished(let summary):
            pane.update(id) { $0.state = summary.ok ? .done(seconds: summary.seconds) : .failed }
        case .dataLoaded:
            break
        }
    }

    /// Shows a recorded kernel event as the live notebook showed it: a cellStarted opens a cell
    /// that the events after it fill, up to its cellFinished.
    func replay(_ event: KernelEvent, at time: Date) {
        switch event {
        case let .cellStarted(cell, command):
            lastNumber = cell
            replayCell = pane.append(number: cell, command: command, state: .running)
            pane.scrollToBottom()
        case let .dataLoaded(name, train, test, _):
            status.kernel.dataset = "\(name) \(train)/\(test)"
        case let .cellFinished(summary) where summary.ok:
            let words = summary.command.split(separator: " ")
            if words.first == "model", words.count > 1 { status.kernel.model = String(words[1]) }
            if let parameters = summary.metrics["parameters"] { status.kernel.parameters = Int(parameters) }
        default:
            break
        }
        if replayCell == nil {
            // The recording began while a cell ran: its events still need a cell to show in.
            lastNumber += 1
            replayCell = pane.append(number: lastNumber, command: "(recording started during this cell)", state: .running)
        }
        let id = replayCell!
        apply(event, cell: id, at: time)
        panel?.showsKeys = false
        if case .cellFinished(let summary) = event {
            // Live, the error arrives with the worker's `finished`; a recording has it here.
            if let error = summary.error { pane.update(id) { $0.blocks.append(.error(error)) } }
            replayCell = nil
            if panel?.isRunning == true, panelCell == id { panel = nil }
        }
    }

    private func isPanelLive(_ id: Int) -> Bool { panel?.isRunning == true && panelCell == id }

    // MARK: Keys

    func handle(_ key: Key) -> [Effect] {
        switch mode {
        case .help:
            switch key {
            case .up: help.scroll -= 1
            case .down: help.scroll += 1
            case .pageUp: help.scroll -= 10
            case .pageDown: help.scroll += 10
            case .resize, .wheelUp, .wheelDown: break
            default: mode = .normal
            }
            return []
        case .confirmQuit:
            switch key {
            case .character("y"), .character("Y"), .character("q"), .enter: return [.cancel, .quit]
            case .resize: return []
            default: mode = .normal; return []
            }
        case let .fullScreen(cell, figure):
            let count = pane.cell(cell)?.figures.count ?? 0
            switch key {
            case .left: mode = .fullScreen(cell: cell, figure: (figure + count - 1) % max(count, 1))
            case .right: mode = .fullScreen(cell: cell, figure: (figure + 1) % max(count, 1))
            case .resize: break
            case .control("c"): return handleControlC()
            default: mode = .normal
            }
            return []
        case .normal:
            return handleNormal(key)
        }
    }

    private func handleNormal(_ key: Key) -> [Effect] {
        candidates = []
        if key != .resize { message = nil }
        switch key {
        case .character(let c):
            if input.isEmpty {
                switch c {
                case " ":
                    guard isTraining, let panel else { return [] }
                    self.panel!.paused.toggle()
                    return panel.paused ? [.resume] : [.pause]
                case "q": return requestQuit()
                case "?": mode = .help; help.scroll = 0; return []
                case "z": openFullScreen(); return []
                default: break
                }
            }
            input.insert(String(c))
            history.stopBrowsing()
        case .enter:
            if input.isEmpty { return enterOnEmptyLine() }
            let line = input.text
            input.clear()
            return submit(line)
        case .tab:
            if let result = completion.complete(input.text, cursor: input.cursor) {
                input.set(result.text, cursor: result.cursor)
                candidates = result.candidates
            }
        case .backspace: input.backspace(); history.stopBrowsing()
        case .delete: input.deleteForward()
        case .left: input.left()
        case .right: input.right()
        case .home, .control("a"): input.home()
        case .end, .control("e"): input.end()
        case .control("k"): input.killToEnd()
        case .control("u"): input.killToStart()
        case .control("w"): input.deleteWordBackward()
        case .up:
            if input.isEmpty && !history.isBrowsing { pane.moveSelection(-1) } else { historyPrevious() }
        case .down:
            if input.isEmpty && !history.isBrowsing { pane.moveSelection(1) } else { historyNext() }
        case .control("p"): historyPrevious()
        case .control("n"): historyNext()
        case .pageUp: pane.scroll(by: -max(1, pane.viewHeight - 2))
        case .pageDown: pane.scroll(by: max(1, pane.viewHeight - 2))
        case .wheelUp: pane.scroll(by: -3)
        case .wheelDown: pane.scroll(by: 3)
        case .escape:
            pane.clearSelection()
            if editing != nil { editing = nil; input.clear() }
        case .f1: mode = .help; help.scroll = 0
        case .control("c"): return handleControlC()
        case .control("d"):
            if input.isEmpty { return requestQuit() }
            input.deleteForward()
        case .control("l"): return [.redraw]
        default: break
        }
        return []
    }

    private func historyPrevious() {
        if let entry = history.previous(current: input.text) { input.set(entry) }
    }

    private func historyNext() {
        if let entry = history.next() { input.set(entry) }
    }

    private func enterOnEmptyLine() -> [Effect] {
        if let cell = pane.selectedCell {
            if cell.state == .pending {
                enqueue(cell.id)
                pane.moveSelection(1)
            } else if cell.state != .note {
                editing = cell.id
                input.set(cell.command)
                message = "editing cell [\(cell.number)]: Enter runs it again in place, Esc leaves it"
            }
            return []
        }
        runNextPending()
        return []
    }

    /// Ctrl-C stops training; otherwise it drops queued cells, or clears the line. Never quits.
    private func handleControlC() -> [Effect] {
        if isTraining {
            panel?.stopping = true
            panel?.paused = false
            return [.cancel]
        }
        if !queue.isEmpty {
            for id in queue { pane.update(id) { $0.state = $0.fromFile ? .pending : .failed; if !$0.fromFile { $0.blocks = [.error("not run (Ctrl-C)")] } } }
            queue.removeAll()
            return []
        }
        input.clear()
        editing = nil
        message = "Ctrl-C stops training; q or Ctrl-D quits"
        return []
    }

    private func requestQuit() -> [Effect] {
        if isBusy { mode = .confirmQuit; return [] }
        return [.quit]
    }

    private func openFullScreen() {
        let cell = pane.selectedCell ?? pane.cells.last { !$0.figures.isEmpty }
        guard let cell, !cell.figures.isEmpty else {
            message = "no figure to show: select a cell with a chart or images (↑ on an empty line)"
            return
        }
        mode = .fullScreen(cell: cell.id, figure: 0)
    }

    // MARK: Drawing

    func render(width: Int, height: Int) -> Frame {
        lastSize = (width, height)
        guard let layout = Layout(width: width, height: height, showPanel: panel != nil, tallPanel: panel?.images != nil && height >= 34) else {
            return ScreenModel.tooSmall(width: width, height: height, question: mode == .confirmQuit ? "A cell is running. Quit anyway? (y/n)" : nil)
        }
        var screen = Canvas(width: width, height: height)
        if case let .fullScreen(cell, figure) = mode, let c = pane.cell(cell), !c.figures.isEmpty {
            let f = c.figures[min(figure, c.figures.count - 1)]
            screen.text("[\(c.number)] \(c.command) — \(f.title)", row: 0, col: 1, in: layout.notebook, fg: Theme.accent)
            let picture = f.render(width: width - 2, height: height - 3)
            screen.blit(picture, atRow: 1 + max(0, (height - 3 - picture.height) / 2), col: max(1, (width - picture.width) / 2))
            let keys = c.figures.count > 1 ? "figure \(figure + 1)/\(c.figures.count) · ← → next · Esc back" : "Esc back"
            screen.blit(status.render(width: width, keys: keys), atRow: height - 1, col: 0)
            return Frame(canvas: screen, cursor: nil)
        }
        pane.draw(into: &screen, rect: layout.notebook)
        if let rect = layout.panel, panel != nil {
            screen.blit(panel!.render(width: rect.width, height: rect.height), atRow: rect.row, col: 0)
        }
        if let chrome = replayChrome {
            screen.text(fitted(chrome.hint, width: width - 2), row: layout.hint.row, col: 1, in: layout.hint, fg: chrome.warning ? Theme.accent : Theme.dim)
            screen.text(String(chrome.caption.prefix(width - 2)), row: layout.input.row, col: 1, fg: Theme.dim)
            screen.blit(status.render(width: width, keys: chrome.keys), atRow: layout.status.row, col: 0)
            return Frame(canvas: screen, cursor: nil)
        }
        screen.text(fitted(hintText, width: width - 2), row: layout.hint.row, col: 1, in: layout.hint, fg: message != nil ? Theme.accent : Theme.dim)
        let prompt = editing.flatMap { pane.cell($0) }.map { "[\($0.number)]✎ " } ?? "[\(lastNumber + 1)]> "
        screen.text(prompt, row: layout.input.row, col: 0, fg: Theme.number)
        let shown = input.visible(width: width - prompt.count - 1)
        screen.text(shown.text, row: layout.input.row, col: prompt.count, fg: Theme.command)
        screen.blit(status.render(width: width, keys: keyHints), atRow: layout.status.row, col: 0)
        var cursor: (Int, Int)? = (layout.input.row, prompt.count + shown.cursor)
        switch mode {
        case .help:
            help.draw(into: &screen, rect: Rect(row: 0, col: 0, width: width, height: height - 1), commands: completion.commands)
            cursor = nil
        case .confirmQuit:
            let question = isTraining ? "Training is running. Quit anyway? (y/n)" : "A cell is running. Quit anyway? (y/n)"
            let box = Rect(row: height / 2 - 2, col: (width - question.count - 6) / 2, width: question.count + 6, height: 3)
            screen.fill(box, bg: Theme.overlay)
            screen.box(box, title: "quit", fg: Theme.accent, bg: Theme.overlay)
            screen.text(question, row: box.row + 1, col: box.col + 3, fg: Theme.command, bg: Theme.overlay)
            cursor = nil
        default: break
        }
        return Frame(canvas: screen, cursor: cursor)
    }

    /// The size message, and under it the quit question when one is pending.
    static func tooSmall(width: Int, height: Int, question: String? = nil) -> Frame {
        var screen = Canvas(width: width, height: height)
        var lines = wrap(Layout.tooSmallMessage(width: width, height: height), width: max(1, width - 2))
        if let question { lines += [""] + wrap(question, width: max(1, width - 2)) }
        for (i, line) in lines.enumerated() {
            screen.text(line, row: max(0, (height - lines.count) / 2) + i, col: max(0, (width - line.count) / 2), fg: Theme.accent)
        }
        return Frame(canvas: screen, cursor: nil)
    }

    /// `text` cut to `width`: whole " · "-separated parts when it has them, else with an ellipsis.
    private func fitted(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        var parts = text.components(separatedBy: " · ")
        while parts.count > 1, parts.joined(separator: " · ").count > width { parts.removeLast() }
        let joined = parts.joined(separator: " · ")
        return joined.count <= width ? joined : String(joined.prefix(max(0, width - 1))) + "…"
    }

    private var hintText: String {
        if let message { return message }
        if !candidates.isEmpty { return candidates.joined(separator: "  ") }
        if !input.isEmpty, let hint = completion.hint(for: input.text, cursor: input.cursor) { return hint }
        if let selected = pane.selectedCell {
            return selected.state == .pending
                ? "cell [\(selected.number)] selected: Enter runs it · ↑↓ move · Esc back"
                : "cell [\(selected.number)] selected: Enter edits it · z full screen · ↑↓ move · Esc back"
        }
        if pane.cells.contains(where: { $0.state == .pending }) {
            return "Enter on an empty line runs the next pending cell · 'run all' runs them all · Tab completes"
        }
        return "Type a command (Tab completes, 'help' lists them) · ↑ on an empty line selects a cell"
    }

    private var keyHints: String {
        recorder == nil ? activityHints : "● rec  " + activityHints
    }

    private var activityHints: String {
        if isTraining { return panel?.paused == true ? "Space resume  ^C stop  ? help" : "Space pause  ^C stop  ? help" }
        if isBusy { return "running…  ? help  q quit" }
        return "? help  q quit"
    }
}

/// The replay's lines in place of the hint and input lines, and its keys in the status bar.
struct ReplayChrome {
    /// The keys, or a problem with the file.
    var hint: String
    /// Whether `hint` is a problem, drawn in the accent colour.
    var warning = false
    /// Where the session comes from, in the input line's place.
    var caption: String
    var keys: String
}
