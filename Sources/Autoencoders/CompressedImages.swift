import Files
import Foundation
import Networks
import Tensors

/// A file of images compressed by an autoencoder (`.aez`): their codes, quantised to 8 or 16
/// bits with a minimum and maximum per feature, and the decoder that turns codes back into
/// images — its layers and weights, or the path of a model saved with `save` and that file's
/// SHA-256. The file describes itself:
///
///     8 bytes   the signature 89 'A' 'E' 'Z' 0D 0A 1A 0A (PNG's trick: a text-mode copy breaks it)
///     4 bytes   the header's length H, little-endian
///     H bytes   the header, JSON: format name and version, the images, the codes' table, the decoder
///     …         the codes, row after row, `bits / 8` bytes a value, little-endian
///     …         the decoder's weights as safetensors (when embedded)
///     32 bytes  the SHA-256 of everything before it
///
/// Quantising and dequantising is the caller's (Analysis.Quantizer); this type keeps the bytes.
public struct CompressedImages {
    public static let format = "aelab-compressed-images"
    public static let version = 1
    static let signature: [UInt8] = [0x89, 0x41, 0x45, 0x5A, 0x0D, 0x0A, 0x1A, 0x0A]
    /// Headers longer than this are not aelab's (the tables of 65,536 features take 1.5 MB).
    static let maxHeaderBytes = 64 << 20
    /// Files larger than this are refused before they are read.
    public static let maxFileBytes = 6 << 30

    /// What the JSON header holds.
    public struct Header: Codable, Equatable, Sendable {
        public var format = CompressedImages.format
        public var version = CompressedImages.version
        public var images: Images
        public var codes: Codes
        public var decoder: Decoder

        public init(images: Images, codes: Codes, decoder: Decoder) {
            self.images = images
            self.codes = codes
            self.decoder = decoder
        }
    }

    /// The images the codes stand for.
    public struct Images: Codable, Equatable, Sendable {
        public var count: Int
        public var height: Int
        public var width: Int
        /// Where they came from ("mnist test"), and the data set's checksum, so that the
        /// rebuilt images can be compared with the originals when those are loaded.
        public var source: String
        public var checksum: String

        public init(count: Int, height: Int, width: Int, source: String, checksum: String) {
            self.count = count
            self.height = height
            self.width = width
            self.source = source
            self.checksum = checksum
        }
    }

    /// The quantised codes' shape and the table that turns them back into numbers.
    public struct Codes: Codable, Equatable, Sendable {
        public var width: Int
        public var bits: Int
        public var minimums: [Float]
        public var maximums: [Float]

        public init(width: Int, bits: Int, minimums: [Float], maximums: [Float]) {
            self.width = width
            self.bits = bits
            self.minimums = minimums
            self.maximums = maximums
        }
    }

    /// The decoder: its layers always, its weights in the file or in a saved model.
    public struct Decoder: Codable, Equatable, Sendable {
        /// The model's one-line description, for people reading the header.
        public var model: String
        public var layers: [LayerSpec]
        /// Bytes of the embedded safetensors weights; nil when they are referred to.
        public var embeddedBytes: Int?
        /// A model saved with `save` (its .safetensors file) and that file's SHA-256.
        public var path: String?
        public var sha256: String?

        public init(model: String, layers: [LayerSpec], embeddedBytes: Int? = nil, path: String? = nil, sha256: String? = nil) {
            self.model = model
            self.layers = layers
            self.embeddedBytes = embeddedBytes
            self.path = path
            self.sha256 = sha256
        }
    }

    public var header: Header
    /// The quantised codes, `bits / 8` bytes a value, little-endian, row-major.
    public var payload: [UInt8]
    /// The decoder, built from the header's layers with the file's (or the saved model's) weights.
    public var decoder: Sequential

