/// Examples as one file gave them, before the split they belong to decides how values are
/// scaled and labels numbered: a training and a test file must agree on both.
struct RawExamples {
    enum Values {
        case bytes([UInt8])
        case floats([Float])

        var count: Int {
            switch self {
            case .bytes(let b): return b.count
            case .floats(let f): return f.count
            }
        }
    }

    /// Labels as the file writes them.
    enum Labels {
        /// Whole numbers, to be numbered 0..<k.
        case numbers([Int64])
        /// Indices into `names` (folder names, words).
        case names([Int], names: [String])

        var count: Int {
            switch self {
            case .numbers(let v): return v.count
            case .names(let i, _): return i.count
            }
        }
    }

    var name: String
    /// The file or folder, named in errors.
    var source: String
    var values: Values
    var exampleShape: [Int]
    var labels: Labels?
    /// How the file was read, for `DataSplit.notes`.
    var notes: [String] = []
    /// Image pixels (PNG), whose bytes always mean value / 255, whatever their range.
    var isPixels = false

    var features: Int { exampleShape.reduce(1, *) }
    var count: Int { values.count / max(features, 1) }
}

/// Turning raw examples into `Dataset`s: the same scaling and the same label numbering for
/// every set passed together.
enum Assembly {
    /// Datasets from `sets`, scaled and labelled alike, and the notes that apply to all of them.
    /// `classNames`, when given, fixes the classes (labels must be 0..<count).
    static func finish(_ sets: [RawExamples], classNames fixed: [String]? = nil, scale: Scaling) throws -> (sets: [Dataset], notes: [String]) {
        // Pixel sets skip the scan of their range: their bytes mean value / 255 whatever it is.
        let pixels = scale == .auto && sets.allSatisfy(\.isPixels)
        let stats = pixels ? ValueStats() : sets.map { ValueStats($0.values) }.reduce(ValueStats()) { $0.merged(with: $1) }
        let (divide, scalingNote) = pixels ? (true, "scaling: pixel bytes divided by 255")
                                           : try scale.decide(stats, source: sets.map(\.source).joined(separator: " and "))
        let mapping = try LabelMapping(sets.map(\.labels), sources: sets.map(\.source), classNames: fixed)
        var out = [Dataset]()
        for (i, raw) in sets.enumerated() {
            let values: Dataset.Values
            switch (raw.values, divide) {
            case (.bytes(let b), true):
                values = .bytes(b)
            case (.bytes(let b), false):
                values = .floats(b.map(Float.init))
            case (.floats(let f), true):
                // Whole numbers 0…255 are stored as bytes, a quarter of the memory.
                values = stats.allWhole && stats.min >= 0 && stats.max <= 255 ? .bytes(f.map { UInt8($0) }) : .floats(f.map { $0 / 255 })
            case (.floats(let f), false):
                values = .floats(f)
            }
            var d = Dataset(name: raw.name, values: values, labels: mapping.labels[i], exampleShape: raw.exampleShape,
                            classNames: mapping.classNames)
            d.notes = raw.notes + [scalingNote, mapping.note]
            out.append(d)
        }
        return (out, [scalingNote, mapping.note])
    }
}

/// Notes about one of two files, labelled with its role: `read: no header line` becomes
/// `train: no header line`.
func prefixNotes(_ notes: [String], role: String) -> [String] {
    notes.map { "\(role): " + ($0.hasPrefix("read: ") ? String($0.dropFirst(6)) : $0) }
}
