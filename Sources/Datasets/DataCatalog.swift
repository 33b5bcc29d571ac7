import Foundation

/// The data sets aelab knows by name, and loading IDX, CSV and text files and PNG folders by path.
public enum DataCatalog {
    /// Where Debian's `dataset-fashion-mnist` puts its files.
    public static let fashionDirectory = "/usr/share/datasets/fashion-mnist"
    /// The names `load` knows (anything else is a path).
    public static let names = ["mnist", "fashion", "trec"] + SyntheticSets.names

    static let digitNames = (0...9).map(String.init)
    static let fashionNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    /// Loads a data set by name or by path to an IDX images file, a CSV or text file, or a
    /// folder of PNG images.
    ///
    /// - Parameters:
    ///   - train: how many training examples to keep, drawn under `seed` (nil: all).
    ///   - test: how many test examples to keep, the first ones, as the seed does (nil: all).
    public static func load(_ name: String, train: Int? = nil, test: Int? = nil, seed: UInt64 = 0,
                            testPath: String? = nil) throws -> DataSplit {
        try load(name, options: DataOptions(train: train, test: test, seed: seed, testPath: testPath))
    }

    /// Loads a data set by name or path with `options`; `DataSplit.notes` says how it was read.
    ///
    /// Every failure is one `DataError` line: a file that cannot be read, a split that would be
    /// empty, a test file that does not match the training file, an option out of range.
    public static func load(_ name: String, options: DataOptions) throws -> DataSplit {
        let options = try options.validated(command: "data")
        switch name {
        case "mnist":
            let dir = try assetsDirectory().appending("/mnist")
            return try imageSet(dir, train: "train-5k", names: digitNames, name: "mnist", options: options)
        case "fashion":
            guard FileManager.default.fileExists(atPath: fashionDirectory + "/train-images-idx3-ubyte.gz") else {
                throw DataError.unknownDataSet("fashion", hint: "Fashion-MNIST is not installed; install it with: apt-get install dataset-fashion-mnist")
            }
            return try imageSet(fashionDirectory, train: "train", names: fashionNames, name: "fashion", options: options)
        case "trec":
            // Li & Roth's question classification set: 5,452 training and 499 test questions.
            let dir = try assetsDirectory().appending("/trec")
            return try TextCorpus.split(train: TextCorpus.read(dir + "/train_5500.label"), test: TextCorpus.read(dir + "/TREC_10.label"),
                                        name: "trec", options: options)
        case _ where SyntheticSets.names.contains(name):
            return try SyntheticSets.load(name, options: options)
        default:
            // A bare name is a path when such a file or folder exists (`data pics`, `data x-images-idx3-ubyte`).
            guard name.contains("/") || name.contains(".") || FileManager.default.fileExists(atPath: name) else {
                throw DataError.unknownDataSet(name, hint: "known sets are \(names.joined(separator: ", ")), or give a path to an IDX, CSV or text file or a folder of PNG images")
            }
            if TextCorpus.isTextPath(name) {
                if let testPath = options.testPath, !TextCorpus.isTextPath(testPath) {
                    throw DataError.mismatch("\(testPath): the training data \(name) is text, so the test file must be a text file too (.txt or .label)")
                }
                return try TextCorpus.split(train: TextCorpus.read(name), test: options.testPath.map(TextCorpus.read),
                                            name: URL(fileURLWithPath: name).lastPathComponent, options: options)
            }
            if let testPath = options.testPath, TextCorpus.isTextPath(testPath) {
                throw DataError.mismatch("\(testPath): a text file cannot be the test set of \(name), which is not text")
            }
            let train = try raw(name, options: options)
            let test = try options.testPath.map { try raw($0, options: options) }
            return try split(train: train, test: test, options: options)
        }
    }

    /// An IDX images file, a CSV file with a label column, or a folder of PNG images.
    public static func file(_ path: String) throws -> Dataset {
        try Assembly.finish([raw(path, options: DataOptions())], scale: .auto).sets[0]
    }

