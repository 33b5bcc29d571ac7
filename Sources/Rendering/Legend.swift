/// A legend laid out in lines: which entries go on each line and where each starts.
struct LegendLayout {
    /// Entries per line, each with its offset from the line's start.
    var lines: [[(entry: (String, RGB), offset: Int)]]
    /// Whether entries are drawn as a coloured name alone (no swatch), to save room.
    var compact: Bool

    /// Entries laid out within `width` in at most `maxLines` lines, `measure(name)` wide and at
    /// least `gap` apart: as few lines as they need, spread evenly over those lines (never one
    /// entry left alone on the last) and aligned in columns when that fits. When the entries do
    /// not fit even so, `compactMeasure` (a coloured name without its swatch, one column closer)
    /// is tried, then names cut shorter; as a last resort the entries that fit are kept.
    init(_ entries: [(String, RGB)], width: Int, maxLines: Int, measure: (String) -> Int,
         compactMeasure: ((String) -> Int)? = nil, gap: Int) {
        compact = false
        lines = []
        guard !entries.isEmpty, maxLines > 0, width > 0 else { return }
        if let lines = LegendLayout.fit(entries, width: width, maxLines: maxLines, measure: measure, gap: gap) {
            self.lines = lines
            return
        }
        // Without swatches, names sit one column closer.
        let compactGap = max(1, gap - 1)
        if let compactMeasure {
            compact = true
            let longest = entries.map(\.0.count).max() ?? 0
            for keep in stride(from: longest, through: 1, by: -1) {
                let cut = entries.map { (String($0.0.prefix(keep)), $0.1) }
                if let lines = LegendLayout.fit(cut, width: width, maxLines: maxLines, measure: compactMeasure, gap: compactGap) {
                    self.lines = lines
                    return
                }
            }
        }
        let flowed = compactMeasure.map { LegendLayout.flow(entries, width: width, measure: $0, gap: compactGap, perLine: .max) }
            ?? LegendLayout.flow(entries, width: width, measure: measure, gap: gap, perLine: .max)
        lines = Array(flowed.prefix(maxLines))
    }

    /// The layout when every entry fits in `maxLines`, else nil.
    static func fit(_ entries: [(String, RGB)], width: Int, maxLines: Int, measure: (String) -> Int,
                    gap: Int) -> [[(entry: (String, RGB), offset: Int)]]? {
        let greedy = flow(entries, width: width, measure: measure, gap: gap, perLine: .max)
        guard greedy.count <= maxLines, greedy.allSatisfy({ !$0.isEmpty }) else { return nil }
        // Spread evenly: ceil(n / lines) a line, kept only if it needs no more lines.
        let perLine = (entries.count + greedy.count - 1) / greedy.count
        let even = flow(entries, width: width, measure: measure, gap: gap, perLine: perLine)
        let lines = even.count == greedy.count ? even : greedy
        // Columns line up when the widest entry of each column still fits.
        if lines.count > 1 {
            let columns = lines.map(\.count).max() ?? 0
            var widths = [Int](repeating: 0, count: columns)
            for line in lines { for (j, item) in line.enumerated() { widths[j] = max(widths[j], measure(item.entry.0)) } }
            if widths.reduce(0, +) + gap * (columns - 1) <= width {
                var starts = [0]
                for w in widths.dropLast() { starts.append(starts.last! + w + gap) }
                return lines.map { line in line.enumerated().map { (entry: $1.entry, offset: starts[$0]) } }
            }
        }
        return lines
    }

    /// Entries flowed into lines no wider than `width`, at most `perLine` a line. An entry
    /// wider than the line gets a line of its own.
    static func flow(_ entries: [(String, RGB)], width: Int, measure: (String) -> Int, gap: Int,
                     perLine: Int) -> [[(entry: (String, RGB), offset: Int)]] {
        var lines: [[(entry: (String, RGB), offset: Int)]] = [], line: [(entry: (String, RGB), offset: Int)] = []
        var used = 0
        for entry in entries {
            let w = measure(entry.0)
            if !line.isEmpty && (used + gap + w > width || line.count >= perLine) {
                lines.append(line)
                line = []
                used = 0
            }
            let offset = line.isEmpty ? 0 : used + gap
            line.append((entry, offset))
            used = offset + w
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
