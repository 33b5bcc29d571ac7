/// Numbers the labels of one or more files as classes 0..<k, the same way in all of them.
///
/// Whole numbers within 0…255 keep their value as their class (class 7 is label 7, with
/// classes for any values in between that do not occur); any other whole numbers (negative,
/// sparse, huge) are numbered in increasing order and keep their value as the class's name.
/// Names (folders, words) are numbered in sorted order. More than `DataLimits.maxClasses`
/// distinct labels are refused: that is an ID column, not classes.
struct LabelMapping {
    var labels: [[Int]?]
    var classNames: [String]
    /// One line saying how the labels were read.
    var note: String

    init(_ sets: [RawExamples.Labels?], sources: [String], classNames fixed: [String]? = nil) throws {
        let present = sets.compactMap { $0 }
        guard !present.isEmpty else {
            self.init(labels: sets.map { _ in nil }, classNames: fixed ?? [], note: "labels: none (unlabelled examples)")
            return
        }
        let unlabelled = zip(sets, sources).filter { $0.0 == nil }.map(\.1)
        let missing = unlabelled.isEmpty ? "" : "; \(unlabelled.joined(separator: ", ")) has none"
        let numbers = present.compactMap { if case .numbers(let v) = $0 { return v } else { return nil } }
        if numbers.count == present.count {
            self = try Self.numbers(sets, sources: sources, fixed: fixed, missing: missing)
        } else if numbers.isEmpty {
            self = try Self.names(sets, sources: sources, missing: missing)
        } else {
            throw DataError.badLabels(sources.joined(separator: " and "), reason: "labels are numbers in one and names in the other")
        }
    }

    private init(labels: [[Int]?], classNames: [String], note: String) {
        self.labels = labels
        self.classNames = classNames
        self.note = note
    }

    private static func numbers(_ sets: [RawExamples.Labels?], sources: [String], fixed: [String]?, missing: String) throws -> LabelMapping {
        var distinct = Set<Int64>()
        for (set, source) in zip(sets, sources) {
            guard case .numbers(let values)? = set else { continue }
            for (i, v) in values.enumerated() {
                if let fixed, !(0..<Int64(fixed.count)).contains(v) {
                    throw DataError.badLabels(source, reason: "label \(v) (example \(i + 1)) is not one of the \(fixed.count) classes 0…\(fixed.count - 1)")
                }
                if distinct.insert(v).inserted, distinct.count > DataLimits.maxClasses {
                    throw DataError.badLabels(source, reason: "more than \(DataLimits.maxClasses) distinct labels; that is not a class column (name the label column, or use a file without one)")
                }
            }
        }
        let sorted = distinct.sorted()
        let lo = sorted.first ?? 0, hi = sorted.last ?? 0
        let identity = sets.map { set -> [Int]? in if case .numbers(let v)? = set { return v.map { Int($0) } } else { return nil } }
        if let fixed {
            return LabelMapping(labels: identity, classNames: fixed, note: "labels: \(fixed.count) classes\(missing)")
        }
        if lo >= 0, hi <= 255 {
            let unused = Int(hi) + 1 - sorted.count
            return LabelMapping(labels: identity, classNames: (0...Int(hi)).map(String.init),
                                note: "labels: \(hi + 1) classes, 0…\(hi)" + (unused > 0 ? " (\(unused) of them unused)" : "") + missing)
        }
        var index = [Int64: Int]()
        for (i, v) in sorted.enumerated() { index[v] = i }
        let shown = sorted.prefix(5).enumerated().map { "\($0.element)→\($0.offset)" }.joined(separator: ", ")
        return LabelMapping(labels: sets.map { set in if case .numbers(let v)? = set { return v.map { index[$0]! } } else { return nil } },
                            classNames: sorted.map(String.init),
                            note: "labels: \(sorted.count) distinct values numbered as classes 0…\(sorted.count - 1) in increasing order (\(shown)\(sorted.count > 5 ? ", …" : ""))\(missing)")
    }

    private static func names(_ sets: [RawExamples.Labels?], sources: [String], missing: String) throws -> LabelMapping {
        var all = Set<String>()
        for set in sets { if case .names(_, let names)? = set { all.formUnion(names) } }
        guard all.count <= DataLimits.maxClasses else {
            throw DataError.badLabels(sources.joined(separator: " and "), reason: "\(all.count) distinct labels, more than the \(DataLimits.maxClasses) classes aelab takes")
        }
        let classNames = all.sorted()
        var index = [String: Int]()
        for (i, n) in classNames.enumerated() { index[n] = i }
        let labels = sets.map { set -> [Int]? in
            guard case .names(let i, let names)? = set else { return nil }
            let map = names.map { index[$0]! }
            return i.map { map[$0] }
        }
        let shown = classNames.prefix(8).joined(separator: ", ")
        return LabelMapping(labels: labels, classNames: classNames,
                            note: "labels: \(classNames.count) classes (\(shown)\(classNames.count > 8 ? ", …" : ""))\(missing)")
    }
}
