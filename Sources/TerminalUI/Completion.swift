import Foundation
import Notebook
import Options

/// A command as completion and help see it: an entry of the notebook's one command registry.
struct CommandHelp {
    var name: String
    var usage: String
    var summary: String
    /// What it takes, given the positional words typed so far.
    var declarations: ([String]) -> [Declaration]

    init(_ entry: CommandEntry) {
        name = entry.name
        usage = entry.usage
        summary = entry.summary
        declarations = entry.declarations
    }

    /// Every command: the kernel's and the interactive notebook's own.
    static var all: [CommandHelp] { Commands.all.map(CommandHelp.init) }
}

extension Declaration {
    /// The words a positional argument may be: its choices, or the lower-case words of a name
    /// such as "mnist|fashion|PATH"; and whether it may be a file path (an upper-case word).
    var argumentWords: (keywords: [String], takesPath: Bool) {
        if let choices { return (choices, false) }
        let alternatives = name.split(separator: "|").map(String.init)
        let keywords = alternatives.filter { $0 == $0.lowercased() && $0.allSatisfy { $0.isLetter || $0.isNumber } }
        let isPlaceholder = { (word: String) -> Bool in
            let stem = word.split(separator: ".").first.map(String.init) ?? word
            return stem == stem.uppercased() && stem.contains { $0.isLetter }
        }
        return (keywords, alternatives.contains(where: isPlaceholder))
    }

    /// The file extensions its placeholder names ("FILE.ae" → ["ae"]); empty for any file.
    var fileExtensions: [String] {
        name.split(separator: "|").compactMap { word in
            guard let dot = word.firstIndex(of: "."), word[..<dot].allSatisfy(\.isUppercase) else { return nil }
            return String(word[word.index(after: dot)...]).lowercased()
        }
    }
}

/// Which files a path completes to.
enum FileFilter: Equatable {
    case any
    /// Files with one of these extensions (and directories).
    case extensions([String])
    /// Models written by `save`: a `NAME.safetensors` beside its `NAME.json`, offered as NAME.
    case savedModels
}

/// Tab completion of command names, options, argument words and file paths, and the hint line
/// for the command being typed.
struct Completion {
    /// A completed line, and the choices when more than one fits.
    struct Result: Equatable {
        var text: String
        var cursor: Int
        var candidates: [String]
        /// Where the completed word starts, so a repeated Tab can put each candidate there.
        var wordStart = 0

        init(text: String, cursor: Int, candidates: [String], wordStart: Int = 0) {
            self.text = text
            self.cursor = cursor
            self.candidates = candidates
            self.wordStart = wordStart
        }

        static func == (a: Result, b: Result) -> Bool { a.text == b.text && a.cursor == b.cursor && a.candidates == b.candidates }
    }

    var commands: [CommandHelp]
    /// Words the kernel knows by now, by the positional word they fill: "MODEL" (the session's
    /// model names) and "LAYER" (the current model's layers). A word named "MODEL…" repeats.
    var knownWords: [String: [String]] = [:]
    /// Lists a directory: names and whether each is a directory. Replaceable for tests.
    var listDirectory: (String) -> [(name: String, isDirectory: Bool)] = Completion.list

    init(commands: [CommandHelp] = CommandHelp.all) { self.commands = commands }

