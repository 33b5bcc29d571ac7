import Foundation

extension ScreenModel {
    /// What a key does, in the current mode; `time` is when it was pressed (pauses start and
    /// end then).
    func handle(_ key: Key, at time: Date = Date()) -> [Effect] {
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
            let turnable = fullScreenFigure?.isTurnable == true
            switch key {
            // A 3-D scatter turns with the arrows; Tab and the page keys still go through the figures.
            case .left where turnable: view3D.turn(by: -15)
            case .right where turnable: view3D.turn(by: 15)
            case .up where turnable: view3D.tilt(by: 10)
            case .down where turnable: view3D.tilt(by: -10)
            case .character(" ") where turnable: view3D.spinning.toggle()
            case .left, .pageUp, .backTab:
                mode = .fullScreen(cell: cell, figure: (figure + count - 1) % max(count, 1))
                view3D = View3D()
            case .right, .pageDown, .tab:
                mode = .fullScreen(cell: cell, figure: (figure + 1) % max(count, 1))
                view3D = View3D()
            case .resize: break
            case .control("c"): return handleControlC(at: time)
            default: mode = .normal
            }
            return []
        case .explore:
            if key == .resize { return [] }
            return handleExplore(key)
        case .normal:
            return handleNormal(key, at: time)
        }
    }

    private func handleNormal(_ key: Key, at time: Date) -> [Effect] {
        if key == .tab, tabCycle != nil {
            nextTabChoice()
            return []
        }
        if key != .resize { tabCycle = nil }
        candidates = []
        if key != .resize { message = nil }
        switch key {
        case .character(let c):
            if input.isEmpty {
                switch c {
                case " ":
                    guard isTraining, let panel else { return [] }
                    self.panel!.setPaused(!panel.paused, at: time)
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
                if result.candidates.count > 1 {
                    let chars = Array(result.text)
                    tabCycle = TabCycle(before: String(chars[..<result.wordStart]), after: String(chars[result.cursor...]), choices: result.candidates)
                }
            }
        case .backspace: input.backspace(); history.stopBrowsing()
        case .delete: input.deleteForward()
        case .left: input.left()
        case .right: input.right()
        case .home, .control("a"): input.home()
        case .end where input.isEmpty:
            // On an empty line End goes to the latest output.
            pane.clearSelection()
            pane.scrollToBottom()
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
            if pane.selectedCell == nil, editing == nil, input.isEmpty, let panel, !panel.isRunning {
                // A finished training panel stays until the next command, or until Esc.
                self.panel = nil
                panelCell = nil
            }
            pane.clearSelection()
            if editing != nil { editing = nil; input.clear() }
        case .f1: mode = .help; help.scroll = 0
        case .control("c"): return handleControlC(at: time)
        case .control("d"):
            if input.isEmpty { return requestQuit() }
            input.deleteForward()
        case .control("l"): return [.redraw]
        default: break
        }
        return []
    }

    /// A repeated Tab: the next of the first Tab's choices in the word's place, round and round.
    private func nextTabChoice() {
        guard var cycle = tabCycle, !cycle.choices.isEmpty else { return }
        cycle.index = (cycle.index + 1) % cycle.choices.count
        let choice = cycle.choices[cycle.index]
        input.set(cycle.before + choice + cycle.after, cursor: cycle.before.count + choice.count)
        candidates = cycle.choices
        tabCycle = cycle
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
    private func handleControlC(at time: Date) -> [Effect] {
        if isTraining {
            panel?.stopping = true
            panel?.setPaused(false, at: time)
            return [.cancel]
        }
        if !queue.isEmpty {
            dropQueue()
            return []
        }
        input.clear()
        editing = nil
        message = "Ctrl-C stops training; q or Ctrl-D quits"
        return []
    }

    private func openFullScreen() {
        let cell = pane.selectedCell ?? pane.cells.last { !$0.figures.isEmpty }
        guard let cell, !cell.figures.isEmpty else {
            message = "no figure to show: select a cell with a chart or images (↑ on an empty line)"
            return
        }
        mode = .fullScreen(cell: cell.id, figure: 0)
        view3D = View3D()
    }
}
