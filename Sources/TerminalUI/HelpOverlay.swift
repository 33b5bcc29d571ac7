import Rendering

/// The `?`/F1 screen: every command with its usage and summary, and every key.
struct HelpOverlay {
    /// First line shown, when the help is taller than the screen.
    var scroll = 0

    static let keys: [(String, String)] = [
        ("Enter", "run the line; on an empty line run the next pending cell, or edit the selected cell"),
        ("Tab", "complete commands, options, argument words and file paths"),
        ("↑ ↓", "history while typing; on an empty line select a cell"),
        ("Ctrl-P Ctrl-N", "history, any time"),
        ("Esc", "clear the selection, stop editing a cell, close a view or a finished training panel"),
        ("PgUp PgDn, wheel", "scroll the notebook; End (empty line) goes to the latest output"),
        ("z", "full-screen view of the selected cell's figure (← → for the next)"),
        ("Space", "pause / resume training (empty line)"),
        ("Ctrl-C", "stop training at the end of the batch, keeping the weights"),
        ("? or F1", "this help"),
        ("q or Ctrl-D", "quit (empty line; asks first while a cell runs)"),
        ("← → Home End", "move in the line; Ctrl-A/E start/end, Ctrl-K/U/W delete"),
        ("Ctrl-L", "redraw the screen"),
    ]

    /// The help as lines of text at most `width` long (explanations wrap under themselves).
    static func lines(commands: [CommandHelp], width: Int = 1000) -> [String] {
        var lines = ["Commands"]
        func entry(_ name: String, _ text: String, column: Int) {
            let pieces = wrap(text, width: max(20, width - column - 4))
            lines.append("  " + name + String(repeating: " ", count: column - name.count) + "  " + pieces[0])
            for piece in pieces.dropFirst() { lines.append(String(repeating: " ", count: column + 4) + piece) }
        }
        // Usage lines beside their summaries when they are short; a long one on a line of its
        // own, its summary under it, so no column squeezes the explanations.
        let column = min(28, commands.map(\.usage.count).max() ?? 0)
        for c in commands {
            if c.usage.count <= column {
                entry(c.usage, c.summary, column: column)
            } else {
                lines += wrap(c.usage, width: max(20, width - 2)).map { "  " + $0 }
                lines += wrap(c.summary, width: max(20, width - column - 4)).map { String(repeating: " ", count: column + 4) + $0 }
            }
        }
        lines += ["", "Keys"]
        let keyWidth = keys.map(\.0.count).max() ?? 0
        for (key, text) in keys { entry(key, text, column: keyWidth) }
        lines += ["", "'help COMMAND' in a cell lists the command's options.  Esc closes this help."]
        return lines
    }

    /// Draws the help in a box over `rect` of `screen`.
    mutating func draw(into screen: inout Canvas, rect: Rect, commands: [CommandHelp]) {
        let lines = HelpOverlay.lines(commands: commands, width: rect.width - 6)
        let box = Rect(row: rect.row, col: rect.col + 1, width: rect.width - 2, height: min(rect.height, lines.count + 2))
        // The margins beside the box are cleared too: the notebook's last column (a cell's
        // time, "↑ more") would otherwise show through at the edges.
        screen.fill(Rect(row: box.row, col: rect.col, width: rect.width, height: box.height), bg: nil)
        screen.fill(box, bg: Theme.overlay)
        screen.box(box, title: "aelab help", fg: Theme.border, bg: Theme.overlay)
        let inner = Rect(row: box.row + 1, col: box.col + 2, width: box.width - 4, height: box.height - 2)
        scroll = max(0, min(scroll, lines.count - inner.height))
        for (i, line) in lines.dropFirst(scroll).prefix(inner.height).enumerated() {
            let heading = line == "Commands" || line == "Keys"
            screen.text(line, row: inner.row + i, col: inner.col, in: inner, fg: heading ? Theme.accent : Theme.command, bg: Theme.overlay)
        }
        if lines.count > inner.height {
            screen.text(" ↑↓ scroll ", row: box.bottom - 1, col: box.col + box.width - 13, fg: Theme.dim, bg: Theme.overlay)
        }
    }
}
