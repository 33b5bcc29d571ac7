/// The command being typed and the cursor in it, with the usual line-editing keys.
struct InputLine: Equatable {
    private(set) var characters: [Character] = []
    /// Index into `characters` where the next character goes.
    private(set) var cursor = 0

    var text: String { String(characters) }
    var isEmpty: Bool { characters.isEmpty }

    /// Replaces the text and puts the cursor at the end (or at `cursor`).
    mutating func set(_ text: String, cursor: Int? = nil) {
        characters = Array(text)
        self.cursor = min(max(cursor ?? characters.count, 0), characters.count)
    }

    mutating func insert(_ text: String) {
        let new = Array(text.filter { $0 != "\n" && $0 != "\r" })
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    mutating func left() { cursor = max(0, cursor - 1) }
    mutating func right() { cursor = min(characters.count, cursor + 1) }
    mutating func home() { cursor = 0 }
    mutating func end() { cursor = characters.count }

    /// Ctrl-K: deletes from the cursor to the end.
    mutating func killToEnd() { characters.removeSubrange(cursor...) }

    /// Ctrl-U: deletes from the start to the cursor.
    mutating func killToStart() {
        characters.removeSubrange(..<cursor)
        cursor = 0
    }

    /// Ctrl-W: deletes the word before the cursor and the spaces after it.
    mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " " { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    mutating func clear() { set("") }

    /// The part that fits in `width` columns, scrolled so the cursor shows, and the cursor's
    /// column in it.
    func visible(width: Int) -> (text: String, cursor: Int) {
        guard width > 1 else { return ("", 0) }
        let first = max(0, cursor - (width - 1))
        let shown = characters[first..<min(characters.count, first + width)]
        return (String(shown), cursor - first)
    }
}
