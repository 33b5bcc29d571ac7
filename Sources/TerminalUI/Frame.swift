import Rendering

/// What the backend puts on the terminal: the cells, and where the cursor goes (nil hides it).
struct Frame {
    var canvas: Canvas
    var cursor: (row: Int, col: Int)?
}
