import Foundation
import Rendering

extension ScreenModel {
    func render(width: Int, height: Int) -> Frame {
        lastSize = (width, height)
        guard let layout = Layout(width: width, height: height, showPanel: panel != nil, tallPanel: panel?.images != nil && height >= 34) else {
            return ScreenModel.tooSmall(width: width, height: height, question: mode == .confirmQuit ? "A cell is running. Quit anyway? (y/n)" : nil)
        }
        if mode == .explore {
            if explorer != nil { return renderExplorer(width: width, height: height) }
            mode = .normal
        }
        var screen = Canvas(width: width, height: height)
        if case let .fullScreen(cell, figure) = mode, let c = pane.cell(cell), !c.figures.isEmpty {
            let f = c.figures[min(figure, c.figures.count - 1)].turned(azimuth: view3D.azimuth, elevation: view3D.elevation)
            screen.text("[\(c.number)] \(c.command) — \(f.title)", row: 0, col: 1, in: layout.notebook, fg: Theme.accent)
            let picture = f.render(width: width - 2, height: height - 3)
            screen.blit(picture, atRow: 1 + max(0, (height - 3 - picture.height) / 2), col: max(1, (width - picture.width) / 2))
            var keys = c.figures.count > 1 ? "figure \(figure + 1)/\(c.figures.count) · ← → next · Esc back" : "Esc back"
            if f.isTurnable {
                keys = "← → turn · ↑ ↓ tilt · Space " + (view3D.spinning ? "stop" : "spin") + " · "
                    + (c.figures.count > 1 ? "Tab figure \(figure + 1)/\(c.figures.count) · " : "") + "Esc back"
            }
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
        if !candidates.isEmpty {
            // The choice a repeated Tab put in the line is marked; Tab again takes the next.
            let current = tabCycle.flatMap { $0.index >= 0 ? $0.choices[$0.index] : nil }
            let listed = candidates.map { $0 == current ? "[\($0)]" : $0 }.joined(separator: "  ")
            return current == nil ? listed + "  · Tab again goes through them" : listed
        }
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
        recording == nil ? activityHints : "● rec  " + activityHints
    }

    private var activityHints: String {
        if isTraining { return panel?.paused == true ? "Space resume  ^C stop  ? help" : "Space pause  ^C stop  ? help" }
        if isBusy { return "running…  ? help  q quit" }
        return "? help  q quit"
    }
}
