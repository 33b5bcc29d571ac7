/// What went wrong reading a data set, with the file and enough detail to fix it.
public enum DataError: Error, CustomStringConvertible, Equatable {
    case fileNotFound(String)
    case unreadable(String, reason: String)
    case corruptGzip(String, reason: String)
    case truncated(String, expectedBytes: Int, actualBytes: Int)
    case badIDXHeader(String, reason: String)
    case badCSV(String, line: Int, reason: String)
    case mismatch(String)
    case unknownDataSet(String, hint: String)
    /// More data, classes or bytes than aelab loads, or a size that overflows.
    case tooLarge(String, reason: String)
    /// Labels that cannot be classes (not whole numbers, too many of them).
    case badLabels(String, reason: String)
    /// Values that cannot be used (NaN, infinities, out of the range a scaling promises).
    case badValues(String, reason: String)
    /// Too few examples to make both a training and a test set.
    case tooFewExamples(String, reason: String)
    /// A line of a text file that cannot be read.
    case badText(String, line: Int, reason: String)
    /// An option out of range or of the wrong form.
    case badOption(String, reason: String)
    /// Texts that leave too few words for a vocabulary.
    case badVocabulary(String, reason: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file"
        case let .unreadable(path, reason):
            return "\(path): cannot read (\(reason))"
        case let .corruptGzip(path, reason):
            return "\(path): corrupt gzip data (\(reason))"
        case let .truncated(path, expected, actual):
            return "\(path): truncated, the header promises \(expected) bytes of data but the file holds \(actual)"
        case let .badIDXHeader(path, reason):
            return "\(path): not an IDX file (\(reason))"
        case let .badCSV(path, line, reason), let .badText(path, line, reason):
            return "\(path):\(line): \(reason)"
        case .mismatch(let message):
            return message
        case let .unknownDataSet(name, hint):
            return "unknown data set '\(name)'; \(hint)"
        case let .tooLarge(path, reason):
            return "\(path): too large, \(reason)"
        case let .badLabels(path, reason), let .badValues(path, reason), let .tooFewExamples(path, reason), let .badVocabulary(path, reason):
            return "\(path): \(reason)"
        case let .badOption(name, reason):
            return "option \(name): \(reason)"
        }
    }
}

/// The most any file or option may ask aelab to hold, checked before anything is allocated.
public enum DataLimits {
    /// Bytes of decoded data (an IDX array, an inflated file): 1 GiB, 20 times Fashion-MNIST.
    public static let maxBytes = 1 << 30
    /// Distinct labels: more than this is an ID column, not classes.
    public static let maxClasses = 10_000
}
