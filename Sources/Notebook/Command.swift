import Foundation

/// One notebook line as words: a name, positional words, and `key=value` options.
///
/// `model ae hidden=512 latent=256` → name "model", arguments ["ae"], options hidden, latent.
/// `#` starts a comment; double quotes keep spaces in a value (`export "my grid.png"`).
public struct Command: Equatable, Sendable {
    public var name: String
    public var arguments: [String]
    public var options: [(key: String, value: String)]
    /// The line as typed, without its comment.
    public var text: String

    /// The longest line a notebook may have; a line of a megabyte is a mistake, not a command.
    public static let maxLength = 16_384

    public static func == (a: Command, b: Command) -> Bool {
        a.name == b.name && a.arguments == b.arguments && a.options.elementsEqual(b.options, by: { $0 == $1 }) && a.text == b.text
    }

    /// Parses a line; nil for blank lines and comments.
    public static func parse(_ line: String) throws -> Command? {
        guard line.utf8.count <= maxLength else {
            throw NotebookError.syntax("the line is \(line.utf8.count) bytes long; a command is at most \(maxLength)")
        }
        var words: [String] = []
        var current = ""
        var inQuotes = false, hasWord = false
        var commentStart: String.Index?
        for index in line.indices {
            let c = line[index]
            if inQuotes {
                if c == "\"" { inQuotes = false } else { current.append(c) }
            } else if c == "\"" {
                inQuotes = true; hasWord = true
            } else if c == "#" {
                commentStart = index
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
                command.options.append((String(word[..<eq]).lowercased(), String(word[word.index(after: eq)...])))
            } else {
                command.arguments.append(word)
            }
        }
        command.text = String(line[..<(commentStart ?? line.endIndex)]).trimmingCharacters(in: .whitespaces)
        return command
    }
}

extension Command {
    /// The command's words with option `key` set to `value` (added at the end when absent),
    /// quoted where they need it: `train epochs=5 lr=0.01` → `train epochs=2 lr=0.01`.
    public func replacingOption(_ key: String, with value: String) -> String {
        var options = self.options
        if let i = options.firstIndex(where: { $0.key == key }) { options[i].value = value } else { options.append((key, value)) }
        func quoted(_ word: String) -> String { word.contains(where: { $0 == " " || $0 == "\t" || $0 == "#" }) ? "\"\(word)\"" : word }
        return ([name] + arguments.map(quoted) + options.map { "\($0.key)=\(quoted($0.value))" }).joined(separator: " ")
    }
}

extension String {
    /// The text with control characters shown as escapes, so a command or a recorded line can
    /// never clear the screen or retitle the window when printed (ESC → "\u{1B}").
    public var escapingControlCharacters: String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "\u{7F}" {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
