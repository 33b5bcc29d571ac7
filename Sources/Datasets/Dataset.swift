import Tensors

/// Examples and their labels, kept as bytes where the source holds bytes and scaled to 0…1
/// one batch at a time: 60,000 MNIST-sized images cost 47 MB rather than 188.
public struct Dataset: Sendable {
    /// The examples' values, row after row.
    public enum Values: Sendable {
        /// Bytes 0…255, read as value / 255.
        case bytes([UInt8])
        /// Floats used as they are.
        case floats([Float])
        /// Token ids, `exampleShape[0]` of them an example, padded with 0 (`<pad>`) at the end;
        /// read as the id in a Float (exact up to 2²⁴).
        case tokens([Int32])

        var count: Int {
            switch self {
            case .bytes(let b): return b.count
            case .floats(let f): return f.count
            case .tokens(let t): return t.count
            }
        }
    }

    public var name: String
    public var values: Values
    /// Class of each example, 0..<classCount, or nil for unlabelled data.
    public var labels: [Int]?
    /// The shape of one example: [height, width] for grey images, [length] for token
    /// sequences, [features] otherwise.
    public var exampleShape: [Int]
    /// The name of each class; labels index it.
    public var classNames: [String]
    /// How the data was read: file, label column or "no labels", scaling, classes, skipped
    /// files. One line each, ready to print.
    public var notes: [String] = []
    /// For text: the vocabulary, each example's text and token count, fine labels.
    public var text: TextData?
    /// For synthetic point sets: a continuous value per example to colour plots by.
    public var colours: ColourValues?

    public init(name: String, values: Values, labels: [Int]?, exampleShape: [Int], classNames: [String],
                notes: [String] = [], text: TextData? = nil, colours: ColourValues? = nil) {
        self.name = name
        self.values = values
        self.labels = labels
        self.exampleShape = exampleShape
        self.classNames = classNames
        self.notes = notes
        self.text = text
        self.colours = colours
    }

    public var features: Int { exampleShape.reduce(1, *) }
    public var count: Int { values.count / max(features, 1) }
    /// Height and width when the examples are square-ish grey images.
    public var imageSize: (height: Int, width: Int)? {
        guard exampleShape.count == 2, !isTokens else { return nil }
        return (exampleShape[0], exampleShape[1])
    }
    public var classCount: Int { max(classNames.count, (labels?.max() ?? -1) + 1) }

    /// The smallest and largest value a batch holds (0 and 1 bounds for bytes that span them).
    public var valueRange: ClosedRange<Float>? {
        switch values {
        case .bytes(let b): return b.min().map { lo in Float(lo) / 255 ... Float(b.max()!) / 255 }
        case .floats(let f): return f.min().map { lo in lo ... f.max()! }
        case .tokens(let t): return t.min().map { lo in Float(lo) ... Float(t.max()!) }
        }
    }

    /// True when every value is within 0…1, as binary cross-entropy needs (never for tokens).
    public var isUnitRange: Bool {
        !isTokens && valueRange.map { $0.lowerBound >= 0 && $0.upperBound <= 1 } ?? true
    }

    /// True when the examples are token ids.
    public var isTokens: Bool {
        if case .tokens = values { return true }
        return false
    }

    /// Writes examples `indices` as scaled floats into `destination`, row after row.
    public func fill(_ destination: UnsafeMutablePointer<Float>, indices: some Collection<Int>) {
        let n = features
        var row = destination
        switch values {
        case .bytes(let bytes):
            bytes.withUnsafeBufferPointer { b in
                for i in indices {
                    let source = b.baseAddress! + i * n
                    for j in 0..<n { row[j] = Float(source[j]) / 255 }
                    row += n
                }
            }
        case .floats(let floats):
            floats.withUnsafeBufferPointer { f in
                for i in indices {
                    row.update(from: f.baseAddress! + i * n, count: n)
                    row += n
                }
            }
        case .tokens(let tokens):
            tokens.withUnsafeBufferPointer { t in
                for i in indices {
                    let source = t.baseAddress! + i * n
                    for j in 0..<n { row[j] = Float(source[j]) }
                    row += n
                }
            }
        }
    }

    /// A batch tensor of shape [indices.count, features].
    public func batch(_ indices: some Collection<Int>) -> Tensor {
        let t = Tensor(uninitialized: [indices.count, features])
        fill(t.data, indices: indices)
        return t
    }

