import Rendering

/// What the backend puts on the terminal: the cells, and where the cursor goes (nil hides it).
struct Frame {
    var canvas: Canvas
    var cursor: (row: Int, col: Int)?
    /// Whether the screen wants mouse clicks reported (the explorer's map takes them; elsewhere
    /// the terminal keeps its own selection).
    var clicks = false
}
