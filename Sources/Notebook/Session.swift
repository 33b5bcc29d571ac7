import Files
import Foundation

/// A recorded session: a header line, then one kernel event a line with its time, appended as
/// it happens, so a killed process loses at most the event in flight; a closed recording ends
/// with an `end` line. The format is described in docs/session-format.md.
public enum Session {
    public static let format = "aelab-session"
    /// The version this aelab writes; it reads this one and version 1.
    public static let version = 2
    public static let aelabVersion = "0.1.0"
    /// The largest session file aelab reads (the shipped ones are under 3 MB).
    public static let maxBytes = 256 << 20

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

    /// A cell that ran before the recording began: replaying runs these first to rebuild the
    /// data and model the recorded cells started from.
    public struct StartingCell: Codable, Sendable, Equatable {
        public var command: String
        public var ok: Bool

        public init(command: String, ok: Bool) {
            self.command = command
            self.ok = ok
        }
    }

    /// What could be read of a session file, and where and why reading stopped early.
    public struct Contents: Sendable {
        public var header: Header
        public var entries: [Entry]
        /// The cells that made the kernel's state when the recording began (empty: a fresh kernel).
        public var startingCells: [StartingCell] = []
        /// Whether the recording was closed (a version-2 `end` line); nil for version 1 files,
        /// which have no such line.
        public var closed: Bool?
        public var problem: String?

        public init(header: Header, entries: [Entry], startingCells: [StartingCell] = [], closed: Bool? = nil, problem: String? = nil) {
            self.header = header
            self.entries = entries
            self.startingCells = startingCells
            self.closed = closed
            self.problem = problem
        }
    }

    /// Reads a session file (at most `maxBytes`): every entry up to the first that cannot be
    /// read, with the reason in `problem`. A file that is not a session at all throws.
    public static func read(_ path: String) throws -> Contents {
        let bytes: [UInt8]
        do { bytes = try BoundedRead.bytes(path, limit: maxBytes, what: "a session") } catch { throw NotebookError.failed("\(error)") }
        let data = Data(bytes)
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard let first = lines.first, let header = readHeader(Data(first)) else {
            throw NotebookError.failed("\(path): not an aelab session (the first line is not a session header)")
        }
        var contents = Contents(header: header, entries: [], closed: header.version >= 2 ? false : nil)
        if header.version > version {
            contents.problem = "\(path): written by a newer aelab (session format \(header.version), this one reads \(version)); replaying what it can"
        }
        let v1 = JSONDecoder()
        for (index, line) in lines.enumerated().dropFirst() {
            let stripped = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            if stripped.isEmpty { if index == lines.count - 1 { break } else { continue } }
            let last = index == lines.count - 1
            do {
                if contents.closed == true { throw NotebookError.failed("more lines follow the end line") }
                if header.version == 1 {
                    contents.entries.append(try checked(v1.decode(Entry.self, from: Data(stripped))))
                } else {
                    switch try SessionLine.decode(Data(stripped)) {
                    case .header: throw NotebookError.failed("a second header")
                    case .state(_, let cells) where contents.entries.isEmpty && contents.startingCells.isEmpty: contents.startingCells = cells
                    case .state: throw NotebookError.failed("a state line after the first event")
                    case .event(let entry): contents.entries.append(try checked(entry))
                    case .end: contents.closed = true
                    }
                }
            } catch {
                let why: String
                if last && !(error is EventProblem) { why = "the last line is cut short (the recording was interrupted)" }
                else if let problem = error as? EventProblem { why = "an event that cannot be shown: \(problem.reason)" }
                else { why = "unreadable line (\(describe(error)))" }
                let stop = "\(path):\(index + 1): \(why); replayed the \(contents.entries.count) events before it"
                contents.problem = contents.problem.map { $0 + "; " + stop } ?? stop
                break
            }
        }
        return contents
    }

    /// The header of either version (version 2 adds `"type": "header"`), or nil.
    static func readHeader(_ line: Data) -> Header? {
        guard let header = try? JSONDecoder().decode(Header.self, from: line), header.format == format, header.version >= 1 else { return nil }
        return header
    }

    /// Whether the file at `path` starts with a session header: such a file may be recorded over.
    public static func isSession(_ path: String) -> Bool {
        guard let prefix = AppendOnlyFile.prefix(of: path, count: 4096) else { return false }
        let firstLine = prefix.prefix { $0 != UInt8(ascii: "\n") }
        return readHeader(Data(firstLine)) != nil
    }

    /// An entry whose time and event pass the checks (a file can hold any sizes).
    private static func checked(_ entry: Entry) throws -> Entry {
        guard entry.t.isFinite, (0...KernelEvent.maxSeconds).contains(entry.t) else { throw EventProblem(reason: "its time \(entry.t) is not from 0 to 1e9 seconds") }
        if let problem = entry.event.problem { throw EventProblem(reason: problem) }
        return entry
    }

    private struct EventProblem: Error { var reason: String }

