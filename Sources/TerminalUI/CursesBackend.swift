import CNcurses
import Foundation
import Rendering

/// The thin layer over ncurses: starts and ends curses mode, copies frames to the terminal
/// (only the cells that changed) and decodes keys.
final class CursesBackend {
    private var previous: Canvas?
    /// Colour pairs made so far, by foreground and background colour index.
    private var pairs: [Int32: Int16] = [:]
    private var colors: Int32 = 0
    private var maxPairs: Int32 = 0
    /// Whether button presses are reported now (besides the wheel).
    private var reportsClicks = false
    /// Whether frames are painted as they are (a UTF-8 locale) or in ASCII (no UTF-8 locale
    /// exists, so ncurses would drop every other character).
    let unicode: Bool

    /// False when the person asked for no colour (`NO_COLOR`): cells are drawn by `TerminalCheck.colorless`.
    private let useColor: Bool

    /// Enters curses mode; nil (with the terminal untouched) when there is no usable terminal.
    init?(color: Bool = TerminalCheck.colorAllowed()) {
        useColor = color
        unicode = TerminalLocale.chooseUTF8()
        guard aelab_newterm() != nil else { return nil }
        Signals.cursesActive = true
        raw()
        noecho()
        nonl()
        keypad(aelab_stdscr(), true)
        set_escdelay(25)
        if color, has_colors() {
            start_color()
            use_default_colors()
            colors = aelab_colors()
            maxPairs = min(aelab_color_pairs(), 32767)
        }
        mousemask(mmask_t(CursesBackend.wheelUp | CursesBackend.wheelDown), nil)
        mouseinterval(0)
        wtimeout(aelab_stdscr(), 20)
    }

    // Button 4 and 5 presses in ncurses' mouse version 2 encoding (5 bits a button).
    static let wheelUp: UInt = 0o2 << 15
    static let wheelDown: UInt = 0o2 << 20
    // Button 1 pressed and clicked.
    static let press: UInt = 0o2
    static let click: UInt = 0o4

    var size: (width: Int, height: Int) { (Int(getmaxx(aelab_stdscr())), Int(getmaxy(aelab_stdscr()))) }

    /// Leaves curses mode and gives the terminal back as it was.
    func end() {
        guard Signals.cursesActive else { return }
        Signals.cursesActive = false
        endwin()
    }

    /// The next key, waiting at most `milliseconds` (0: do not wait).
    func readKey(milliseconds: Int32) -> Key? {
        wtimeout(aelab_stdscr(), milliseconds)
        var ch: wint_t = 0
        let result = wget_wch(aelab_stdscr(), &ch)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return functionKey(Int32(ch)) }
        switch ch {
        case 13, 10: return .enter
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(ch) + 96)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .character(Character(scalar))
        }
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_F0 + 1: return .f1
        case KEY_RESIZE: return .resize
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            if UInt(event.bstate) & CursesBackend.wheelUp != 0 { return .wheelUp }
            if UInt(event.bstate) & CursesBackend.wheelDown != 0 { return .wheelDown }
            if UInt(event.bstate) & (CursesBackend.press | CursesBackend.click) != 0 { return .click(row: Int(event.y), col: Int(event.x)) }
            return nil
        case KEY_SLEFT: return .shiftLeft
        case KEY_SRIGHT: return .shiftRight
        case KEY_SR: return .shiftUp
        case KEY_SF: return .shiftDown
        default: return nil
        }
    }

    /// Forgets what is on the screen, so the next frame is drawn whole (after a resize or Ctrl-L).
    func invalidate() {
        previous = nil
        clearok(aelab_stdscr(), true)
    }

    /// Copies the frame to the terminal, writing only cells that differ from the last frame.
    func draw(_ frame: Frame) {
        if frame.clicks != reportsClicks {
            reportsClicks = frame.clicks
            let buttons = CursesBackend.wheelUp | CursesBackend.wheelDown | (frame.clicks ? CursesBackend.press | CursesBackend.click : 0)
            mousemask(mmask_t(buttons), nil)
        }
        let canvas = unicode ? frame.canvas : frame.canvas.ascii()
        if previous?.width != canvas.width || previous?.height != canvas.height {
            previous = nil
            werase(aelab_stdscr())
        }
        var cc = cchar_t()
        for row in 0..<canvas.height {
            for col in 0..<canvas.width {
                let cell = canvas[row, col]
                if let previous, previous[row, col] == cell { continue }
                let (glyph, reverse) = useColor ? (cell.glyph, false) : TerminalCheck.colorless(cell)
                var chars: [wchar_t] = glyph.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) } + [0]
                if chars[0] < 32 { chars = [32, 0] }
                setcchar(&cc, chars, reverse ? aelab_reverse() : attr_t(0), pair(fg: cell.fg, bg: cell.bg), nil)
                mvwadd_wch(aelab_stdscr(), Int32(row), Int32(col), &cc)
            }
        }
        previous = canvas
        if let cursor = frame.cursor {
            curs_set(1)
            wmove(aelab_stdscr(), Int32(cursor.row), Int32(cursor.col))
        } else {
            curs_set(0)
        }
        wrefresh(aelab_stdscr())
    }

    private func colorIndex(_ color: RGB?) -> Int32 {
        guard let color, colors >= 8 else { return -1 }
        if colors >= 256 { return Int32(xterm256Index(color)) }
        let index = Int32(ansi16Index(color))
        return colors >= 16 ? index : index % 8
    }

    /// The colour pair for `fg` on `bg`, made on first use; pair 0 when pairs run out.
    private func pair(fg: RGB?, bg: RGB?) -> Int16 {
        guard colors >= 8 else { return 0 }
        let f = colorIndex(fg), b = colorIndex(bg)
        if f == -1 && b == -1 { return 0 }
        let key = (f + 1) << 16 | (b + 1)
        if let p = pairs[key] { return p }
        guard Int32(pairs.count) + 1 < maxPairs else { return 0 }
        let p = Int16(pairs.count + 1)
        init_pair(p, Int16(f), Int16(b))
        pairs[key] = p
        return p
    }
}
