/// How many colours the terminal can show, which decides how `ansi(_:depth:)` encodes colour.
public enum ColorDepth: Equatable, Sendable {
    case trueColor, palette256, palette16, none

    /// Picks the depth from environment variables: `NO_COLOR` wins, then `COLORTERM`, then `TERM`.
    public static func detect(environment: [String: String]) -> ColorDepth {
        if environment["NO_COLOR"] != nil { return .none }
        let colorterm = (environment["COLORTERM"] ?? "").lowercased()
        if colorterm.contains("truecolor") || colorterm.contains("24bit") { return .trueColor }
        if (environment["TERM"] ?? "").contains("256color") { return .palette256 }
        return .palette16
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
