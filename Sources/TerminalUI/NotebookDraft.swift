import Files
import Foundation
import Notebook

/// A notebook file as the interface opened it: every line as written (comments, blank lines,
/// inline comments), and which lines are cells.
struct OpenedNotebook: Equatable {
    var path: String
    var lines: [String]
    /// Each cell's line (0-based) and command, in order.
    var cells: [(line: Int, command: String)]

    static func == (a: OpenedNotebook, b: OpenedNotebook) -> Bool {
        a.path == b.path && a.lines == b.lines && a.cells.elementsEqual(b.cells, by: { $0 == $1 })
    }

    /// Reads `path` (at most `maxNotebookBytes`, any line ending); the first line that is not
    /// a command is an error naming it.
    static func read(_ path: String) -> Result<OpenedNotebook, NotebookFileError> {
        let text: String
        switch notebookText(at: path) {
        case .success(let contents): text = contents
        case .failure(let error): return .failure(error)
        }
        var lines = text.lines.map(String.init)
        if lines.last == "" { lines.removeLast() }
        var cells: [(line: Int, command: String)] = []
        for (i, line) in lines.enumerated() {
            do {
                if let command = try Command.parse(line) { cells.append((i, command.text)) }
            } catch {
                return .failure(NotebookFileError("\(path):\(i + 1): \(error)".escapingControlCharacters))
            }
        }
        return .success(OpenedNotebook(path: path, lines: lines, cells: cells))
    }
}

/// What `write FILE.ae` saves: the session's kernel cells as notebook lines. Over the notebook
/// the session opened it keeps that file's comments, blank lines, inline comments and the
/// lines that failed, and puts each cell back on its line; cells typed in the session follow.
/// A cell that did something other than its command (a cancelled `train`) is written as what
/// it did, with a comment saying so.
struct NotebookDraft: Equatable {
    struct Line: Equatable {
        /// The pane cell's id.
        var id: Int
        var command: String
        var state: NotebookCell.State
        var sourceLine: Int?
        var ranAs: String?
        var ranAsNote: String?
    }

    var lines: [Line]
    /// The notebook the session opened, if any.
    var opened: OpenedNotebook?

    /// The notebook's text, and the line (0-based) each cell went to, by cell id; `over` is the
    /// opened notebook when writing over it, else nil.
    func text(over opened: OpenedNotebook?) -> (text: String, placed: [Int: Int]) {
        var out: [String] = []
        var placed: [Int: Int] = [:]
        var used = Set<Int>()
        if let opened {
            let byLine = Dictionary(lines.compactMap { l in l.sourceLine.map { ($0, l) } }, uniquingKeysWith: { a, _ in a })
            for (i, original) in opened.lines.enumerated() {
                guard let cell = byLine[i] else { out.append(original); continue }
                used.insert(i)
                placed[cell.id] = out.count
                out.append(NotebookDraft.rewrite(original, as: cell))
            }
        } else {
            out.append("# aelab notebook")
        }
        let added = lines.filter { $0.sourceLine.map { !used.contains($0) } ?? true }
        if opened != nil, !added.isEmpty { out.append("# added in aelab") }
        for line in added {
            placed[line.id] = out.count
            out.append(NotebookDraft.rewrite(line.command, as: Line(id: line.id, command: line.command, state: line.state, sourceLine: nil,
                                                                    ranAs: line.ranAs, ranAsNote: line.ranAsNote)))
        }
        return (out.map { $0 + "\n" }.joined(), placed)
    }

    /// How many commands (not comments or blank lines) `text` holds.
    static func commandCount(_ text: String) -> Int {
        text.lines.filter { ((try? Command.parse(String($0))) ?? nil) != nil }.count
    }

    /// The file line for `cell`, keeping the leading spaces and inline comment of `original`
    /// (the cell's own command when it has no line in the file). A line that already says
    /// what the cell did is kept as it is.
    static func rewrite(_ original: String, as cell: Line) -> String {
        let (indent, comment) = parts(of: original)
        let inFile = cell.sourceLine != nil
        switch cell.state {
        case .note:
            return original
        case .failed:
            // A line of the opened file stays as it was; a typed one that failed is kept as a comment.
            return inFile ? original : "# failed: " + cell.command
        case .pending, .queued, .running, .done:
            let note = "  # " + (cell.ranAsNote ?? "ran differently") + "; typed: " + cell.command
            switch cell.ranAs {
            case nil:
                return inFile && commandText(original) == cell.command ? original : indent + cell.command + comment
            case ""?:
                // Nothing reproduces it: the command stays, commented out.
                let commented = "# " + cell.command
                if inFile, original.trimmingCharacters(in: .whitespaces).hasPrefix(commented) { return original }
                return indent + commented + comment + note
            case let ranAs?:
                if inFile, commandText(original) == ranAs { return original }
                return indent + ranAs + comment + note
            }
        }
    }

    /// The command part of a line, as `Command.parse` reads it.
    static func commandText(_ line: String) -> String { ((try? Command.parse(line)) ?? nil)?.text ?? "" }

    /// A line's leading spaces and its inline comment with the spaces before it ("" when none).
    static func parts(of line: String) -> (indent: String, comment: String) {
        let indent = String(line.prefix { $0 == " " || $0 == "\t" })
        var inQuotes = false
        for index in line.indices {
            let c = line[index]
            if c == "\"" { inQuotes.toggle() }
            if c == "#", !inQuotes {
                let before = line[..<index]
                let spaces = before.reversed().prefix { $0 == " " || $0 == "\t" }.count
                // A whole-line comment has no command before it.
                guard before.contains(where: { $0 != " " && $0 != "\t" }) else { return (indent, "") }
                return (indent, String(line[line.index(index, offsetBy: -spaces)...]))
            }
        }
        return (indent, "")
    }
}
