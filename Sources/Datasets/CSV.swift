import Foundation

/// Comma-separated examples, one a line, with the class in one column.
///
/// A first line that is not all numbers is a header. With a header, the column named `label`,
/// `class` or `y` (any case) holds the labels, and a header without one means unlabelled data
/// (Kaggle's `test.csv`). Without a header the first column holds the labels. Values are
/// scaled by `Scaling`, decided from the whole file. Lines may end in `\n`, `\r\n` or `\r`.
public enum CSVReader {
    static let labelNames: Set<String> = ["label", "class", "y"]

    /// Reads a CSV file, gzip-compressed or not; `labelColumn` (0-based) overrides the rules.
    public static func read(_ path: String, labelColumn: Int? = nil, scale: Scaling = .auto) throws -> Dataset {
        try Assembly.finish([raw(path, labelColumn: labelColumn)], scale: scale).sets[0]
    }

    /// Parses CSV text; `path` names the source in errors.
    public static func parse(_ text: String, path: String, labelColumn: Int? = nil, scale: Scaling = .auto) throws -> Dataset {
        try Assembly.finish([raw(Array(text.utf8), path: path, labelColumn: labelColumn)], scale: scale).sets[0]
    }

    static func raw(_ path: String, labelColumn: Int? = nil) throws -> RawExamples {
        try raw(ByteSource(path: path).readAll(), path: path, labelColumn: labelColumn)
    }

    static func raw(_ file: [UInt8], path: String, labelColumn: Int?) throws -> RawExamples {
        if let bad = Lines.firstInvalidUTF8(file) {
            throw DataError.unreadable(path, reason: "not UTF-8 text at byte \(bad)")
        }
        var bytes = file
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let lines = Lines.ranges(bytes)
        let dataLines = lines.enumerated().filter { !Lines.isBlank(bytes[$0.element]) }
        guard let first = dataLines.first else { throw DataError.badCSV(path, line: 1, reason: "the file is empty") }

        let headerFields = fields(bytes[first.element]).map { text($0) }
        let hasHeader = headerFields.contains { Double($0) == nil }
        let columns = headerFields.count
        var labelIndex: Int?
        var notes = [String]()
        if let labelColumn {
            labelIndex = labelColumn
            notes.append("read: \(columns) columns; labels in column \(labelColumn + 1), as asked")
        } else if hasHeader {
            labelIndex = headerFields.firstIndex { labelNames.contains(unquoted($0).lowercased()) }
            notes.append(labelIndex.map { "read: a header line; labels in column \($0 + 1), '\(unquoted(headerFields[$0]))'" }
                         ?? "read: a header line with no label, class or y column, so the examples are unlabelled")
        } else {
            labelIndex = 0
            notes.append("read: no header line; labels in column 1")
        }
        if let labelIndex {
            guard labelIndex >= 0, labelIndex < columns else {
                throw DataError.badCSV(path, line: first.offset + 1, reason: "label column \(labelIndex + 1) is outside the \(columns) columns")
            }
            guard columns >= 2 else {
                throw DataError.badCSV(path, line: first.offset + 1, reason: "needs a label column and at least one value column")
            }
        }
        let features = labelIndex == nil ? columns : columns - 1
        let rows = dataLines.dropFirst(hasHeader ? 1 : 0)
        guard !rows.isEmpty else { throw DataError.badCSV(path, line: first.offset + 2, reason: "no rows of data") }

        var values = [Float]()
        values.reserveCapacity(rows.count * features)
        var labels = [Int64]()
        if labelIndex != nil { labels.reserveCapacity(rows.count) }
        for (lineIndex, range) in rows {
            let line = bytes[range]
            let cells = fields(line)
            guard cells.count == columns else {
                throw DataError.badCSV(path, line: lineIndex + 1, reason: "\(cells.count) fields where the first line has \(columns)")
            }
            for (c, cell) in cells.enumerated() {
                if c == labelIndex {
                    guard let label = wholeNumber(cell) else {
                        throw DataError.badCSV(path, line: lineIndex + 1, reason: "label '\(text(cell))' is not a whole number")
                    }
                    labels.append(label)
                } else {
                    guard let v = number(cell), v.isFinite else {
                        throw DataError.badCSV(path, line: lineIndex + 1, reason: "'\(text(cell))' in column \(c + 1) is not a finite number")
                    }
                    values.append(v)
                }
            }
        }
        let skipped = lines.count - dataLines.count
        if skipped > 0 { notes.append("skipped \(skipped) blank line\(skipped == 1 ? "" : "s")") }
        let side = Int(Double(features).squareRoot())
        let shape = side * side == features && features >= 16 ? [side, side] : [features]
        return RawExamples(name: URL(fileURLWithPath: path).lastPathComponent, source: path, values: .floats(values), exampleShape: shape,
                           labels: labelIndex == nil ? nil : .numbers(labels), notes: notes)
    }

    /// The comma-separated fields of a line, without surrounding spaces and tabs.
    static func fields(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        line.split(separator: 0x2C, omittingEmptySubsequences: false).map { field in
            var f = field
            while let b = f.first, b == 0x20 || b == 0x09 { f.removeFirst() }
            while let b = f.last, b == 0x20 || b == 0x09 { f.removeLast() }
            return f
        }
    }

    static func text(_ field: ArraySlice<UInt8>) -> String { String(decoding: field, as: UTF8.self) }

    static func unquoted(_ s: String) -> String {
        s.count >= 2 && s.hasPrefix("\"") && s.hasSuffix("\"") ? String(s.dropFirst().dropLast()) : s
    }

    /// A number; plain digit strings (most pixel CSVs) skip the general parser.
    static func number(_ field: ArraySlice<UInt8>) -> Float? {
        if !field.isEmpty, field.count <= 7, field.allSatisfy({ $0 &- 0x30 < 10 }) {
            return Float(field.reduce(0) { $0 * 10 + Int($1 &- 0x30) })
        }
        return Float(text(field))
    }

    /// A whole number: `7`, `-1`, `9223372036854775807`, or `3.0`.
    static func wholeNumber(_ field: ArraySlice<UInt8>) -> Int64? {
        let s = text(field)
        if let v = Int64(s) { return v }
        guard let d = Double(s), d == d.rounded(), abs(d) < 0x1p63 else { return nil }
        return Int64(d)
    }
}
