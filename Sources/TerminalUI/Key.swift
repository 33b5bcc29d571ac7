/// A key press or terminal event, decoded from ncurses so the screen model never sees curses.
enum Key: Equatable {
    case character(Character)
    /// Ctrl with a letter, e.g. `.control("c")`.
    case control(Character)
    case enter, tab, backTab, backspace, delete, escape
    case left, right, up, down, home, end, pageUp, pageDown
    /// The arrows with Shift held, where the terminal tells them apart.
    case shiftLeft, shiftRight, shiftUp, shiftDown
    case f1, resize, wheelUp, wheelDown
    /// A press of the first mouse button on a cell (reported while the explorer asks for clicks).
    case click(row: Int, col: Int)
}
