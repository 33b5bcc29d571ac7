import Analysis
import Autoencoders
import Datasets
import Files
import Foundation
import Networks
import Options
import Rendering
import Tensors

/// How many bits each quantised code value takes.
enum CodeBits: String, ChoiceValue {
    case eight = "8", sixteen = "16"

    var count: Int { self == .eight ? 8 : 16 }
}

/// One compression measured in this notebook, a point of the rate–distortion chart.
struct RatePoint {
    /// The data set's checksum: points of other test sets are not drawn beside these.
    var data: String
    var bits: Int
    var width: Int
    var bytesPerImage: Double
    var psnr: Double
}

/// `compress FILE.aez`: the test images as quantised codes plus the decoder, beside PCA codes
/// of the same bytes and gzip of the raw images.
struct CompressCommand: NotebookCommand {
    static let name = "compress"
    static let summary = "write the test images as quantised codes plus the decoder (FILE.aez); PSNR beside PCA codes of the same bytes, size beside gzip"

    @Argument(name: "FILE.aez", help: "the file to write") var path: String?
    @Option(help: "bits per code value, each feature scaled between its own minimum and maximum") var bits = CodeBits.eight
    @Option(help: "refer to the model saved with 'save PATH' (the current one) and its SHA-256 instead of embedding the decoder")
    var decoder: String?

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard let path else { throw NotebookError.badArgument(command: Self.name, reason: "give a file name, e.g. compress out/test.aez") }
        guard path.lowercased().hasSuffix(".aez") else { throw NotebookError.badArgument(command: Self.name, reason: "'\(path)' should end in .aez") }
        let (data, model) = try kernel.requireFit(Self.name)
        let (height, width) = try kernel.imageSize(Self.name)
        try kernel.requireReconstruction(model, Self.name)
        let test = data.test
        guard test.count > 0 else { throw NotebookError.needs(command: Self.name, what: "the test set is empty; there is nothing to compress") }
        let reference = try decoder.map { try referenceCheck($0, model: model) }

        let codes = model.encode(test)
        let d = codes.shape[1]
        let quantizer = try measuring { try Quantizer(fitting: codes, bits: bits.count) }
        let quantized = try measuring { try quantizer.encode(codes) }
        let originals = test.all()
        let rebuilt = model.decode(try measuring { try quantizer.decode(quantized) })
        let psnr = Evaluation.psnr(clampedMSE(rebuilt, originals))
        kernel.compressions.removeAll { $0.data == test.checksum && $0.bits == bits.count && $0.width == d }
        kernel.compressions.append(RatePoint(data: test.checksum, bits: bits.count, width: d, bytesPerImage: Double(quantized.totalBytes) / Double(test.count), psnr: psnr))
        let points = kernel.compressions.filter { $0.data == test.checksum && $0.bits == bits.count }.sorted { $0.width < $1.width }
        let pcaByWidth = try pcaPSNR(kernel, widths: points.map(\.width), originals: originals, bits: bits.count)
        let pca = pcaByWidth[d] ?? nil

        let header = CompressedImages.Header(
            images: .init(count: test.count, height: height, width: width, source: "\(test.name) test", checksum: test.checksum),
            codes: .init(width: d, bits: bits.count, minimums: quantizer.minimums, maximums: quantizer.maximums),
            decoder: .init(model: model.description, layers: model.decoder.specs, path: reference?.path, sha256: reference?.sha256))
        let written: (bytes: Int, created: String?)
        do {
            written = try CompressedImages.write(header: header, payload: quantized.payload, decoder: model.decoder, to: FilePath.expandingHome(path))
        } catch { throw NotebookError.failed("compress: \(error)") }

