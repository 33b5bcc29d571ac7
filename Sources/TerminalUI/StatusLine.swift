import Notebook
import Rendering

/// The bottom bar: data set, model, parameters, the BLAS core and threads, and key hints.
struct StatusLine {
    var kernel = KernelStatus()
    /// e.g. "OpenBLAS haswell ×2"
    var device: String?
    /// Where a replay is, e.g. "replay ▶ 2× — cell 3/8 — 0:12/1:05"; in the place of "aelab".
    var replay: String?

    /// The bar for `width` columns; `keys` sits at the right and gives way first.
    func render(width: Int, keys: String) -> Canvas {
        var canvas = Canvas(width: width, height: 1, fill: Cell(" ", bg: Theme.barBackground))
        var parts = [kernel.dataset ?? "no data"]
        parts.append(kernel.model ?? "no model")
        if let p = kernel.parameters { parts.append("\(grouped(p)) params") }
        if let device { parts.append(device) }
        let head = " " + (replay ?? "aelab") + " │ "
        var left = head + parts.joined(separator: " │ ")
        // The key hints stay; the figures on the left give way, device first.
        let room = max(0, width - keys.count - 3)
        while left.count > room, parts.count > 1 {
            parts.removeLast()
            left = head + parts.joined(separator: " │ ")
        }
        canvas.text(String(left.prefix(room)), row: 0, col: 0, fg: Theme.barForeground)
        if keys.count + 2 <= width { canvas.text(keys + " ", row: 0, col: width - keys.count - 1, fg: Theme.accent) }
        return canvas
    }
}
