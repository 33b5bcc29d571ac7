import CPNG
import CZlib
import Files
import Foundation

/// 8-bit grey or RGB PNG encoding and decoding through libpng's simplified API, with UTF-8
/// iTXt metadata and atomic file writes.
public enum PNGFile {
    /// The metadata written when none is given.
    public static let defaultText: [(key: String, value: String)] = [("Software", "aelab")]

    /// The most pixels a PNG may have to be decoded: 50 megapixels is 600 MB as float RGB.
    public static let maxPixels = 50_000_000

    /// The largest PNG file read, checked before reading it all.
    public static let maxFileBytes = 256 << 20

    /// The PNG bytes for `raster` (values clipped to 0...1, grey or RGB by channel count) with a
    /// UTF-8 iTXt chunk per entry of `text`, placed right after IHDR, so "784→64→2" and
    /// "μ, log σ²" survive. Keywords must be Latin-1 (cut to 79 characters; other characters
    /// become "?"); the text may be any Unicode.
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

    /// Decodes PNG bytes of any colour type and depth to 8-bit grey (for grey sources) or RGB;
    /// alpha is composited on white. Sixteen-bit samples are read as the sRGB values they hold
    /// (libpng would otherwise take them for linear light and brighten mid-grey 128 to 186).
    /// Pictures over `maxPixels` are refused from their header, before any allocation.
    /// `source` names the origin in errors.
    public static func decode(_ bytes: [UInt8], source: String = "memory") throws -> Raster {
        let (width, height) = try checkedSize(bytes, source: source)
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw RenderError.pngDecode(source: source, reason: message(of: &image)) }
        image.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB)
        let color = image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0
        image.format = color ? UInt32(PNG_FORMAT_FLAG_COLOR) : 0
        let channels = color ? 3 : 1
        guard Int(image.width) == width, Int(image.height) == height else {
            png_image_free(&image)
            throw RenderError.pngDecode(source: source, reason: "libpng read a different size than the header gives")
        }
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        var white = png_color(red: 255, green: 255, blue: 255)
        let finished = bytes.withUnsafeBytes { _ in
            pixels.withUnsafeMutableBytes { png_image_finish_read(&image, &white, $0.baseAddress, 0, nil) }
        }
        guard finished != 0 else { throw RenderError.pngDecode(source: source, reason: message(of: &image)) }
        return Raster(width: width, height: height, channels: channels, bytes: pixels)!
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The width and height in the IHDR chunk, checked against `maxPixels`; errors in words
    /// for empty files, other formats and cut-off headers.
    static func checkedSize(_ bytes: [UInt8], source: String) throws -> (width: Int, height: Int) {
        func fail(_ reason: String) -> RenderError { .pngDecode(source: source, reason: reason) }
        guard !bytes.isEmpty else { throw fail("the file is empty (0 bytes)") }
        guard bytes.starts(with: signature) else {
            if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { throw fail("this is a JPEG, not a PNG") }
            if bytes.starts(with: Array("GIF8".utf8)) { throw fail("this is a GIF, not a PNG") }
            throw fail("not a PNG: it does not start with the PNG signature")
        }
        // Signature (8), IHDR length (4) and type (4), then width and height, big-endian.
        guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            throw fail("cut off or damaged: no IHDR chunk after the signature (\(bytes.count) bytes)")
        }
        func u32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        let width = u32(16), height = u32(20)
        guard width > 0, height > 0 else { throw fail("the header gives a size of \(width)×\(height)") }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)  // 2³² × 2³² would not fit
        guard !overflow, pixels <= maxPixels else {
            let megapixels = Int((Double(width) * Double(height) / 1e6).rounded())
            throw fail("\(width)×\(height) is \(megapixels) megapixels; aelab reads PNGs of up to \(maxPixels / 1_000_000)")
        }
        return (width, height)
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

    /// Reads and decodes a PNG file of at most `maxFileBytes`.
    public static func read(_ path: String) throws -> Raster {
        let bytes: [UInt8]
        do {
            bytes = try BoundedRead.bytes(path, limit: maxFileBytes, what: "a PNG")
        } catch let error as FileError {
            throw RenderError.cannotRead(path: error.path, reason: error.reason)
        }
        return try decode(bytes, source: path)
    }

    static func message(of image: inout png_image) -> String {
        let text = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        png_image_free(&image)
        return text.isEmpty ? "libpng gave no reason" : text
    }

    /// `png` with one iTXt chunk per entry inserted after the IHDR chunk: keyword, a zero,
    /// compression flag and method 0, empty language tag and translated keyword (each ended by
    /// a zero), then the text in UTF-8.
    static func insertText(_ text: [(key: String, value: String)], into png: [UInt8]) throws -> [UInt8] {
        guard !text.isEmpty else { return png }
        // Signature (8) + IHDR length (4) + "IHDR" (4) + 13 data bytes + CRC (4).
        guard png.count >= 33, Array(png[12..<16]) == Array("IHDR".utf8) else {
            throw RenderError.pngEncode("encoded stream does not start with IHDR")
        }
        var out = Array(png[0..<33])
        for (key, value) in text {
            let keyword = self.keyword(key)
            guard !keyword.isEmpty else { continue }
            out += chunk("iTXt", keyword + [0, 0, 0, 0, 0] + Array(value.utf8))
        }
        out += png[33...]
        return out
    }

    /// A PNG keyword: printable Latin-1 ("?" for other characters), spaces collapsed and
    /// trimmed as the specification asks, at most 79 bytes.
    static func keyword(_ key: String) -> [UInt8] {
        let words = key.split(separator: " ").joined(separator: " ")
        let bytes = words.unicodeScalars.map { s -> UInt8 in
            (32...126).contains(s.value) || (161...255).contains(s.value) ? UInt8(s.value) : UInt8(ascii: "?")
        }
        return Array(bytes.prefix(79))
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
