import Tensors

/// Examples and their labels, kept as bytes where the source holds bytes and scaled to 0…1
/// one batch at a time: 60,000 MNIST-sized images cost 47 MB rather than 188.
public struct Dataset: Sendable {
    /// The examples' values, row after row.
    public enum Values: Sendable {
        /// Bytes 0…255, read as value / 255.
        case bytes([UInt8])
        /// Floats used as they are (CSV files with fractional values).
        case floats([Float])
    }

    public var name: String
    public var values: Values
    /// Class of each example, or nil for unlabelled data.
    public var labels: [Int]?
    /// The shape of one example: [height, width] for grey images, [features] otherwise.
    public var exampleShape: [Int]
    public var classNames: [String]

    public init(name: String, values: Values, labels: [Int]?, exampleShape: [Int], classNames: [String]) {
        self.name = name
        self.values = values
        self.labels = labels
        self.exampleShape = exampleShape
        self.classNames = classNames
    }

    public var features: Int { exampleShape.reduce(1, *) }
    public var count: Int {
        switch values {
        case .bytes(let b): return b.count / max(features, 1)
        case .floats(let f): return f.count / max(features, 1)
        }
    }
    /// Height and width when the examples are square-ish grey images.
    public var imageSize: (height: Int, width: Int)? {
        exampleShape.count == 2 ? (exampleShape[0], exampleShape[1]) : nil
    }
    public var classCount: Int { max(classNames.count, (labels?.max() ?? -1) + 1) }

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

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> Dataset {
        let n = features
        var copy = self
        switch values {
        case .bytes(let b):
            var out = [UInt8](); out.reserveCapacity(indices.count * n)
            for i in indices { out += b[i * n ..< (i + 1) * n] }
            copy.values = .bytes(out)
        case .floats(let f):
            var out = [Float](); out.reserveCapacity(indices.count * n)
            for i in indices { out += f[i * n ..< (i + 1) * n] }
            copy.values = .floats(out)
        }
        copy.labels = labels.map { l in indices.map { l[$0] } }
        return copy
    }

    /// The first `n` examples (all of them when there are fewer).
    public func prefix(_ n: Int) -> Dataset { n >= count ? self : subset(Array(0..<n)) }

    /// `n` examples drawn without replacement under `seed`, kept in their original order.
    /// Shipped MNIST is sorted by label, so taking its first `n` would leave classes out.
    public func sample(_ n: Int, seed: UInt64) -> Dataset {
        guard n < count else { return self }
        var order = Array(0..<count)
        var rng = Random(seed: seed)
        rng.shuffle(&order)
        return subset(order.prefix(n).sorted())
    }

    /// A 64-bit FNV-1a hash of the values and labels, as hex: the same data gives the same text.
    public var checksum: String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        switch values {
        case .bytes(let b): b.forEach(mix)
        case .floats(let f): for v in f { withUnsafeBytes(of: v.bitPattern.littleEndian) { $0.forEach(mix) } }
        }
        for l in labels ?? [] { mix(UInt8(truncatingIfNeeded: l)) }
        return String(hash, radix: 16)
    }

    /// Bytes this data set holds in memory.
    public var memoryBytes: Int {
        switch values {
        case .bytes(let b): return b.count + (labels?.count ?? 0) * 8
        case .floats(let f): return f.count * 4 + (labels?.count ?? 0) * 8
        }
    }
}

/// A training set and a test set of the same kind.
public struct DataSplit: Sendable {
    public var train: Dataset
    public var test: Dataset
    public init(train: Dataset, test: Dataset) { self.train = train; self.test = test }
}
