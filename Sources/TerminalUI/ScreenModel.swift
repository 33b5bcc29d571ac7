import Foundation
import Notebook
import Rendering

/// The whole interface without a terminal: cells, input line, history, completion, training
/// panel, status and overlays. Keys and kernel events go in; a `Frame` and `Effect`s come out.
/// The ncurses backend only copies frames to the screen and `FileWork` does the file work, so
/// everything here is tested on text. Keys, drawing and the interface's own commands are in
/// the `ScreenModel+…` files.
final class ScreenModel {
    enum Mode: Equatable {
        case normal
        case help
        case confirmQuit
        /// A cell's figures one at a time, as large as they fit.
        case fullScreen(cell: Int, figure: Int)
        /// An `explore` cell's latent map and decoding, full screen (see `explorer`).
        case explore
    }

    var pane = NotebookPane()
    var input = InputLine()
    var history: History
    var completion: Completion
    var panel: TrainingPanel?
    var status = StatusLine()
    var mode = Mode.normal
    var help = HelpOverlay()
    /// The open explorer, while an `explore` cell runs (or plays back).
    var explorer: Explorer?
    /// Cells waiting for the kernel, in order.
    private(set) var queue: [Int] = []
    /// The job the worker runs and its cell.
    private(set) var running: (job: Job, cell: Int)?
    /// The cell whose command is being edited, to run again in place.
    var editing: Int?
    /// Choices from the last Tab, shown in the hint line until the next key.
    var candidates: [String] = []
    /// What a repeated Tab goes through: the choices of the first Tab, one after another.
    var tabCycle: TabCycle?
    /// A one-off message for the hint line.
    var message: String?
    private var nextJobID = 1
    var lastNumber = 0
    /// The panel's cell, so pictures sent during training go to the panel.
    var panelCell: Int?
    /// The file `FileWork` records to, for the status bar.
    var recording: String?
    /// The notebook file opened with `aelab FILE.ae`, as written, for `write` over it.
    private(set) var opened: OpenedNotebook?
    /// Every kernel cell that finished, in the order they ran: the state a recording started
    /// now begins from.
    private(set) var finishedCells: [Session.StartingCell] = []
    /// The size of the last frame, for a recording's header.
    var lastSize = (width: 0, height: 0)
    /// The cell a replayed session's events go to, between its cellStarted and cellFinished.
    private var replayCell: Int?
    /// What replaces the input line and key hints while a recorded session plays.
    var replayChrome: ReplayChrome?
    /// How the 3-D scatter shown full screen is turned from its recorded view.
    var view3D = View3D()
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

    /// Adds the cells of an opened notebook file as pending cells, remembering the file's lines
    /// so that `write` over it keeps its comments.
    func open(_ notebook: OpenedNotebook) {
        opened = notebook
        for cell in notebook.cells {
            lastNumber += 1
            pane.append(number: lastNumber, command: cell.command, state: .pending, fromFile: true, sourceLine: cell.line)
        }
    }

    /// The session's kernel cells as `write` saves them.
    var draft: NotebookDraft {
        NotebookDraft(lines: pane.cells.filter { $0.state != .note }.map {
            NotebookDraft.Line(id: $0.id, command: $0.command, state: $0.state, sourceLine: $0.sourceLine, ranAs: $0.ranAs, ranAsNote: $0.ranAsNote)
        }, opened: opened)
    }

    /// After `write` over the opened notebook: the file now holds `notebook`, and each cell
    /// sits on the line `placed` gives it.
    func wrote(_ notebook: OpenedNotebook, placed: [Int: Int]) {
        opened = notebook
        for (id, line) in placed { pane.update(id) { $0.sourceLine = line } }
    }

    /// A kernel cell for `line`: the cell being edited, run again in place, or a new one.
    func submitToKernel(_ line: String) {
        if let id = editing, let cell = pane.cell(id), cell.state != .running, cell.state != .queued {
            pane.update(id) { $0.command = line; $0.blocks = []; $0.fromFile = false; $0.stale = false }
            markStale(after: id)
            editing = nil
            enqueue(id)
            pane.clearSelection()
            // Run again in place: the view stays with the cell rather than jumping to the bottom.
            pane.track(id)
        } else {
            editing = nil
            lastNumber += 1
            let id = pane.append(number: lastNumber, command: line, state: .queued)
            enqueue(id)
            pane.clearSelection()
            pane.scrollToBottom()
        }
    }

    func enqueue(_ id: Int) {
        pane.update(id) { $0.state = .queued; $0.blocks = []; $0.ranAs = nil; $0.ranAsNote = nil }
        queue.append(id)
    }

