import Foundation

/// Commands typed in earlier runs and this one, browsed with ↑/↓ and kept in a file.
struct History {
    private(set) var entries: [String]
    /// Where ↑/↓ are in `entries`; nil when not browsing.
    private var position: Int?
    /// What was typed before browsing started, given back after the newest entry.
    private var draft = ""
    let path: String?
    let limit: Int

    /// `$XDG_STATE_HOME/aelab/history` when that variable is set, else `~/.aelab_history`.
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/aelab/history" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.aelab_history" }
        return nil
    }

    /// Reads the file at `path` (a missing file is an empty history).
    init(path: String?, limit: Int = 1000) {
        self.path = path
        self.limit = limit
        if let path, let text = try? String(contentsOfFile: path, encoding: .utf8) {
            entries = Array(text.split(separator: "\n").map(String.init).suffix(limit))
        } else {
            entries = []
        }
    }

    var isBrowsing: Bool { position != nil }

    /// Records a line run now (not a repeat of the last one) and appends it to the file.
    mutating func add(_ line: String) {
        position = nil
        let line = line.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty, entries.last != line else { return }
        entries.append(line)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        guard let path else { return }
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let handle = try? FileHandle(forWritingTo: url) {
            handle.seekToEndOfFile()
            handle.write(Data((line + "\n").utf8))
            try? handle.close()
        } else {
            try? Data((line + "\n").utf8).write(to: url)
        }
    }

    /// The entry before the one shown (the newest when browsing starts); nil at the oldest.
    mutating func previous(current: String) -> String? {
        guard !entries.isEmpty else { return nil }
        guard let p = position else {
            draft = current
            position = entries.count - 1
            return entries[entries.count - 1]
        }
        guard p > 0 else { return nil }
        position = p - 1
        return entries[p - 1]
    }

    /// The entry after the one shown; after the newest, the draft, and browsing ends.
    mutating func next() -> String? {
        guard let p = position else { return nil }
        if p + 1 < entries.count {
            position = p + 1
            return entries[p + 1]
        }
        position = nil
        return draft
    }

    /// Stops browsing (the person edited the line).
    mutating func stopBrowsing() { position = nil }
}
