import Rendering

/// One notebook cell: the command and everything it printed and drew.
struct NotebookCell {
    enum State: Equatable {
        /// From an opened notebook file, not run yet.
        case pending
        /// Waiting for the kernel to finish an earlier cell.
        case queued
        case running
        case done(seconds: Double)
        case failed
        /// Output of an interface command (`write`), not a kernel cell.
        case note
    }

    enum Block: Equatable {
        case text(String)
        case error(String)
        case figure(Figure)
    }

    let id: Int
    var number: Int
    var command: String
    var state: State
    var blocks: [Block] = []
    /// Came from an opened notebook file (so `run all` may queue it).
    var fromFile = false
    /// The line of the opened notebook file it came from (0-based), kept when it is edited, so
    /// that `write` puts it back in its place.
    var sourceLine: Int?
    /// What the cell did as a command, when not its command (see `CellSummary.ranAs`), and why.
    var ranAs: String?
    var ranAsNote: String?
    /// Ran before an earlier cell was run again, so its output may no longer hold.
    var stale = false
    /// Bumped on every change, so the pane knows when to draw the cell again.
    var version = 0

    var figures: [Figure] {
        blocks.compactMap { if case .figure(let f) = $0 { return f } else { return nil } }
    }

    /// The cell drawn `width` columns wide: a header row, then its output indented by four.
    func render(width: Int) -> Canvas {
        let indent = 4, inner = max(1, width - indent)
        var rows: [(String, RGB?)] = []
        var pictures: [(row: Int, canvas: Canvas)] = []
        var height = 1
        for block in blocks {
            switch block {
            case .text(let line):
                let pieces = wrap(line, width: inner, indent: columnIndent(String(line.prefix(inner))))
                for piece in pieces { rows.append((piece, nil)) }
                height += pieces.count
            case .error(let message):
                for piece in wrap("error: " + message, width: inner) { rows.append((piece, Theme.error)) }
                height += wrap("error: " + message, width: inner).count
            case .figure(let figure):
                // Charts and scatters draw their own title: heading them with it again printed it twice.
                let title = figure.drawsTitle ? "" : figure.title
                if !title.isEmpty { rows.append((title, Theme.accent)); height += 1 }
                let picture = figure.inline(width: inner)
                pictures.append((height, picture))
                for _ in 0..<picture.height { rows.append(("", nil)) }
                height += picture.height
            }
        }
        var canvas = Canvas(width: width, height: height)
        let label = "[\(number)] "
        canvas.text(label, row: 0, col: 0, fg: state == .note ? Theme.dim : Theme.number)
        canvas.text(command, row: 0, col: label.count, fg: Theme.command)
        let (badge, color) = self.badge
        if !badge.isEmpty, label.count + command.count + badge.count + 2 <= width {
            canvas.text(badge, row: 0, col: width - badge.count, fg: color)
        }
        for (i, row) in rows.enumerated() where !row.0.isEmpty {
            canvas.text(row.0, row: i + 1, col: indent, fg: row.1)
        }
        for picture in pictures { canvas.blit(picture.canvas, atRow: picture.row, col: indent) }
        return canvas
    }

    private var badge: (String, RGB) {
        switch state {
        case .pending: return ("pending", Theme.dim)
        case .queued: return ("queued", Theme.dim)
        case .running: return ("running…", Theme.accent)
        case .done(let s):
            let time = "✓ " + (s < 1 ? String(format: "%.0fms", s * 1000) : String(format: "%.1fs", s))
            return stale ? (time + " stale", Theme.dim) : (time, Theme.ok)
        case .failed: return ("✗ failed", Theme.error)
        case .note: return ("", Theme.dim)
        }
    }
}

