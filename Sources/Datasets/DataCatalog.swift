import Foundation

/// The data sets aelab knows by name, and loading any IDX or CSV file by path.
public enum DataCatalog {
    /// Where Debian's `dataset-fashion-mnist` puts its files.
    public static let fashionDirectory = "/usr/share/datasets/fashion-mnist"
    public static let names = ["mnist", "fashion"]

    static let digitNames = (0...9).map(String.init)
    static let fashionNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    /// Loads a data set by name (`mnist`, `fashion`) or by path to an IDX images file or a CSV.
    ///
    /// - Parameters:
    ///   - train: how many training examples to keep, drawn under `seed` (nil: all).
    ///   - test: how many test examples to keep, the first ones, as the seed does (nil: all).
    public static func load(_ name: String, train: Int? = nil, test: Int? = nil, seed: UInt64 = 0,
                            testPath: String? = nil) throws -> DataSplit {
        var split: DataSplit
        switch name {
        case "mnist":
            let dir = try assetsDirectory().appending("/mnist")
            split = DataSplit(
                train: try idx(images: dir + "/train-5k-images-idx3-ubyte.gz", labels: dir + "/train-5k-labels-idx1-ubyte.gz", name: "mnist", classNames: digitNames),
                test: try idx(images: dir + "/t10k-images-idx3-ubyte.gz", labels: dir + "/t10k-labels-idx1-ubyte.gz", name: "mnist", classNames: digitNames))
        case "fashion":
            let dir = fashionDirectory
            guard FileManager.default.fileExists(atPath: dir + "/train-images-idx3-ubyte.gz") else {
                throw DataError.unknownDataSet("fashion", hint: "Fashion-MNIST is not installed; install it with: apt-get install dataset-fashion-mnist")
            }
            split = DataSplit(
                train: try idx(images: dir + "/train-images-idx3-ubyte.gz", labels: dir + "/train-labels-idx1-ubyte.gz", name: "fashion", classNames: fashionNames),
                test: try idx(images: dir + "/t10k-images-idx3-ubyte.gz", labels: dir + "/t10k-labels-idx1-ubyte.gz", name: "fashion", classNames: fashionNames))
        default:
            guard name.contains("/") || name.contains(".") else {
                throw DataError.unknownDataSet(name, hint: "known sets are \(names.joined(separator: ", ")), or give a path to an IDX or CSV file or a folder of PNG images")
            }
            let whole = try file(name)
            if let testPath {
                split = DataSplit(train: whole, test: try file(testPath))
            } else {
                // One file: hold out every fifth example as the test set, deterministically.
                let all = Array(0..<whole.count)
                split = DataSplit(train: whole.subset(all.filter { $0 % 5 != 4 }), test: whole.subset(all.filter { $0 % 5 == 4 }))
            }
        }
        if let train { split.train = split.train.sample(train, seed: seed) }
        if let test { split.test = split.test.prefix(test) }
        return split
    }

    /// An IDX images file, a CSV file with a label column, or a folder of PNG images.
    public static func file(_ path: String) throws -> Dataset {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return try PNGFolder.read(path)
        }
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".csv.gz") { return try CSVReader.read(path) }
        let labels = [("images-idx3", "labels-idx1"), ("images.idx3", "labels.idx1"), ("-images", "-labels")]
            .lazy.compactMap { pair in path.contains(pair.0) ? path.replacingOccurrences(of: pair.0, with: pair.1) : nil }
            .first { FileManager.default.fileExists(atPath: $0) }
        let name = URL(fileURLWithPath: path).lastPathComponent
        return try idx(images: path, labels: labels, name: name, classNames: nil)
    }

    /// Images from an IDX file of bytes ([n, h, w] or [n, features]) with optional labels.
    public static func idx(images: String, labels: String?, name: String, classNames: [String]?) throws -> Dataset {
        let imageArray = try IDXArray.read(images)
        guard imageArray.shape.count >= 2 else {
            throw DataError.badIDXHeader(images, reason: "\(imageArray.shape.count) axis; images need at least 2 (count, features)")
        }
        let shape = Array(imageArray.shape.dropFirst())
        let values: Dataset.Values = imageArray.bytes.map { .bytes($0) } ?? .floats(imageArray.floats ?? [])
        var labelValues: [Int]?
        if let labels {
            let labelArray = try IDXArray.read(labels)
            guard labelArray.shape.count == 1 else {
                throw DataError.badIDXHeader(labels, reason: "labels need 1 axis, the file has \(labelArray.shape.count)")
            }
            guard labelArray.shape[0] == imageArray.shape[0] else {
                throw DataError.mismatch("\(labels): \(labelArray.shape[0]) labels for the \(imageArray.shape[0]) images in \(images)")
            }
            labelValues = labelArray.bytes.map { $0.map(Int.init) } ?? labelArray.floats!.map { Int($0) }
        }
        let classes = classNames ?? (0...(labelValues?.max() ?? 0)).map(String.init)
        return Dataset(name: name, values: values, labels: labelValues, exampleShape: shape, classNames: classes)
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
