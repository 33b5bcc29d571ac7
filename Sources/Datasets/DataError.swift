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
        case let .badCSV(path, line, reason):
            return "\(path):\(line): \(reason)"
        case .mismatch(let message):
            return message
        case let .unknownDataSet(name, hint):
            return "unknown data set '\(name)'; \(hint)"
        }
    }
}