    /// Every example as one tensor of shape [count, features].
    public func all() -> Tensor { batch(0..<count) }

    /// One example's values, scaled.
    public func example(_ index: Int) -> [Float] {
        var out = [Float](repeating: 0, count: features)
        out.withUnsafeMutableBufferPointer { fill($0.baseAddress!, indices: CollectionOfOne(index)) }
        return out
    }

    /// The token ids of examples `indices`, `exampleShape[0]` an example, row after row; nil
    /// unless the data set holds tokens.
    public func tokenIDs(_ indices: some Collection<Int>) -> [Int32]? {
        guard case .tokens(let t) = values else { return nil }
        let n = features
        var out = [Int32]()
        out.reserveCapacity(indices.count * n)
        for i in indices { out += t[i * n ..< (i + 1) * n] }
        return out
    }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> Dataset {
        let n = features
        func rows<T>(_ v: [T]) -> [T] {
            var out = [T]()
            out.reserveCapacity(indices.count * n)
            for i in indices { out += v[i * n ..< (i + 1) * n] }
            return out
        }
        var copy = self
        switch values {
        case .bytes(let b): copy.values = .bytes(rows(b))
        case .floats(let f): copy.values = .floats(rows(f))
        case .tokens(let t): copy.values = .tokens(rows(t))
        }
        copy.labels = labels.map { l in indices.map { l[$0] } }
        copy.text = text?.subset(indices)
        copy.colours = colours?.subset(indices)
        return copy
    }

    /// The first `n` examples (all of them when there are fewer).
    public func prefix(_ n: Int) -> Dataset { n >= count ? self : subset(Array(0..<n)) }

    /// `n` examples drawn without replacement under `seed`, kept in their original order.
    /// Shipped MNIST is sorted by label, so taking its first `n` would leave classes out.
    public func sample(_ n: Int, seed: UInt64) -> Dataset {
        guard n < count else { return self }
        return subset(Dataset.sampleIndices(n, of: count, seed: seed))
    }

    /// The indices `sample` keeps: `n` of 0..<count under `seed`, sorted.
    static func sampleIndices(_ n: Int, of count: Int, seed: UInt64) -> [Int] {
        var order = Array(0..<count)
        var rng = Random(seed: seed)
        rng.shuffle(&order)
        return order.prefix(n).sorted()
    }

    /// A 64-bit FNV-1a hash of the values and labels, as hex: the same data gives the same text.
    public var checksum: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        switch values {
        case .bytes(let b): b.forEach(mix)
        case .floats(let f): for v in f { withUnsafeBytes(of: v.bitPattern.littleEndian) { $0.forEach(mix) } }
        case .tokens(let t): for v in t { withUnsafeBytes(of: v.littleEndian) { $0.forEach(mix) } }
        }
        for l in labels ?? [] { mix(UInt8(truncatingIfNeeded: l)) }
        return String(hash, radix: 16)
    }

    /// Bytes this data set holds in memory (values and labels; text adds its strings).
    public var memoryBytes: Int {
        let labelBytes = (labels?.count ?? 0) * 8
        switch values {
        case .bytes(let b): return b.count + labelBytes
        case .floats(let f): return f.count * 4 + labelBytes
        case .tokens(let t): return t.count * 4 + labelBytes + (text?.memoryBytes ?? 0)
        }
    }
}

/// A training set and a test set of the same kind.
public struct DataSplit: Sendable {
    public var train: Dataset
    public var test: Dataset
    /// How the split was read, one line each, in the order to print them: files and label
    /// columns, how the test set was made, scaling, classes, skipped files, vocabulary.
    public var notes: [String]

    public init(train: Dataset, test: Dataset, notes: [String] = []) {
        self.train = train
        self.test = test
        self.notes = notes
    }
}

/// A continuous value per example for colouring plots (position along a Swiss roll, height
/// on a sphere), kept beside the examples through subsets and samples.
public struct ColourValues: Sendable, Equatable {
    /// What the value measures, for a legend.
    public var name: String
    public var values: [Float]

    public init(name: String, values: [Float]) {
        self.name = name
        self.values = values
    }

    func subset(_ indices: [Int]) -> ColourValues { ColourValues(name: name, values: indices.map { values[$0] }) }
}