/// The scrolling list of cells, with a selection. Keeps each cell's drawing until the cell or
/// the width changes, so scrolling and redrawing cost a copy.
struct NotebookPane {
    private(set) var cells: [NotebookCell] = []
    /// Index of the selected cell, if any.
    private(set) var selected: Int?
    /// First content row shown.
    private(set) var scroll = 0
    /// Sticks to the bottom as output arrives, until the person scrolls up.
    private(set) var follow = true
    /// The cell kept in view as it runs and after it finishes (an opened notebook's cell, or
    /// one edited and run again in place), until the person scrolls or selects a cell.
    private(set) var tracked: Int?
    private var cache: [Int: (version: Int, width: Int, canvas: Canvas)] = [:]
    /// The size last drawn at, for scrolling by pages and keeping the selection in view.
    private(set) var viewHeight = 20
    private var viewWidth = 80
    private var nextID = 1
    /// What an empty pane says.
    var placeholder = "Type a command and press Enter; Tab completes, ? shows help."

    /// Appends a cell and returns its id.
    @discardableResult
    mutating func append(number: Int, command: String, state: NotebookCell.State, fromFile: Bool = false, sourceLine: Int? = nil) -> Int {
        let id = nextID
        nextID += 1
        var cell = NotebookCell(id: id, number: number, command: command, state: state)
        cell.fromFile = fromFile
        cell.sourceLine = sourceLine
        cells.append(cell)
        return id
    }

    func index(of id: Int) -> Int? { cells.firstIndex { $0.id == id } }

    func cell(_ id: Int) -> NotebookCell? { index(of: id).map { cells[$0] } }

    mutating func update(_ id: Int, _ change: (inout NotebookCell) -> Void) {
        guard let i = index(of: id) else { return }
        change(&cells[i])
        cells[i].version += 1
    }

    var selectedCell: NotebookCell? { selected.map { cells[$0] } }

    // MARK: Scrolling and selection

    mutating func scroll(by rows: Int) {
        tracked = nil
        scroll = max(0, min(scroll + rows, maxScroll))
        follow = scroll >= maxScroll
    }

    mutating func scrollToBottom() {
        tracked = nil
        follow = true
        scroll = maxScroll
    }

    /// Keeps cell `id` in view from the next frame on: its end when it grows past the bottom,
    /// its start when it lies above (a cell taller than the view shows its end, its first row
    /// pinned at the top).
    mutating func track(_ id: Int) {
        guard index(of: id) != nil else { return }
        tracked = id
        follow = false
    }

    /// Moves the selection by `step` cells; moving down past the last cell clears it.
    mutating func moveSelection(_ step: Int) {
        guard !cells.isEmpty else { return }
        if let s = selected {
            let next = s + step
            if next >= cells.count { clearSelection(); scrollToBottom(); return }
            selected = max(0, next)
        } else {
            guard step < 0 else { return }
            selected = cells.count - 1
        }
        revealSelection()
    }

    mutating func select(_ id: Int?) {
        selected = id.flatMap { index(of: $0) }
        if selected != nil { revealSelection() }
    }

    mutating func clearSelection() { selected = nil }

    private mutating func revealSelection() {
        guard let s = selected else { return }
        tracked = nil
        let offsets = rowOffsets(width: viewWidth)
        let top = offsets[s], bottom = offsets[s + 1] - 1
        if top < scroll || bottom - scroll >= viewHeight {
            scroll = bottom - top < viewHeight ? max(0, bottom - viewHeight + 1) : top
            if top < scroll { scroll = top }
        }
        scroll = max(0, min(scroll, maxScroll))
        follow = scroll >= maxScroll
    }

    private var maxScroll: Int { max(0, (rowOffsets(width: viewWidth).last ?? 0) - viewHeight) }

    // MARK: Drawing

    /// Each cell's first content row, then the total; cells are one blank row apart.
    private func rowOffsets(width: Int) -> [Int] {
        var offsets = [0]
        for cell in cells {
            let h = cachedHeight(cell, width: width)
            offsets.append(offsets.last! + h + 1)
        }
        return offsets
    }