        let n = Double(test.count)
        let bytesPerImage = Double(quantized.totalBytes) / n
        let raw = eightBitImages(test)
        let gzipBytes = Double(try Gzip.compress(raw).count)
        let rawPerImage = Double(raw.count) / n, gzipPerImage = gzipBytes / n
        let decoderBytes = written.bytes - quantized.totalBytes
        if let created = written.created { cell.print("created the folder \(created)") }
        cell.print("wrote \(path): \(test.count) images as \(d) codes of \(bits.count) bits, \(Summary.grouped(written.bytes)) bytes"
                   + (reference == nil ? " with the decoder inside" : ", the decoder in \(reference!.path)"))
        cell.print("codes \(fmt(bytesPerImage, 2)) bytes an image (\(d * bits.count / 8) + their table of \(quantized.tableBytes) bytes shared by all)"
                   + "; raw 8-bit \(Int(rawPerImage)) (\(fmt(rawPerImage / bytesPerImage, 1))×), gzip -9 \(fmt(gzipPerImage, 1)) (\(fmt(gzipPerImage / bytesPerImage, 1))×)")
        cell.print("the file's other \(Summary.grouped(decoderBytes)) bytes are its header" + (reference == nil ? " and the decoder's weights, paid once for any number of images" : ""))
        cell.print("PSNR of the rebuilt images \(fmt(psnr, 2)) dB; PCA with \(d) components, quantised to the same \(fmt(bytesPerImage, 2)) bytes: "
                   + (pca.map { "\(fmt($0, 2)) dB" } ?? "not possible (\(d) components of \(data.train.count) examples of \(data.train.features) values)"))
        cell.metrics["bytes_per_image"] = bytesPerImage
        cell.metrics["ratio_raw"] = rawPerImage / bytesPerImage
        cell.metrics["ratio_gzip"] = gzipPerImage / bytesPerImage
        cell.metrics["gzip_bytes_per_image"] = gzipPerImage
        cell.metrics["psnr_db"] = psnr
        if let pca { cell.metrics["pca_psnr_db"] = pca }
        cell.metrics["file_bytes"] = Double(written.bytes)
        cell.metrics["code_width"] = Double(d)
        cell.show(.chart(rateDistortionChart(points, pca: pcaByWidth, test: test, bits: bits.count)), name: Self.name)
    }

    /// The saved model at `path`, checked to be the current one; its weights file and SHA-256.
    func referenceCheck(_ path: String, model: Autoencoder) throws -> (path: String, sha256: String) {
        let expanded = FilePath.expandingHome(path)
        let weights = Checkpoint.paths(expanded).weights
        let saved: Autoencoder, bytes: [UInt8]
        do {
            bytes = try BoundedRead.bytes(weights, limit: CompressedImages.maxFileBytes, what: "a model's weights")
            saved = try Checkpoint.load(expanded)
        } catch { throw NotebookError.badOption(command: Self.name, option: "decoder", reason: "names no saved model: \(error)") }
        let same = saved.decoder.specs == model.decoder.specs
            && zip(saved.decoder.parameters, model.decoder.parameters).allSatisfy { $0.scalars == $1.scalars }
        guard same else {
            throw NotebookError.badOption(command: Self.name, option: "decoder", reason: "names \(weights), whose decoder is not the current model's; 'save \(path)' first")
        }
        return (expanded, SHA256.hex(bytes))
    }

    /// PSNR against bytes per image: this notebook's compressions of the test set with `bits`
    /// (one a code width, in order), and PCA quantised to the same bytes at each of their widths.
    func rateDistortionChart(_ ordered: [RatePoint], pca: [Int: Double?], test: Dataset, bits: Int) -> ChartData {
        let withPCA = ordered.filter { (pca[$0.width] ?? nil) != nil }
        var chart = ChartData(title: "rate–distortion on \(test.count) test images, \(bits)-bit codes", xLabel: "bytes per image", series: [
            .init(name: "aelab", values: ordered.map(\.psnr), xs: ordered.map(\.bytesPerImage)),
            .init(name: "PCA", values: withPCA.map { pca[$0.width]!! }, xs: withPCA.map(\.bytesPerImage)),
        ])
        chart.yLabel = "PSNR (dB)"
        return chart
    }
}

/// `decompress FILE.aez`: the images rebuilt from their codes by the decoder the file holds or names.
struct DecompressCommand: NotebookCommand {
    static let name = "decompress"
    static let summary = "rebuild the images of a FILE.aez with its decoder; PSNR against the originals when their test set is loaded"