    /// Images from an IDX file of bytes ([n, h, w] or [n, features]) with optional labels.
    public static func idx(images: String, labels: String?, name: String, classNames: [String]?) throws -> Dataset {
        try Assembly.finish([rawIDX(images: images, labels: labels, name: name)], classNames: classNames, scale: .auto).sets[0]
    }

    /// MNIST-like IDX files: `<train>-images-idx3-ubyte.gz` and `t10k-…` in `dir`.
    static func imageSet(_ dir: String, train: String, names: [String], name: String, options: DataOptions) throws -> DataSplit {
        var trainSet = try rawIDX(images: "\(dir)/\(train)-images-idx3-ubyte.gz", labels: "\(dir)/\(train)-labels-idx1-ubyte.gz", name: name)
        var testSet = try rawIDX(images: "\(dir)/t10k-images-idx3-ubyte.gz", labels: "\(dir)/t10k-labels-idx1-ubyte.gz", name: name)
        trainSet.isPixels = true
        testSet.isPixels = true
        trainSet.notes = ["read: \(trainSet.count) training and \(testSet.count) test images from \(dir)"]
        testSet.notes = []
        return try split(train: trainSet, test: testSet, classNames: names, options: options)
    }

    /// The examples of one file or folder, by its kind.
    static func raw(_ path: String, options: DataOptions) throws -> RawExamples {
        if PNGFolder.isFolder(path) { return try PNGFolder.raw(path, size: options.imageSize) }
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".csv.gz") { return try CSVReader.raw(path) }
        let labels = [("images-idx3", "labels-idx1"), ("images.idx3", "labels.idx1"), ("-images", "-labels")]
            .lazy.compactMap { pair in path.contains(pair.0) ? path.replacingOccurrences(of: pair.0, with: pair.1) : nil }
            .first { FileManager.default.fileExists(atPath: $0) }
        return try rawIDX(images: path, labels: labels, name: URL(fileURLWithPath: path).lastPathComponent)
    }

    /// A training set and a test set from raw examples: the test file, or every fifth example of
    /// the one file; scaled and labelled alike; then `train=` and `test=` applied.
    static func split(train: RawExamples, test: RawExamples?, classNames: [String]? = nil, options: DataOptions) throws -> DataSplit {
        var notes = [String]()
        var split: DataSplit
        if let test {
            guard train.features == test.features else {
                throw DataError.mismatch("\(test.source): \(test.features) values an example, but the training data \(train.source) has \(train.features); the test file must match it")
            }
            let (sets, shared) = try Assembly.finish([train, test], classNames: classNames, scale: options.scale)
            split = DataSplit(train: sets[0], test: sets[1])
            split.test.exampleShape = split.train.exampleShape
            notes += test.notes.isEmpty ? train.notes : prefixNotes(train.notes, role: "train") + prefixNotes(test.notes, role: "test")
            notes += shared
        } else {
            guard train.count >= 5 else {
                throw DataError.tooFewExamples(train.source, reason: "\(train.count) example\(train.count == 1 ? "" : "s"); holding out every fifth as the test set needs at least 5 (or name a test file with testfile=)")
            }
            let (sets, shared) = try Assembly.finish([train], classNames: classNames, scale: options.scale)
            let whole = sets[0]
            let all = Array(0..<whole.count)
            split = DataSplit(train: whole.subset(all.filter { $0 % 5 != 4 }), test: whole.subset(all.filter { $0 % 5 == 4 }))
            notes += train.notes
            notes.append("test: every fifth example held out, \(split.test.count) of \(whole.count); \(split.train.count) left to train on")
            notes += shared
        }
        applyCounts(&split, options: options, notes: &notes)
        split.notes = notes
        return split
    }

    /// `train=N` (drawn under the seed) and `test=N` (the first ones), with a note for each.
    static func applyCounts(_ split: inout DataSplit, options: DataOptions, notes: inout [String]) {
        if let n = options.train, n < split.train.count {
            notes.append("train=\(n): \(n) of \(split.train.count) training examples, drawn under seed \(options.seed)")
            split.train = split.train.sample(n, seed: options.seed)
        }
        if let n = options.test, n < split.test.count {
            notes.append("test=\(n): the first \(n) of \(split.test.count) test examples")
            split.test = split.test.prefix(n)
        }
    }

    /// Examples from an IDX file ([n, h, w] or [n, features]) with an optional IDX labels file.
    static func rawIDX(images: String, labels: String?, name: String) throws -> RawExamples {
        let imageArray = try IDXArray.read(images)
        guard imageArray.shape.count >= 2 else {
            throw DataError.badIDXHeader(images, reason: "\(imageArray.shape.count) axis; images need at least 2 (count, features)")
        }
        let n = imageArray.shape[0]
        let shape = Array(imageArray.shape.dropFirst())
        let features = shape.reduce(1, *)
        guard n > 0, features > 0 else {
            throw DataError.tooFewExamples(images, reason: "the header's shape \(imageArray.shape) holds no examples")
        }
        let values: RawExamples.Values
        switch imageArray.elements {
        case .bytes(let b): values = .bytes(b)
        case .integers(let v): values = .floats(v.map(Float.init))
        case .floats(let f):
            if let bad = f.firstIndex(where: { !$0.isFinite }) {
                throw DataError.badValues(images, reason: "example \(bad / features + 1), value \(bad % features + 1) is \(f[bad]); images must be finite numbers")
            }
            values = .floats(f)
        }
        var notes = ["read: IDX \(imageArray.shape.map(String.init).joined(separator: "×"))"]
        var labelValues: RawExamples.Labels?
        if let labels {
            let labelArray = try IDXArray.read(labels)
            guard labelArray.shape.count == 1 else {
                throw DataError.badIDXHeader(labels, reason: "labels need 1 axis, the file has \(labelArray.shape.count)")
            }
            guard labelArray.shape[0] == n else {
                throw DataError.mismatch("\(labels): \(labelArray.shape[0]) labels for the \(n) images in \(images)")
            }
            labelValues = .numbers(try wholeNumbers(labelArray.elements, source: labels))
            notes[0] += ", labels from \(URL(fileURLWithPath: labels).lastPathComponent)"
        } else {
            notes[0] += ", no labels file beside it, so unlabelled"
        }
        return RawExamples(name: name, source: images, values: values, exampleShape: shape, labels: labelValues, notes: notes)
    }

    /// IDX labels as whole numbers; NaN, fractions and values beyond 64 bits are refused.
    static func wholeNumbers(_ elements: IDXArray.Elements, source: String) throws -> [Int64] {
        switch elements {
        case .bytes(let b): return b.map(Int64.init)
        case .integers(let v): return v.map(Int64.init)
        case .floats(let f):
            return try f.enumerated().map { i, v in
                guard v == v.rounded(), abs(v) < 0x1p63 else {
                    throw DataError.badLabels(source, reason: "label \(v) (example \(i + 1)) is not a whole number that can name a class")
                }
                return Int64(v)
            }
        }
    }

    /// The folder holding aelab's shipped data: `$AELAB_ASSETS`, else `assets/` in the current
    /// folder, else the `assets/` of the checkout the executable was built in.
    public static func assetsDirectory() throws -> String {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["AELAB_ASSETS"], !env.isEmpty {
            guard fm.fileExists(atPath: env + "/mnist") else {
                throw DataError.fileNotFound("\(env)/mnist (from AELAB_ASSETS)")
            }
            return env
        }
        var candidates = [fm.currentDirectoryPath + "/assets"]
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
            for _ in 0..<5 {
                candidates.append(dir.path + "/assets")
                candidates.append(dir.path + "/share/aelab/assets")
                dir.deleteLastPathComponent()
            }
        }
        if let found = candidates.first(where: { fm.fileExists(atPath: $0 + "/mnist/train-5k-images-idx3-ubyte.gz") }) {
            return found
        }
        throw DataError.fileNotFound("assets/mnist (set AELAB_ASSETS to the folder that holds aelab's assets)")
    }
}