    private func cachedHeight(_ cell: NotebookCell, width: Int) -> Int {
        if let c = cache[cell.id], c.version == cell.version, c.width == width { return c.canvas.height }
        return cell.render(width: width).height
    }

    private mutating func canvas(for cell: NotebookCell, width: Int) -> Canvas {
        if let c = cache[cell.id], c.version == cell.version, c.width == width { return c.canvas }
        let canvas = cell.render(width: width)
        cache[cell.id] = (cell.version, width, canvas)
        return canvas
    }

    /// Draws the visible cells into `rect` of `screen`. Column 0 is a gutter that marks the
    /// selected cell; markers at the top and bottom say when there is more above or below.
    mutating func draw(into screen: inout Canvas, rect: Rect) {
        viewHeight = rect.height
        viewWidth = rect.width - 2
        for cell in cells { _ = canvas(for: cell, width: viewWidth) }
        let offsets = rowOffsets(width: viewWidth)
        if follow { scroll = maxScroll }
        if let tracked, let i = index(of: tracked), i == cells.count - 1, offsets[i + 1] - 2 - scroll >= viewHeight {
            // The last cell grows past the bottom: follow it down to the end.
            scroll = maxScroll
        } else if let tracked, let i = index(of: tracked) {
            let top = offsets[i], bottom = offsets[i + 1] - 2
            if bottom - scroll >= viewHeight { scroll = bottom - viewHeight + 1 }
            if top < scroll, bottom - top < viewHeight { scroll = top }
        }
        scroll = max(0, min(scroll, maxScroll))
        if cells.isEmpty {
            screen.text(placeholder, row: rect.row, col: rect.col + 2, in: rect, fg: Theme.dim)
            return
        }
        for (i, cell) in cells.enumerated() {
            let top = offsets[i] - scroll, height = offsets[i + 1] - offsets[i] - 1
            guard top + height > 0, top < rect.height else { continue }
            let picture = cache[cell.id]!.canvas
            let from = max(0, -top), at = max(0, top)
            let visible = Rect(row: rect.row + at, col: rect.col + 2, width: viewWidth, height: min(height - from, rect.height - at))
            // A cell that starts above the view keeps its first row (number, command, ✓ and
            // time) pinned at the top, so a long run's outcome stays in sight.
            let pinHere = from > 0 && visible.height >= 2
            if pinHere {
                screen.blit(picture, fromRow: 0, into: Rect(row: visible.row, col: visible.col, width: visible.width, height: 1))
                screen.blit(picture, fromRow: from + 1,
                            into: Rect(row: visible.row + 1, col: visible.col, width: visible.width, height: visible.height - 1))
            } else {
                screen.blit(picture, fromRow: from, into: visible)
            }
            if i == selected {
                for r in visible.row..<visible.bottom { screen[r, rect.col] = Cell("▌", fg: Theme.accent) }
                if from == 0 || pinHere {
                    for c in visible.col..<(visible.col + viewWidth) {
                        var cellAt = screen[visible.row, c]
                        cellAt.bg = Theme.selection
                        screen[visible.row, c] = cellAt
                    }
                }
            }
        }
        if scroll > 0 { marker("↑", row: rect.row, in: rect, screen: &screen) }
        if scroll < maxScroll { marker("↓", row: rect.bottom - 1, in: rect, screen: &screen) }
    }

    /// "↑ more" or "↓ more" at the right of `row` where that end of the row is blank; over
    /// content (a cell's status, a line of output) only the arrow, in the gutter.
    private func marker(_ arrow: String, row: Int, in rect: Rect, screen: inout Canvas) {
        let label = arrow + " more", start = rect.col + rect.width - label.count - 1
        if (start..<(rect.col + rect.width)).allSatisfy({ screen[row, $0].glyph == " " }) {
            screen.text(label, row: row, col: start + 1, fg: Theme.dim)
        } else {
            screen[row, rect.col + 1] = Cell(Character(arrow), fg: Theme.dim)
        }
    }
}
