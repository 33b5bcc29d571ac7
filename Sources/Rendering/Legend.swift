/// Legend entries broken into lines no wider than `width`, each entry `measure(name)` wide
/// and `gap` apart; at most `maxLines` lines (the rest are dropped).
func wrapLegend(_ entries: [(String, RGB)], width: Int, maxLines: Int,
                measure: (String) -> Int, gap: Int) -> [[(String, RGB)]] {
    var lines: [[(String, RGB)]] = [], line: [(String, RGB)] = [], used = 0
    for entry in entries {
        let w = measure(entry.0)
        if !line.isEmpty && used + gap + w > width {
            lines.append(line)
            line = []
            used = 0
        }
        used += (line.isEmpty ? 0 : gap) + w
        line.append(entry)
    }
    if !line.isEmpty { lines.append(line) }
    return Array(lines.prefix(max(0, maxLines)))
}
