/// Partial blocks from one eighth to seven eighths of a cell.
let partialBlocks: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

/// A bar `width` cells wide filled to `fraction` (clipped to 0...1, NaN as 0) with eighth-cell
/// precision, padded with spaces.
public func progressBar(fraction: Double, width: Int) -> String {
    guard width > 0 else { return "" }
    let f = fraction > 0 ? min(fraction, 1) : 0
    let eighths = Int((f * Double(width * 8)).rounded())
    var bar = String(repeating: "█", count: eighths / 8)
    if eighths % 8 > 0 { bar.append(partialBlocks[eighths % 8 - 1]) }
    return bar + String(repeating: " ", count: width - bar.count)
}
