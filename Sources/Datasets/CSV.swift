import Foundation

/// Comma-separated examples, one a line, with the class in one column (the first unless told).
///
/// A first line that is not all numbers is taken as a header; a header column named `label`
/// or `class` is the label column. Values that are all whole numbers in 0…255 are kept as bytes
/// (pixel CSVs such as Kaggle's MNIST), anything else as floats.
public enum CSVReader {
    public static func read(_ path: String, labelColumn: Int? = nil) throws -> Dataset {
        let bytes = try Gzip.readFile(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DataError.unreadable(path, reason: "not UTF-8 text")
        }
        return try parse(text, path: path, labelColumn: labelColumn)
    }

    public static func parse(_ text: String, path: String, labelColumn: Int? = nil) throws -> Dataset {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard let first = lines.first else { throw DataError.badCSV(path, line: 1, reason: "the file is empty") }
        var labelIndex = labelColumn ?? 0
        var firstDataLine = 0
        let headerFields = first.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if headerFields.contains(where: { Double($0) == nil }) {
            firstDataLine = 1
            if labelColumn == nil, let named = headerFields.firstIndex(where: { ["label", "class", "y"].contains($0.lowercased()) }) {
                labelIndex = named
            }
        }
        let columns = headerFields.count
        guard columns >= 2 else { throw DataError.badCSV(path, line: 1, reason: "needs a label column and at least one value column") }
        guard labelIndex >= 0, labelIndex < columns else {
            throw DataError.badCSV(path, line: 1, reason: "label column \(labelIndex) is outside the \(columns) columns")
        }
        var values = [Float](); values.reserveCapacity((lines.count - firstDataLine) * (columns - 1))
        var labels = [Int]()
        var allBytes = true
        for lineIndex in firstDataLine..<lines.count {
            let fields = lines[lineIndex].split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == columns else {
                throw DataError.badCSV(path, line: lineIndex + 1, reason: "\(fields.count) fields where the first line has \(columns)")
            }
            for (c, field) in fields.enumerated() {
                let trimmed = field.trimmingCharacters(in: .whitespaces)
                if c == labelIndex {
                    guard let label = Int(trimmed), label >= 0 else {
                        throw DataError.badCSV(path, line: lineIndex + 1, reason: "label '\(trimmed)' is not a class number ≥ 0")
                    }
                    labels.append(label)
                } else {
                    guard let v = Float(trimmed), v.isFinite else {
                        throw DataError.badCSV(path, line: lineIndex + 1, reason: "'\(trimmed)' in column \(c + 1) is not a finite number")
                    }
                    if allBytes, !(v >= 0 && v <= 255 && v == v.rounded()) { allBytes = false }
                    values.append(v)
                }
            }
        }
        guard !labels.isEmpty else { throw DataError.badCSV(path, line: firstDataLine + 1, reason: "no rows of data") }
        let features = columns - 1
        let side = Int(Double(features).squareRoot())
        let shape = side * side == features && features >= 16 ? [side, side] : [features]
        let name = URL(fileURLWithPath: path).lastPathComponent
        let classNames = (0...(labels.max() ?? 0)).map(String.init)
        let stored: Dataset.Values = allBytes ? .bytes(values.map { UInt8($0) }) : .floats(values)
        return Dataset(name: name, values: stored, labels: labels, exampleShape: shape, classNames: classNames)
    }
}