    /// The file's bytes for `header`, `payload` and `decoder`, whose weights are embedded
    /// unless the header refers to a saved model. `header.decoder.embeddedBytes` is filled in.
    public static func encode(header: Header, payload: [UInt8], decoder: Sequential) throws -> [UInt8] {
        var header = header
        var weights: [UInt8] = []
        if header.decoder.path == nil {
            weights = SafeTensors.encode(decoder.parameters.map { ($0.name, $0.shape, UnsafeBufferPointer(start: $0.data, count: $0.count)) },
                                         metadata: ["format": "aelab", "part": "decoder"])
            header.decoder.embeddedBytes = weights.count
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(header)
        var out = signature
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { out += $0 }
        out += json
        out += payload
        out += weights
        out += SHA256.hash(out)
        return out
    }

    /// Writes the file atomically; returns its size and the folder it had to create, if any.
    public static func write(header: Header, payload: [UInt8], decoder: Sequential, to path: String) throws -> (bytes: Int, created: String?) {
        let bytes = try encode(header: header, payload: payload, decoder: decoder)
        let created = try AtomicFile.write(bytes, to: path)
        return (bytes.count, created)
    }

    /// Reads and checks a file written by `write`: a foreign, truncated or corrupt file, or one
    /// whose referred decoder has changed since, is refused with a `FileError` saying which.
    public static func read(_ path: String) throws -> CompressedImages {
        let bytes = try BoundedRead.bytes(path, limit: maxFileBytes, what: "a compressed-images file")
        return try decode(bytes, path: path)
    }

    /// The file's parts from its bytes, each checked before it is used.
    public static func decode(_ bytes: [UInt8], path: String) throws -> CompressedImages {
        func fail(_ reason: String) -> FileError { FileError(path: path, reason: reason) }
        guard bytes.count >= signature.count, Array(bytes[0..<signature.count]) == signature else {
            throw fail("is not an aelab compressed-images file (.aez): it does not start with the AEZ signature")
        }
        guard bytes.count >= 12 else { throw fail("is truncated: it ends inside its header length, after \(bytes.count) bytes") }
        let headerLength = bytes[8..<12].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard headerLength <= maxHeaderBytes else { throw fail("is corrupt: its header length \(headerLength) is larger than any aelab writes") }
        guard 12 + headerLength <= bytes.count else {
            throw fail("is truncated: its header promises \(headerLength) bytes, only \(bytes.count - 12) follow")
        }
        let intact = bytes.count >= 12 + 32 && SHA256.hash(bytes[0..<(bytes.count - 32)]) == Array(bytes[(bytes.count - 32)...])
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[12..<(12 + headerLength)]))
        } catch {
            if let other = (try? JSONSerialization.jsonObject(with: Data(bytes[12..<(12 + headerLength)]))) as? [String: Any],
               let format = other["format"] as? String, format == Self.format, let version = other["version"] as? Int, version != Self.version {
                throw fail("is \(Self.format) version \(version); this aelab reads version \(Self.version)")
            }
            throw fail(intact ? "has a header aelab cannot read: \(Checkpoint.describe(error))" : "is corrupt: its header does not read as JSON")
        }
        guard header.format == Self.format else { throw fail("is a '\(header.format)' file, not \(Self.format)") }
        guard header.version == Self.version else { throw fail("is \(Self.format) version \(header.version); this aelab reads version \(Self.version)") }
        let codes = header.codes, images = header.images
        guard codes.bits == 8 || codes.bits == 16 else { throw fail("holds codes of \(codes.bits) bits; aelab writes 8 or 16") }
        guard codes.width >= 1, images.count >= 1, images.height >= 1, images.width >= 1,
              case let (values, false) = images.count.multipliedReportingOverflow(by: codes.width),
              case let (payloadBytes, false) = values.multipliedReportingOverflow(by: codes.bits / 8),
              case (_, false) = images.height.multipliedReportingOverflow(by: images.width) else {
            throw fail("is corrupt: its header gives \(images.count) images of \(images.height)×\(images.width) with codes of \(codes.width) values")
        }
        guard codes.minimums.count == codes.width, codes.maximums.count == codes.width,
              zip(codes.minimums, codes.maximums).allSatisfy({ $0.isFinite && $1.isFinite && $0 <= $1 }) else {
            throw fail("is corrupt: its table needs a finite minimum ≤ maximum for each of the \(codes.width) code features")
        }
        let weightsBytes = header.decoder.embeddedBytes ?? 0
        guard weightsBytes >= 0, (header.decoder.embeddedBytes == nil) != (header.decoder.path == nil) else {
            throw fail("is corrupt: its decoder must be either embedded or a path to a saved model")
        }
        let expected = 12 + headerLength + payloadBytes + weightsBytes + 32
        guard bytes.count >= expected else { throw fail("is truncated: its header describes \(expected) bytes, the file has \(bytes.count)") }
        guard bytes.count == expected else { throw fail("is corrupt: it has \(bytes.count - expected) bytes after its end") }
        guard intact else { throw fail("is corrupt: the SHA-256 of its contents is not the one it ends with") }

        let payloadStart = 12 + headerLength
        let payload = Array(bytes[payloadStart..<(payloadStart + payloadBytes)])
        let decoder: Sequential
        if let reference = header.decoder.path {
            decoder = try referredDecoder(reference, header: header, path: path)
        } else {
            let weights = Array(bytes[(payloadStart + payloadBytes)..<(payloadStart + payloadBytes + weightsBytes)])
            decoder = try embeddedDecoder(weights, header: header, path: path)
        }
        return CompressedImages(header: header, payload: payload, decoder: decoder)
    }

    /// The decoder built from the header's layers, with the file's own weights.
    static func embeddedDecoder(_ weights: [UInt8], header: Header, path: String) throws -> Sequential {
        let decoder = try buildDecoder(header, path: path)
        let tensors: [String: (shape: [Int], values: [Float])]
        do { tensors = try SafeTensors.decode(weights, path: path).tensors } catch {
            throw FileError(path: path, reason: "has decoder weights that do not read: \(error)")
        }
        for p in decoder.parameters {
            guard let saved = tensors[p.name], saved.shape == p.shape, saved.values.allSatisfy(\.isFinite) else {
                throw FileError(path: path, reason: "has decoder weights that do not fit its layers (tensor '\(p.name)')")
            }
            saved.values.withUnsafeBufferPointer { p.data.update(from: $0.baseAddress!, count: p.count) }
        }
        return decoder
    }

    /// The decoder of the saved model the header names, after checking that it is the same file.
    static func referredDecoder(_ reference: String, header: Header, path: String) throws -> Sequential {
        let weightsPath = Checkpoint.paths(reference).weights
        let saved = try BoundedRead.bytes(weightsPath, limit: Checkpoint.maxWeightsBytes, what: "a model's weights")
        let hash = SHA256.hex(saved)
        guard hash == header.decoder.sha256 else {
            throw FileError(path: path, reason: "was made by a different decoder: \(weightsPath) has changed since (its SHA-256 is \(hash.prefix(12))…, the file was written with \((header.decoder.sha256 ?? "none").prefix(12))…); compress the images again")
        }
        let model = try Checkpoint.load(reference)
        guard model.decoder.specs == header.decoder.layers, model.codeWidth == header.codes.width else {
            throw FileError(path: path, reason: "names \(weightsPath) as its decoder, but that model's decoder has other layers")
        }
        try checkOutput(model.decoder, header: header, path: path)
        return model.decoder
    }

    /// The decoder the header's layers describe, with fresh weights, checked to turn codes into images.
    static func buildDecoder(_ header: Header, path: String) throws -> Sequential {
        var random = Random(seed: 0)
        let decoder: Sequential
        do {
            decoder = try Sequential(name: "decoder", inputShape: [header.codes.width], specs: header.decoder.layers, random: &random)
        } catch {
            throw FileError(path: path, reason: "has decoder layers that do not build: \(error)")
        }
        try checkOutput(decoder, header: header, path: path)
        return decoder
    }

    static func checkOutput(_ decoder: Sequential, header: Header, path: String) throws {
        let pixels = header.images.height * header.images.width
        guard decoder.outputShape.reduce(1, *) == pixels else {
            throw FileError(path: path, reason: "has a decoder that gives \(decoder.outputShape.reduce(1, *)) values, not the \(pixels) pixels of its images")
        }
    }
}
