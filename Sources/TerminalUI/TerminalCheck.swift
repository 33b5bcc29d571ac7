import Foundation
import Rendering

/// What the environment says about the terminal before curses opens it.
public enum TerminalCheck {
    /// Why the terminal cannot run the full-screen interface, or nil when it can: `TERM` unset,
    /// empty or `dumb` (a terminal without cursor movement, where curses draws one garbled line).
    public static func problem(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let term = environment["TERM"] ?? ""
        if term.isEmpty { return "TERM is not set, so the notebook cannot draw its screen; use 'aelab run FILE.ae' to run a notebook without it" }
        if term == "dumb" { return "this terminal (TERM=dumb) cannot move the cursor, so the notebook cannot draw its screen; use 'aelab run FILE.ae' to run a notebook without it" }
        return nil
    }

    /// Whether the interface may use colour: not when `NO_COLOR` is set and not empty.
    public static func colorAllowed(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        !ColorDepth.colorRefused(environment: environment)
    }

    /// What a cell shows without colour: an image's pixel pair (`▀`) becomes a shade glyph by
    /// its brightness, and the status bar and the selection, marked by their background, are
    /// drawn in reverse video.
    static func colorless(_ cell: Cell) -> (glyph: Character, reverse: Bool) {
        if cell.glyph == "▀" {
            let l = ((cell.fg?.luminance ?? 0) + (cell.bg?.luminance ?? 0)) / 2
            let shades: [Character] = [" ", "░", "▒", "▓", "█"]
            return (shades[max(0, min(4, Int((l * 4).rounded())))], false)
        }
        return (cell.glyph, cell.bg == Theme.barBackground || cell.bg == Theme.selection)
    }
}