    @Argument(name: "FILE.aez", help: "a file written by 'compress'") var path: String?
    @Option(help: "how many images to show", in: 1...100) var n = 10

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        guard let path else { throw NotebookError.badArgument(command: Self.name, reason: "give a file written by compress, e.g. decompress out/test.aez") }
        let file: CompressedImages
        do { file = try CompressedImages.read(FilePath.expandingHome(path)) } catch { throw NotebookError.failed("decompress: \(error)") }
        let header = file.header
        let quantizer = try measuring { try Quantizer(bits: header.codes.bits, minimums: header.codes.minimums, maximums: header.codes.maximums) }
        let codes = try measuring {
            try quantizer.decode(QuantizedCodes(rows: header.images.count, width: header.codes.width, bits: header.codes.bits, payload: file.payload))
        }
        let images = file.decoder.predict(codes)
        let (h, w) = (header.images.height, header.images.width)
        let shown = min(n, header.images.count)
        cell.print("\(header.images.count) images of \(h)×\(w) (\(header.images.source)) from \(header.codes.width) codes of \(header.codes.bits) bits, decoded by "
                   + (header.decoder.path.map { "the model in \($0)" } ?? "the decoder inside the file") + ": \(header.decoder.model)")
        cell.metrics["images"] = Double(header.images.count)
        if let test = kernel.data?.test, test.checksum == header.images.checksum, test.features == h * w {
            let originals = test.all()
            let psnr = Evaluation.psnr(clampedMSE(images, originals))
            cell.print("PSNR against the originals (the loaded test set) \(fmt(psnr, 2)) dB")
            cell.metrics["psnr_db"] = psnr
            let both = Tensor(uninitialized: [2 * shown, h * w])
            both.data.update(from: originals.data, count: shown * h * w)
            (both.data + shown * h * w).update(from: images.data, count: shown * h * w)
            cell.show(.images(ImageGridData(title: "\(path): originals over the images rebuilt from their codes", columns: shown, width: w, height: h,
                                            rows: both.data, count: 2 * shown, rowCaptions: ["original", "rebuilt"])), name: Self.name)
        } else {
            cell.print("the loaded test set is not the one compressed, so there is nothing to compare with")
            cell.show(.images(ImageGridData(title: "\(path): images rebuilt from their codes", columns: shown, width: w, height: h,
                                            rows: images.data, count: shown)), name: Self.name)
        }
    }
}

/// Mean squared error of `rebuilt` clipped to 0…1 (as any image file would store it) against `originals`.
func clampedMSE(_ rebuilt: Tensor, _ originals: Tensor) -> Double {
    var sum = 0.0
    for i in 0..<min(rebuilt.count, originals.count) {
        let d = Double(min(max(rebuilt.data[i], 0), 1) - originals.data[i])
        sum += d * d
    }
    return sum / Double(max(originals.count, 1))
}

/// The examples as 8-bit values, as an image file holds them.
func eightBitImages(_ set: Dataset) -> [UInt8] {
    if case .bytes(let bytes) = set.values { return bytes }
    let all = set.all()
    return (0..<all.count).map { UInt8((min(max(all.data[$0], 0), 1) * 255).rounded()) }
}

/// PSNR of the test images rebuilt from PCA codes of each width, quantised as the codes are
/// (the same bits, a table per feature): nil for widths PCA cannot have.
func pcaPSNR(_ kernel: Kernel, widths: [Int], originals: Tensor, bits: Int) throws -> [Int: Double?] {
    let data = try kernel.requireData(CompressCommand.name)
    let most = min(data.train.features, data.train.count)
    let possible = widths.filter { $0 <= most }
    var out: [Int: Double?] = Dictionary(uniqueKeysWithValues: widths.map { ($0, nil) })
    guard let widest = possible.max() else { return out }
    let full = try kernel.fitPCA(components: widest, command: CompressCommand.name)
    for k in possible {
        var pca = full
        pca.components = Array(full.components.prefix(k))
        let rebuilt = try measuring {
            let z = try pca.transform(originals)
            let quantizer = try Quantizer(fitting: z, bits: bits)
            return try pca.inverse(quantizer.decode(quantizer.encode(z)))
        }
        out[k] = Evaluation.psnr(clampedMSE(rebuilt, originals))
    }
    return out
}

/// Runs an Analysis call, its errors as one notebook line.
func measuring<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as AnalysisError { throw NotebookError.failed("\(error)") }
}

extension Kernel {
    /// Refuses models whose decoder does not give back their input (a translator draws its target).
    func requireReconstruction(_ model: Autoencoder, _ command: String) throws {
        if let translator = model.kind as? TranslateKind {
            throw NotebookError.needs(command: command, what: "needs a model that reconstructs its input; this translate model draws \(translator.target.rawValue) of it")
        }
    }
}
