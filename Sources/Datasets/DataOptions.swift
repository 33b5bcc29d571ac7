import Options
/// What `DataCatalog.load` can be asked, declared once as the notebook's `data` command's
/// options (the command includes them as an option group).
public struct DataOptions: Declared, Equatable {
    @Option(help: "keep N training examples, drawn at random under seed (default: all)", in: 1...Int(Int32.max))
    public var train: Int?
    @Option(help: "keep the first N test examples (default: all)", in: 1...Int(Int32.max))
    public var test: Int?
    @Option(help: "seed for drawing the training subset and synthetic points")
    public var seed: UInt64 = 0
    @Option(name: "testfile", help: "with a PATH: a second file to test on (default: every fifth example)")
    public var testPath: String?
    @Option(help: "auto, 255, 1 or none: divide values by 255, take them as 0…1, or as they are (auto: by the file's range)")
    public var scale = Scaling.auto
    @Option(name: "size", help: "PNG folders: scale images to N×N pixels", in: 1...512)
    public var imageSize = 28
    @Option(help: "text: tokens an example, cut or padded at the end", in: 1...1000)
    public var length = 10
    @Option(name: "vocab", help: "text: keep the N-2 most frequent training words, plus <pad> and <unk> (default: by min_count)", in: 4...1_000_000)
    public var vocabularySize: Int?
    @Option(help: "text: keep words seen at least N times in the training texts (default 2; 1 with vocab)", in: 1...1_000_000)
    public var minCount: Int?
    @Option(name: "hash", help: "text: hash words into N ids instead of a vocabulary, as Keras's one_hot(text, N): 1 + FNV-1a mod N-1, 0 is padding (Keras's Python hash changes every run, FNV-1a never)", in: 2...1_000_000)
    public var hashBuckets: Int?
    @Option(help: "text: which punctuation becomes tokens (question: ? only)")
    public var punctuation = Tokenizer.Punctuation.question
    @Option(name: "n", help: "swissroll, blobs3d, sphere: points to draw; every fifth is the test set", in: 5...1_000_000)
    public var points = 2000
    @Option(help: "swissroll, sphere: noise added to each coordinate (default 0); blobs3d: the blobs' standard deviation (default 1)", in: 0...100)
    public var noise: Float?
    @Option(help: "blobs3d: how many blobs", in: 1...100)
    public var centers = 4

    public init() {}

    /// The options the old `DataCatalog.load` parameters gave; set the others as properties.
    public init(train: Int? = nil, test: Int? = nil, seed: UInt64 = 0, testPath: String? = nil, scale: Scaling = .auto) {
        self.train = train
        self.test = test
        self.seed = seed
        self.testPath = testPath
        self.scale = scale
    }

    public static func == (a: DataOptions, b: DataOptions) -> Bool { a.optionTexts.elementsEqual(b.optionTexts, by: ==) }
}