    /// A decoding error in a few words: which field, what was wrong.
    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func at(_ path: [CodingKey]) -> String { path.isEmpty ? "" : " at \"" + path.map(\.stringValue).joined(separator: ".") + "\"" }
        switch error {
        case let .keyNotFound(key, context): return "field \"\(key.stringValue)\" is missing\(at(context.codingPath))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context): return "a field has the wrong type\(at(context.codingPath))"
        case let .dataCorrupted(context): return context.debugDescription.isEmpty ? "not JSON" : context.debugDescription + at(context.codingPath)
        @unknown default: return "\(error)"
        }
    }
}

/// Appends a session's events to a file as they happen (format version 2).
///
/// Recording is a bystander to the work: a failure to write never stops a cell. The first one
/// stops the recording and is kept in `failure`, which the runner and the interface report.
public final class SessionRecorder: @unchecked Sendable {
    private let file: AppendOnlyFile
    private let start = Date()
    private let lock = NSLock()
    private var cellsFinished = 0
    private var firstFailure: FileError?
    private var closed = false
    public let path: String

    /// Creates `path` (and its missing folders) and writes the header line, and the starting
    /// state when the recording begins after cells have already run. Refuses to replace one of
    /// `inputs` (the notebook being run) or any existing file that is not a session.
    public convenience init(path: String, source: String, columns: Int = 0, rows: Int = 0,
                            startingCells: [Session.StartingCell] = [], inputs: [String] = []) throws {
        try SessionRecorder.checkTarget(path, inputs: inputs)
        let file: AppendOnlyFile
        do { file = try AppendOnlyFile(creating: path) } catch { throw NotebookError.failed("record: \(error)") }
        try self.init(file: file, source: source, columns: columns, rows: rows, startingCells: startingCells)
    }

    /// Records into `file`, already open (tests hand it `/dev/full`).
    init(file: AppendOnlyFile, source: String, columns: Int = 0, rows: Int = 0, startingCells: [Session.StartingCell] = []) throws {
        self.file = file
        path = file.path
        let header = Session.Header(format: Session.format, version: Session.version, aelab: Session.aelabVersion,
                                    started: ISO8601DateFormatter().string(from: start), columns: columns, rows: rows, source: source)
        do {
            try write(.header(header))
            if !startingCells.isEmpty { try write(.state(t: 0, cells: startingCells)) }
        } catch {
            throw NotebookError.failed("record: \(error)")
        }
    }

    /// Why recording to `path` would lose work, as an error: it is one of `inputs`, a folder,
    /// or an existing non-empty file that is not a session.
    static func checkTarget(_ path: String, inputs: [String]) throws {
        if let input = inputs.first(where: { $0 == path || FilePath.sameFile($0, path) }) {
            throw NotebookError.failed("record: \(path) is \(input == path ? "the notebook being run" : "the same file as \(input), the notebook being run"); record to another file, such as \(suggestedName(for: input))")
        }
        guard FileManager.default.fileExists(atPath: path) else { return }
        do { try FilePath.checkWritable(path) } catch { throw NotebookError.failed("record: \(error)") }
        guard FilePath.isRegularFile(path) else {
            throw NotebookError.failed("record: \(path) is not a regular file; record to a new file")
        }
        if FilePath.size(path) == 0 || Session.isSession(path) { return }
        throw NotebookError.failed("record: \(path) exists and is not an aelab session; aelab records only to a new file or over an old recording")
    }

    /// `x.ae` → `x.aesession`.
    static func suggestedName(for input: String) -> String {
        (input.hasSuffix(".ae") ? String(input.dropLast(3)) : input) + ".aesession"
    }

    /// The first write error, after which nothing more was written; nil while all is well.
    public var failure: FileError? {
        lock.lock()
        defer { lock.unlock() }
        return firstFailure
    }

    /// Appends one event. Of the batch events, about 20 an epoch are kept: enough to redraw
    /// the loss curve.
    public func record(_ event: KernelEvent) {
        if case .training(.batchEnded(let b)) = event {
            let stride = max(1, b.batchesPerEpoch / 20)
            guard b.batch % stride == 0 || b.batch == b.batchesPerEpoch else { return }
        }
        lock.lock()
        defer { lock.unlock() }
        guard firstFailure == nil, !closed else { return }
        if case .cellFinished = event { cellsFinished += 1 }
        do { try write(.event(Session.Entry(t: elapsed, event: event))) } catch { remember(error) }
    }

    /// Writes the end line and closes the file; the first failure of the whole recording, if any.
    @discardableResult
    public func close() -> FileError? {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return firstFailure }
        closed = true
        if firstFailure == nil {
            do { try write(.end(t: elapsed, cells: cellsFinished)) } catch { remember(error) }
        }
        do { try file.close() } catch { if firstFailure == nil { remember(error) } }
        return firstFailure
    }

    private var elapsed: Double { (Date().timeIntervalSince(start) * 1000).rounded() / 1000 }

    private func remember(_ error: Error) {
        firstFailure = error as? FileError ?? FileError(path: path, reason: "\(error)")
    }

    private func write(_ line: SessionLine) throws {
        // One write per line: a killed process loses at most the line in flight.
        try file.append(try line.encoded() + Data([0x0A]))
    }
}
