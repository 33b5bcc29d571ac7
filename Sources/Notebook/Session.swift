import Foundation

/// A recorded session: a header line, then one kernel event a line with its time, appended and
/// flushed as it happens, so a killed process loses at most the event in flight.
public enum Session {
    public static let format = "aelab-session"
    public static let version = 1
    public static let aelabVersion = "0.1.0"

    /// The first line of a session file.
    public struct Header: Codable, Sendable, Equatable {
        public var format: String
        public var version: Int
        public var aelab: String
        public var started: String
        public var columns: Int
        public var rows: Int
        /// What was recorded: "notebook", or the notebook file a headless run executed.
        public var source: String
    }

    /// One event and the seconds since the session started.
    public struct Entry: Codable, Sendable {
        public var t: Double
        public var event: KernelEvent
    }

    /// What could be read of a session file, and where and why reading stopped early.
    public struct Contents: Sendable {
        public var header: Header
        public var entries: [Entry]
        public var problem: String?
    }

    /// Reads a session file: every entry up to the first that cannot be read.
    public static func read(_ path: String) throws -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NotebookError.failed("\(path): " + (FileManager.default.fileExists(atPath: path) ? "cannot read" : "no such file"))
        }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let decoder = JSONDecoder()
        guard let first = lines.first, let header = try? decoder.decode(Header.self, from: Data(first)), header.format == format else {
            throw NotebookError.failed("\(path): not an aelab session (the first line is not a session header)")
        }
        var contents = Contents(header: header, entries: [], problem: nil)
        if header.version > version {
            contents.problem = "\(path): written by a newer aelab (session format \(header.version), this one reads \(version)); replaying what it can"
        }
        for (index, line) in lines.enumerated().dropFirst() {
            if line.isEmpty { if index == lines.count - 1 { break } else { continue } }
            do {
                contents.entries.append(try decoder.decode(Entry.self, from: Data(line)))
            } catch {
                let truncated = index == lines.count - 1
                let stop = "\(path):\(index + 1): " + (truncated ? "the last line is cut short (the recording was interrupted)" : "unreadable event") + "; replayed the \(contents.entries.count) events before it"
                contents.problem = contents.problem.map { $0 + "; " + stop } ?? stop
                break
            }
        }
        return contents
    }
}

/// Appends a session's events to a file as they happen.
public final class SessionRecorder: @unchecked Sendable {
    private let handle: FileHandle
    private let start = Date()
    private let encoder = JSONEncoder()
    private let lock = NSLock()
    public let path: String

    /// Creates (or replaces) `path` and writes the header line.
    public init(path: String, source: String, columns: Int = 0, rows: Int = 0) throws {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw NotebookError.failed("record: cannot create \(path)")
        }
        self.handle = handle
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let iso = ISO8601DateFormatter().string(from: start)
        let header = Session.Header(format: Session.format, version: Session.version, aelab: Session.aelabVersion,
                                    started: iso, columns: columns, rows: rows, source: source)
        try append(encoder.encode(header))
    }

    /// Appends one event; a failure to write stops nothing else (recording is a bystander).
    /// Of the batch events, about 20 an epoch are kept: enough to redraw the loss curve.
    public func record(_ event: KernelEvent) {
        if case .training(.batchEnded(let b)) = event {
            let stride = max(1, b.batchesPerEpoch / 20)
            guard b.batch % stride == 0 || b.batch == b.batchesPerEpoch else { return }
        }
        lock.lock()
        defer { lock.unlock() }
        let entry = Session.Entry(t: (Date().timeIntervalSince(start) * 1000).rounded() / 1000, event: event)
        if let data = try? encoder.encode(entry) { try? append(data) }
    }

    private func append(_ data: Data) throws {
        // One write per event: a killed process loses at most the event in flight.
        try handle.write(contentsOf: data + Data([0x0A]))
    }

    public func close() { try? handle.close() }
}
