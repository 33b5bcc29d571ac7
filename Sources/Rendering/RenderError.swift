/// Why a picture could not be written or read.
public enum RenderError: Error, CustomStringConvertible, Equatable {
    /// A file could not be opened, written or renamed; `reason` is the system's message.
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    /// libpng refused to encode the raster.
    case pngEncode(String)
    /// The bytes are not a PNG libpng can read; `source` names the file or "memory".
    case pngDecode(source: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "cannot write \(path): \(reason)"
        case let .cannotRead(path, reason): return "cannot read \(path): \(reason)"
        case let .pngEncode(reason): return "PNG encoding failed: \(reason)"
        case let .pngDecode(source, reason): return "cannot decode PNG \(source): \(reason)"
        }
    }
}