    /// Cells below `id` that already ran did so on the state before it changed: they may no
    /// longer show what running them again would.
    private func markStale(after id: Int) {
        guard let index = pane.index(of: id) else { return }
        for cell in pane.cells[(index + 1)...] where cell.state != .note && cell.state != .pending && cell.state != .queued {
            pane.update(cell.id) { $0.stale = true }
        }
    }

    func runNextPending() {
        guard let next = pane.cells.first(where: { $0.state == .pending }) else {
            message = "no pending cells; type a command"
            return
        }
        enqueue(next.id)
        pane.track(next.id)
    }

    /// Drops the queued cells (Ctrl-C while cells wait): opened ones go back to pending.
    func dropQueue() {
        for id in queue { pane.update(id) { $0.state = $0.fromFile ? .pending : .failed; if !$0.fromFile { $0.blocks = [.error("not run (Ctrl-C)")] } } }
        queue.removeAll()
    }

    /// A note cell for an interface command's answer; its id.
    func noteCell(_ line: String) -> Int {
        lastNumber += 1
        return pane.append(number: lastNumber, command: line, state: .note)
    }

    /// Adds a line (or an error) to a cell: how file work reports back.
    func report(cell id: Int, _ text: String?) {
        guard let text else { return }
        pane.update(id) { $0.blocks.append(.text(text)) }
    }

    func report(cell id: Int, error: String) {
        pane.update(id) { $0.blocks.append(.error(error)) }
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
        // The view follows the work (an opened notebook's cells run wherever they are), unless
        // the person has a cell selected to look at.
        if pane.selectedCell == nil { pane.track(id) }
        return job
    }

    // MARK: Kernel events

    func apply(_ event: WorkerEvent, at time: Date = Date()) {
        switch event {
        case let .kernel(job, kernelEvent):
            guard let running, running.job.id == job else { return }
            apply(kernelEvent, cell: running.cell, at: time)
        case let .finished(job, error, kernelStatus):
            status.kernel = kernelStatus
            completion.knownWords = ["MODEL": kernelStatus.modelNames, "LAYER": kernelStatus.layerNames]
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
        case .figure(let figure):
            if isPanelLive(id), case .textList(let questions) = figure { panel!.show(questions: questions) } else { pane.update(id) { $0.blocks.append(.figure(figure)) } }
        case .training(let training):
            if case .started = training {
                panel = TrainingPanel()
                panelCell = id
            }
            panel?.apply(training, at: time)
        case .cellFinished(let summary):
            pane.update(id) {
                $0.state = summary.ok ? .done(seconds: summary.seconds) : .failed
                $0.ranAs = summary.ranAs
                $0.ranAsNote = summary.ranAsNote
            }
            if replayChrome == nil { finishedCells.append(Session.StartingCell(command: summary.command, ok: summary.ok)) }
        case .dataLoaded:
            break
        case .explore(let explore):
            apply(explore, cell: id)
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
}

/// A 3-D view's turn and tilt away from the figure's own, and whether it keeps turning by itself.
struct View3D: Equatable {
    var azimuth = 0.0
    var elevation = 0.0
    var spinning = true

    /// Degrees a frame turns it while it spins: a full turn in about half a minute at ten frames a second.
    static let spinStep = 1.2

    mutating func turn(by degrees: Double) {
        azimuth = (azimuth + degrees).truncatingRemainder(dividingBy: 360)
        spinning = false
    }

    mutating func tilt(by degrees: Double) {
        elevation = max(-90, min(90, elevation + degrees))
        spinning = false
    }
}

extension ScreenModel {
    /// The figure shown full screen, if any.
    var fullScreenFigure: Figure? {
        guard case let .fullScreen(cell, figure) = mode, let c = pane.cell(cell), !c.figures.isEmpty else { return nil }
        return c.figures[min(figure, c.figures.count - 1)]
    }

    /// Moves what moves by itself (a spinning 3-D view) one frame on; true when the screen changed.
    func advanceAnimation() -> Bool {
        guard view3D.spinning, fullScreenFigure?.isTurnable == true else { return false }
        view3D.azimuth = (view3D.azimuth + View3D.spinStep).truncatingRemainder(dividingBy: 360)
        return true
    }
}

extension Figure {
    /// Whether the figure has a 3-D view to turn.
    var isTurnable: Bool {
        if case .scatter3D = self { return true }
        return false
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

/// A repeated Tab's state: the line around the word being completed, its choices, and the
/// one in the line now (-1 before the first).
struct TabCycle {
    var before: String
    var after: String
    var choices: [String]
    var index = -1
}
