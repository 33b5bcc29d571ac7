/// One notebook cell's command: a name, positional words, and `key=value` options.
///
/// `model ae hidden=512 latent=256` → name "model", arguments ["ae"], options hidden, latent.
/// `#` starts a comment; double quotes keep spaces in a value (`export "my grid.png"`).
public struct Command: Equatable, Sendable {
    public var name: String
    public var arguments: [String]
    public var options: [(key: String, value: String)]
    /// The line as typed, without its comment.
    public var text: String

    public static func == (a: Command, b: Command) -> Bool {
        a.name == b.name && a.arguments == b.arguments && a.options.elementsEqual(b.options, by: { $0 == $1 }) && a.text == b.text
    }

    /// Parses a line; nil for blank lines and comments.
    public static func parse(_ line: String) throws -> Command? {
        var words: [String] = []
        var current = ""
        var inQuotes = false, hasWord = false
        for c in line {
            if inQuotes {
                if c == "\"" { inQuotes = false } else { current.append(c) }
            } else if c == "\"" {
                inQuotes = true; hasWord = true
            } else if c == "#" {
                break
            } else if c == " " || c == "\t" {
                if hasWord { words.append(current); current = ""; hasWord = false }
            } else {
                current.append(c); hasWord = true
            }
        }
        if inQuotes { throw NotebookError.syntax("a quote is not closed") }
        if hasWord { words.append(current) }
        guard let name = words.first else { return nil }
        var command = Command(name: name.lowercased(), arguments: [], options: [], text: "")
        for word in words.dropFirst() {
            if let eq = word.firstIndex(of: "="), eq != word.startIndex {
                let key = String(word[..<eq]).lowercased()
                let value = String(word[word.index(after: eq)...])
                if command.options.contains(where: { $0.key == key }) {
                    throw NotebookError.badOption(command: command.name, option: key, reason: "is given twice")
                }
                command.options.append((key, value))
            } else {
                command.arguments.append(word)
            }
        }
        let uncommented = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        command.text = uncommented.trimmingCharacters(in: .whitespaces)
        return command
    }
}

import Foundation
