import Rendering

// Drawing helpers on Rendering's Canvas that clip to a rectangle rather than the whole grid.

extension Canvas {
    /// Paints every cell of `rect` blank with background `bg`.
    mutating func fill(_ rect: Rect, bg: RGB?) {
        for r in rect.row..<rect.bottom {
            for c in rect.col..<(rect.col + rect.width) { self[r, c] = Cell(" ", bg: bg) }
        }
    }

    /// Writes `string` on `row` from `col`, cut at the rectangle's right edge.
    mutating func text(_ string: String, row: Int, col: Int, in rect: Rect, fg: RGB? = nil, bg: RGB? = nil) {
        guard row >= rect.row, row < rect.bottom else { return }
        let room = rect.col + rect.width - col
        guard room > 0 else { return }
        text(String(string.prefix(room)), row: row, col: col, fg: fg, bg: bg)
    }

    /// Copies rows `from..<from+rect.height` of `other` into `rect`, clipped on the right.
    mutating func blit(_ other: Canvas, fromRow: Int = 0, into rect: Rect, col: Int = 0) {
        let width = min(other.width, rect.width - col)
        guard width > 0 else { return }
        for r in 0..<rect.height where fromRow + r < other.height && fromRow + r >= 0 {
            for c in 0..<width { self[rect.row + r, rect.col + col + c] = other[fromRow + r, c] }
        }
    }

    /// A box border around `rect` with a title in the top edge.
    mutating func box(_ rect: Rect, title: String, fg: RGB, bg: RGB?) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let right = rect.col + rect.width - 1, bottom = rect.bottom - 1
        for c in rect.col...right {
            self[rect.row, c] = Cell("─", fg: fg, bg: bg)
            self[bottom, c] = Cell("─", fg: fg, bg: bg)
        }
        for r in rect.row...bottom {
            self[r, rect.col] = Cell("│", fg: fg, bg: bg)
            self[r, right] = Cell("│", fg: fg, bg: bg)
        }
        self[rect.row, rect.col] = Cell("╭", fg: fg, bg: bg)
        self[rect.row, right] = Cell("╮", fg: fg, bg: bg)
        self[bottom, rect.col] = Cell("╰", fg: fg, bg: bg)
        self[bottom, right] = Cell("╯", fg: fg, bg: bg)
        if !title.isEmpty { text(" \(title) ", row: rect.row, col: rect.col + 2, in: Rect(row: rect.row, col: rect.col, width: rect.width - 2, height: 1), fg: Theme.accent, bg: bg) }
    }

    /// Every row's glyphs, one line each, trailing blanks kept: what tests read.
    var plainText: String { (0..<height).map { line($0) }.joined(separator: "\n") }
}

/// `text` cut into pieces at most `width` characters long, at spaces where it can (an empty
/// line stays one line). Pieces after the first start with `indent` spaces (ignored when the
/// indent would leave less than half the width).
func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
    guard width > 0, text.count > width else { return [text] }
    let pad = indent < width / 2 ? String(repeating: " ", count: indent) : ""
    var lines: [String] = []
    var rest = Substring(text)
    while rest.count > width - (lines.isEmpty ? 0 : pad.count) {
        let room = width - (lines.isEmpty ? 0 : pad.count)
        let head = rest.prefix(room)
        let prefix = lines.isEmpty ? "" : pad
        if head.endIndex < rest.endIndex, rest[head.endIndex] == " " {
            // The piece ends exactly at a word's end.
            lines.append(prefix + String(head))
            rest = rest[rest.index(after: head.endIndex)...]
        } else if let space = head.lastIndex(of: " "), space > head.startIndex {
            lines.append(prefix + String(rest[..<space]))
            rest = rest[rest.index(after: space)...]
        } else {
            lines.append(prefix + String(head))
            rest = rest.dropFirst(room)
        }
    }
    lines.append((lines.isEmpty ? "" : pad) + String(rest))
    return lines
}

/// Where a table row's last column starts (after the last run of two or more spaces), so a
/// wrapped row continues under its own column; 0 when the line is not a table row.
func columnIndent(_ line: String) -> Int {
    let chars = Array(line)
    var i = chars.count - 1, found = 0
    while i > 1 {
        if chars[i] != " ", chars[i - 1] == " ", chars[i - 2] == " " { found = i; break }
        i -= 1
    }
    return found
}

/// Thousands grouped with commas: 60000 → "60,000".
func grouped(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return n < 0 ? "-" + out : out
}

/// Seconds as a person reads an ETA: "45s", "3m07s", "1h05m".
func clock(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "–" }
    let s = Int(seconds.rounded())
    if s < 60 { return "\(s)s" }
    if s < 3600 { return "\(s / 60)m" + String(format: "%02ds", s % 60) }
    return "\(s / 3600)h" + String(format: "%02dm", s % 3600 / 60)
}
