import CPNG
import CZlib
import Files
import Foundation

/// 8-bit grey or RGB PNG encoding and decoding through libpng's simplified API, with tEXt
/// metadata and atomic file writes.
public enum PNGFile {
    /// The metadata written when none is given.
    public static let defaultText: [(key: String, value: String)] = [("Software", "aelab")]

    /// The PNG bytes for `raster` (values clipped to 0...1, grey or RGB by channel count) with a
    /// tEXt chunk per entry of `text`, placed right after IHDR. Keywords are cut to 79 Latin-1
    /// characters; characters outside Latin-1 become "?".
    public static func encode(_ raster: Raster, text: [(key: String, value: String)] = defaultText) throws -> [UInt8] {
        guard !raster.isEmpty else { throw RenderError.pngEncode("empty image (\(raster.width)×\(raster.height))") }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(raster.width)
        image.height = UInt32(raster.height)
        image.format = raster.channels == 3 ? UInt32(PNG_FORMAT_FLAG_COLOR) : 0
        let pixels = raster.bytes
        var size: png_alloc_size_t = 0
        // First call measures, second writes.
        guard png_image_write_to_memory(&image, nil, &size, 0, pixels, 0, nil) != 0, size > 0 else {
            throw RenderError.pngEncode(message(of: &image))
        }
        var png = [UInt8](repeating: 0, count: Int(size))
        let ok = png.withUnsafeMutableBytes {
            png_image_write_to_memory(&image, $0.baseAddress, &size, 0, pixels, 0, nil)
        }
        guard ok != 0 else { throw RenderError.pngEncode(message(of: &image)) }
        png.removeSubrange(Int(size)...)
        return try insertText(text, into: png)
    }

    /// Decodes PNG bytes of any colour type to 8-bit grey (for grey sources) or RGB; alpha is
    /// composited on white. `source` names the origin in errors.
    public static func decode(_ bytes: [UInt8], source: String = "memory") throws -> Raster {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw RenderError.pngDecode(source: source, reason: message(of: &image)) }
        let color = image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0
        image.format = color ? UInt32(PNG_FORMAT_FLAG_COLOR) : 0
        let channels = color ? 3 : 1
        let width = Int(image.width), height = Int(image.height)
        guard width > 0, height > 0, width * height <= 1 << 28 else {
            png_image_free(&image)
            throw RenderError.pngDecode(source: source, reason: "unreasonable size \(width)×\(height)")
        }
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        var white = png_color(red: 255, green: 255, blue: 255)
        let finished = bytes.withUnsafeBytes { _ in
            pixels.withUnsafeMutableBytes { png_image_finish_read(&image, &white, $0.baseAddress, 0, nil) }
        }
        guard finished != 0 else { throw RenderError.pngDecode(source: source, reason: message(of: &image)) }
        return Raster(width: width, height: height, channels: channels, bytes: pixels)!
    }

    /// Encodes and writes atomically (see `AtomicFile`), creating missing parent folders.
    /// - Returns: the folder it had to create, if any.
    @discardableResult
    public static func write(_ raster: Raster, to path: String, text: [(key: String, value: String)] = defaultText) throws -> String? {
        let png = try encode(raster, text: text)
        do {
            return try AtomicFile.write(png, to: path)
        } catch let error as FileError {
            throw RenderError.cannotWrite(path: error.path, reason: error.reason)
        }
    }

    /// Reads and decodes a PNG file.
    public static func read(_ path: String) throws -> Raster {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RenderError.cannotRead(path: path, reason: "no such file or not readable")
        }
        return try decode([UInt8](data), source: path)
    }

    static func message(of image: inout png_image) -> String {
        let text = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        png_image_free(&image)
        return text.isEmpty ? "libpng gave no reason" : text
    }

    /// `png` with one tEXt chunk per entry inserted after the IHDR chunk.
    static func insertText(_ text: [(key: String, value: String)], into png: [UInt8]) throws -> [UInt8] {
        guard !text.isEmpty else { return png }
        // Signature (8) + IHDR length (4) + "IHDR" (4) + 13 data bytes + CRC (4).
        guard png.count >= 33, Array(png[12..<16]) == Array("IHDR".utf8) else {
            throw RenderError.pngEncode("encoded stream does not start with IHDR")
        }
        var out = Array(png[0..<33])
        for (key, value) in text {
            let keyword = latin1(key).prefix(79).filter { $0 != 0 }
            guard !keyword.isEmpty else { continue }
            out += chunk("tEXt", Array(keyword) + [0] + latin1(value).filter { $0 != 0 })
        }
        out += png[33...]
        return out
    }

    static func latin1(_ s: String) -> [UInt8] {
        s.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") }
    }

    /// A chunk: big-endian length, type, data, CRC-32 of type and data.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        let crc = body.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc)
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}
