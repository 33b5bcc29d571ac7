// A colour map travels as its lower-case name: "gray", "viridis", "gnuplot2".

extension ColorMap: Codable {
    /// Reads a name in any case, so files that spelled it "Viridis" still read.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let map = ColorMap(name: name) else {
            let known = ColorMap.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown colour map '\(name)'; expected one of \(known)")
        }
        self = map
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
