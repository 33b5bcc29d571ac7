/// Why a cell failed, in one line that says what to do about it.
public enum NotebookError: Error, CustomStringConvertible, Equatable {
    case syntax(String)
    case unknownCommand(String, suggestion: String?)
    case unknownOption(command: String, option: String, suggestion: String?, known: [String])
    case badOption(command: String, option: String, reason: String)
    case badArgument(command: String, reason: String)
    case needs(command: String, what: String)
    case failed(String)

    public var description: String {
        switch self {
        case .syntax(let message):
            return "syntax: \(message)"
        case let .unknownCommand(name, suggestion):
            return "unknown command '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; type 'help' for the list")
        case let .unknownOption(command, option, suggestion, known):
            let hint = suggestion.map { "did you mean '\($0)'?" } ?? (known.isEmpty ? "it takes no options" : "it takes " + known.joined(separator: ", "))
            return "\(command): unknown option '\(option)'; \(hint)"
        case let .badOption(command, option, reason):
            return "\(command): option '\(option)' \(reason)"
        case let .badArgument(command, reason):
            return "\(command): \(reason)"
        case let .needs(command, what):
            return "\(command): \(what)"
        case .failed(let message):
            return message
        }
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
func suggestion(for word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
    guard let (best, distance) = scored else { return nil }
    if best.hasPrefix(word) && word.count >= 2 { return best }
    return distance <= max(1, min(2, word.count / 2)) ? best : nil
}

/// Levenshtein distance.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var row = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...max(b.count, 1) where !b.isEmpty {
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = row
    }
    return a.isEmpty ? b.count : previous[b.count]
}
