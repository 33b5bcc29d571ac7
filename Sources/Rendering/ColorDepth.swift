/// How many colours the terminal can show, which decides how `ansi(_:depth:)` encodes colour.
public enum ColorDepth: Equatable, Sendable {
    case trueColor, palette256, palette16, none

    /// Picks the depth from environment variables: `NO_COLOR` (when not empty, as no-color.org
    /// says) wins, then a terminal that shows no colour (`isTerminal` false: output into a pipe
    /// or a file; `TERM` unset, empty or `dumb`), then `COLORTERM`, then `TERM`.
    public static func detect(environment: [String: String], isTerminal: Bool = true) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard isTerminal else { return .none }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { return .none }
        let colorterm = (environment["COLORTERM"] ?? "").lowercased()
        if colorterm.contains("truecolor") || colorterm.contains("24bit") { return .trueColor }
        if term.contains("256color") { return .palette256 }
        return .palette16
    }

    /// True when `NO_COLOR` is set and not empty: the person asked for no colour anywhere.
    public static func colorRefused(environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The depth named by a command-line flag: "truecolor", "256", "16" or "none".
    public init?(name: String) {
        switch name.lowercased() {
        case "truecolor", "24bit", "truecolour": self = .trueColor
        case "256": self = .palette256
        case "16": self = .palette16
        case "none", "0": self = .none
        default: return nil
        }
    }
}