    static func list(_ directory: String) -> [(name: String, isDirectory: Bool)] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return [] }
        return names.sorted().map { name in
            var isDir: ObjCBool = false
            _ = fm.fileExists(atPath: (directory as NSString).appendingPathComponent(name), isDirectory: &isDir)
            return (name, isDir.boolValue)
        }
    }

    /// The word under the cursor: where it starts, and whether it is the line's first word.
    private func currentWord(_ chars: [Character], cursor: Int) -> (start: Int, isFirst: Bool) {
        var start = cursor
        while start > 0, chars[start - 1] != " " { start -= 1 }
        return (start, !chars[..<start].contains { $0 != " " })
    }

    /// Completes the word before the cursor; nil when nothing fits.
    func complete(_ text: String, cursor: Int) -> Result? {
        let chars = Array(text)
        let cursor = min(cursor, chars.count)
        let (start, isFirst) = currentWord(chars, cursor: cursor)
        let prefix = String(chars[start..<cursor])
        // Each choice with what follows it when it is the only one: a space, or nothing after
        // "option=" and "directory/".
        var choices: [(text: String, suffix: String)] = []
        if isFirst {
            choices = commands.map(\.name).filter { $0.hasPrefix(prefix.lowercased()) }.map { ($0, " ") }
        } else {
            let name = String(chars[..<start]).split(separator: " ").first.map { String($0).lowercased() } ?? ""
            let command = commands.first { $0.name == name }
            if let eq = prefix.firstIndex(of: "=") {
                let key = String(prefix[..<eq]), value = String(prefix[prefix.index(after: eq)...])
                let arguments = String(chars[..<start]).split(separator: " ").dropFirst().filter { !$0.contains("=") }.map(String.init)
                let option = command?.declarations(arguments).first { $0.role == .option && $0.name == key }
                if let values = option?.choices {
                    choices = values.filter { $0.hasPrefix(value) }.map { (key + "=" + $0, " ") }
                } else if looksLikePath(value) || ["testfile", "path", "file"].contains(key) {
                    choices = paths(matching: value).map { (key + "=" + $0.text, $0.suffix) }
                }
            } else {
                let used = Set(String(chars).split(separator: " ").compactMap { $0.split(separator: "=").count > 1 || $0.hasSuffix("=") ? String($0.split(separator: "=")[0]) : nil })
                if name == "help" {
                    choices += commands.map(\.name).filter { $0.hasPrefix(prefix) }.map { ($0, " ") }
                }
                if let command {
                    let arguments = String(chars[..<start]).split(separator: " ").dropFirst().filter { !$0.contains("=") }.map(String.init)
                    let declarations = command.declarations(arguments)
                    let positional = declarations.filter { $0.role == .argument }
                    let repeats = positional.last?.name.hasSuffix("…") == true
                    if arguments.count < positional.count || (repeats && !positional.isEmpty) {
                        let declaration = positional[min(arguments.count, positional.count - 1)]
                        if let known = knownWords[String(declaration.name.prefix { $0 != "…" })] {
                            choices += known.filter { $0.hasPrefix(prefix) && !arguments.contains($0) }.map { ($0, " ") }
                        } else {
                            let words = declaration.argumentWords
                            choices += words.keywords.filter { $0.hasPrefix(prefix) }.map { ($0, " ") }
                            if words.takesPath || looksLikePath(prefix) {
                                let extensions = declaration.fileExtensions
                                let filter: FileFilter = name == "load" ? .savedModels : extensions.isEmpty ? .any : .extensions(extensions)
                                choices += paths(matching: prefix, filter: filter)
                            }
                        }
                    } else if looksLikePath(prefix) {
                        choices += paths(matching: prefix)
                    }
                    choices += declarations.filter { $0.role == .option }.map(\.name)
                        .filter { $0.hasPrefix(prefix) && !used.contains($0) }.map { ($0 + "=", "") }
                } else if looksLikePath(prefix) {
                    choices = paths(matching: prefix)
                }
            }
        }
        guard !choices.isEmpty else { return nil }
        let replacement: String
        var candidates: [String] = []
        if choices.count == 1 {
            replacement = choices[0].text + choices[0].suffix
        } else {
            replacement = commonPrefix(choices.map(\.text))
            candidates = choices.map(\.text)
        }
        guard replacement.count >= prefix.count else { return nil }
        let newText = String(chars[..<start]) + replacement + String(chars[cursor...])
        return Result(text: newText, cursor: start + replacement.count, candidates: candidates, wordStart: start)
    }

    private func looksLikePath(_ word: String) -> Bool {
        word.contains("/") || word.hasPrefix(".") || word.hasPrefix("~")
    }

    /// Files and directories whose path starts with `prefix`, of the kind `filter` asks for;
    /// directories end in "/".
    private func paths(matching prefix: String, filter: FileFilter = .any) -> [(text: String, suffix: String)] {
        let slash = prefix.lastIndex(of: "/")
        let directoryPart = slash.map { String(prefix[...$0]) } ?? ""
        let namePart = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        var directory = directoryPart.isEmpty ? "." : directoryPart
        if directory.hasPrefix("~"), let home = ProcessInfo.processInfo.environment["HOME"] {
            directory = home + directory.dropFirst()
        }
        let entries = listDirectory(directory).filter { $0.name.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.name.hasPrefix(".")) }
        let directories = entries.filter(\.isDirectory).map { (directoryPart + $0.name + "/", "") }
        let files = entries.filter { !$0.isDirectory }.map(\.name)
        switch filter {
        case .any:
            return entries.map { $0.isDirectory ? (directoryPart + $0.name + "/", "") : (directoryPart + $0.name, " ") }
        case .extensions(let extensions):
            let kept = files.filter { name in extensions.contains { name.lowercased().hasSuffix("." + $0) } }
            return directories + kept.map { (directoryPart + $0, " ") }
        case .savedModels:
            let names = Set(files)
            let stems = files.filter { $0.hasSuffix(".safetensors") }.map { String($0.dropLast(".safetensors".count)) }
                .filter { names.contains($0 + ".json") }
            return directories + stems.map { (directoryPart + $0, " ") }
        }
    }

    private func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// The hint for the line being typed: the command's usage, summary and options, the help
    /// of the option under the cursor, or the commands that start with what is typed.
    func hint(for text: String, cursor: Int) -> String? {
        let chars = Array(text)
        let cursor = min(cursor, chars.count)
        guard let firstWord = text.split(separator: " ").first.map({ String($0).lowercased() }) else { return nil }
        let (start, isFirst) = currentWord(chars, cursor: cursor)
        guard let command = commands.first(where: { $0.name == firstWord }) else {
            let matches = commands.map(\.name).filter { $0.hasPrefix(firstWord) }
            if matches.isEmpty { return "unknown command '\(firstWord)' — ? lists the commands" }
            return "commands: " + matches.joined(separator: " ")
        }
        if !isFirst {
            var end = cursor
            while end < chars.count, chars[end] != " " { end += 1 }
            let word = String(chars[start..<end])
            let key = word.split(separator: "=", omittingEmptySubsequences: false).first.map(String.init) ?? word
            let arguments = text.split(separator: " ").dropFirst().filter { !$0.contains("=") }.map(String.init)
            if !key.isEmpty, let option = command.declarations(arguments).first(where: { $0.role == .option && $0.name == key }) {
                let values = option.choices.map { " (" + $0.joined(separator: ", ") + ")" } ?? ""
                return "\(option.name)=  \(option.help)\(values)" + (option.defaultText.isEmpty ? "" : " (default \(option.defaultText))")
            }
        }
        let options = command.declarations(text.split(separator: " ").dropFirst().filter { !$0.contains("=") }.map(String.init))
            .filter { $0.role == .option }.map(\.name)
        var hint = "\(command.usage) — \(command.summary)"
        if !options.isEmpty { hint += "   options: " + options.joined(separator: " ") }
        return hint
    }
}
