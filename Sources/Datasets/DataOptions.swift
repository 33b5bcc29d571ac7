/// What `DataCatalog.load` can be asked, each with the `key=value` name the notebook's `data`
/// command uses (`DataOptions.keys`), so a caller can pass a command's options straight through
/// `set(_:to:)`.
public struct DataOptions: Sendable, Equatable {
    /// `train=N`: keep N training examples, drawn at random under `seed` (nil: all).
    public var train: Int?
    /// `test=N`: keep the first N test examples (nil: all).
    public var test: Int?
    /// `seed=N`: for drawing the training subset and the synthetic sets' points.
    public var seed: UInt64 = 0
    /// `testfile=PATH`: a second file to test on (nil: every fifth example of the first).
    public var testPath: String?
    /// `scale=auto|255|1|none`: how numbers become values (see `Scaling`).
    public var scale: Scaling = .auto
    /// `size=N`: PNG images are scaled to N×N pixels.
    public var imageSize = 28
    /// `length=N`: text examples are cut or padded at the end to N tokens.
    public var length = 10
    /// `vocab=N`: the vocabulary holds N entries, `<pad>` and `<unk>` included, the most
    /// frequent words (nil: every word seen `minCount` times).
    public var vocabularySize: Int?
    /// `min_count=N`: the vocabulary holds words seen at least N times in the training texts
    /// (nil: 2, or 1 when `vocab` is given).
    public var minCount: Int?
    /// `punctuation=question|all|none`: which punctuation becomes tokens (see `Tokenizer`).
    public var punctuation = Tokenizer.Punctuation.question
    /// `n=N`: how many points a synthetic set draws (every fifth is the test set).
    public var points = 2000
    /// `noise=X`: a synthetic set's noise (nil: 0 for the roll and sphere, 1 for blobs).
    public var noise: Float?
    /// `centers=N`: how many blobs `blobs3d` draws.
    public var centers = 4

    /// The options the old `DataCatalog.load` parameters gave; set the others as properties.
    public init(train: Int? = nil, test: Int? = nil, seed: UInt64 = 0, testPath: String? = nil, scale: Scaling = .auto) {
        self.train = train
        self.test = test
        self.seed = seed
        self.testPath = testPath
        self.scale = scale
    }

    // The ranges `set` and `validate` accept.
    static let counts = 1...Int(Int32.max)
    static let lengths = 1...1000
    static let vocabularySizes = 4...1_000_000
    static let minCounts = 1...1_000_000
    static let pointCounts = 5...1_000_000
    static let noises: ClosedRange<Float> = 0...100
    static let centerCounts = 1...100

    /// The option names `set(_:to:)` takes, with one line of help each.
    public static let keys: [(name: String, help: String)] = [
        ("train", "keep N training examples, drawn at random under seed (default: all)"),
        ("test", "keep the first N test examples (default: all)"),
        ("seed", "seed for drawing the training subset and synthetic points (default 0)"),
        ("testfile", "with a PATH: a second file to test on (default: every fifth example)"),
        ("scale", "auto, 255, 1 or none: divide values by 255, take them as 0…1, or as they are (default auto: by the file's range)"),
        ("size", "PNG folders: scale images to N×N pixels (default 28)"),
        ("length", "text: tokens an example, cut or padded at the end (default 10)"),
        ("vocab", "text: keep the N-2 most frequent training words, plus <pad> and <unk> (default: by min_count)"),
        ("min_count", "text: keep words seen at least N times in the training texts (default 2; 1 with vocab)"),
        ("punctuation", "text: question, all or none: which punctuation becomes tokens (default question: ? only)"),
        ("n", "swissroll, blobs3d, sphere: points to draw; every fifth is the test set (default 2000)"),
        ("noise", "swissroll, sphere: noise added to each coordinate (default 0); blobs3d: the blobs' standard deviation (default 1)"),
        ("centers", "blobs3d: how many blobs (default 4)"),
    ]

    /// Sets the option `key` from its text form, checking its range.
    public mutating func set(_ key: String, to value: String) throws {
        switch key {
        case "train": train = try Self.int(key, value, in: Self.counts)
        case "test": test = try Self.int(key, value, in: Self.counts)
        case "seed":
            guard let v = UInt64(value) else { throw DataError.badOption(key, reason: "must be a whole number ≥ 0, not '\(value)'") }
            seed = v
        case "testfile": testPath = value
        case "scale":
            guard let s = Scaling(rawValue: value) else {
                throw DataError.badOption(key, reason: "must be one of \(Scaling.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'")
            }
            scale = s
        case "size": imageSize = try Self.int(key, value, in: PNGFolder.sizes)
        case "length": length = try Self.int(key, value, in: Self.lengths)
        case "vocab": vocabularySize = try Self.int(key, value, in: Self.vocabularySizes)
        case "min_count": minCount = try Self.int(key, value, in: Self.minCounts)
        case "punctuation":
            guard let p = Tokenizer.Punctuation(rawValue: value) else {
                throw DataError.badOption(key, reason: "must be one of \(Tokenizer.Punctuation.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'")
            }
            punctuation = p
        case "n": points = try Self.int(key, value, in: Self.pointCounts)
        case "noise": noise = try Self.float(key, value, in: Self.noises)
        case "centers": centers = try Self.int(key, value, in: Self.centerCounts)
        default:
            throw DataError.badOption(key, reason: "is not an option of data; known: \(Self.keys.map(\.name).joined(separator: ", "))")
        }
    }

    /// Checks every option's range (for options set as properties rather than through `set`).
    public func validate() throws {
        try Self.check("train", train, in: Self.counts)
        try Self.check("test", test, in: Self.counts)
        try Self.check("size", imageSize, in: PNGFolder.sizes)
        try Self.check("length", length, in: Self.lengths)
        try Self.check("vocab", vocabularySize, in: Self.vocabularySizes)
        try Self.check("min_count", minCount, in: Self.minCounts)
        try Self.check("n", points, in: Self.pointCounts)
        try Self.check("noise", noise, in: Self.noises)
        try Self.check("centers", centers, in: Self.centerCounts)
    }

    static func int(_ key: String, _ value: String, in range: ClosedRange<Int>) throws -> Int {
        guard let v = Int(value.replacingOccurrences(of: "_", with: "")) else {
            throw DataError.badOption(key, reason: "must be a whole number, not '\(value)'")
        }
        try check(key, v, in: range)
        return v
    }

    static func float(_ key: String, _ value: String, in range: ClosedRange<Float>) throws -> Float {
        guard let v = Float(value), v.isFinite else { throw DataError.badOption(key, reason: "must be a number, not '\(value)'") }
        try check(key, v, in: range)
        return v
    }

    static func check<T: Comparable>(_ key: String, _ value: T?, in range: ClosedRange<T>) throws {
        guard let value, !range.contains(value) else { return }
        throw DataError.badOption(key, reason: "must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
    }
}
