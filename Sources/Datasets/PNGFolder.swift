import Foundation
import Rendering

/// A folder of the user's own PNG images as a data set, as Keras's
/// `image_dataset_from_directory` reads one: each subfolder holding PNG images is a class
/// (named after it), or, with no subfolders, the images are unlabelled. Every image becomes
/// grey and is scaled to `size`×`size` pixels. Whatever is not read (other image formats,
/// images beside class folders, deeper folders) is counted in the notes.
public enum PNGFolder {
    static let sizes = 1...512

    /// The images of the folder at `path`, scaled to `size`×`size`; notes say what was skipped.
    public static func read(_ path: String, size: Int = 28) throws -> Dataset {
        try Assembly.finish([raw(path, size: size)], scale: .auto).sets[0]
    }

    static func raw(_ path: String, size: Int = 28) throws -> RawExamples {
        guard sizes.contains(size) else { throw DataError.badOption("size", reason: "must be between \(sizes.lowerBound) and \(sizes.upperBound), not \(size)") }
        guard isFolder(path) else { throw DataError.fileNotFound(path) }
        var skipped = Skipped()
        let entries = try listing(path)
        let folders = entries.filter { isFolder(path + "/" + $0) }
        var files: [(path: String, folder: Int?)] = []
        var classes = [String]()
        if folders.isEmpty {
            for name in entries { if isPNGName(name) { files.append((path + "/" + name, nil)) } else { skipped.file(name) } }
        } else {
            skipped.besideFolders = entries.filter { !isFolder(path + "/" + $0) }.count
            for folder in folders {
                guard let inner = try? listing(path + "/" + folder) else { skipped.unlistable += 1; continue }
                let pngs = inner.filter { isPNGName($0) && !isFolder(path + "/" + folder + "/" + $0) }
                for name in inner where !isPNGName(name) {
                    if isFolder(path + "/" + folder + "/" + name) { skipped.deeperFolders += 1 } else { skipped.file(name) }
                }
                if pngs.isEmpty { skipped.emptyFolders += 1; continue }
                guard classes.count < DataLimits.maxClasses else {
                    throw DataError.badLabels(path, reason: "more than \(DataLimits.maxClasses) subfolders of images; each would be a class")
                }
                classes.append(folder)
                files += pngs.map { (path + "/" + folder + "/" + $0, classes.count - 1) }
            }
        }
        guard !files.isEmpty else {
            throw DataError.unreadable(path, reason: "no .png files in it or in its subfolders" + (skipped.lines.isEmpty ? "" : "; " + skipped.lines.joined(separator: "; ")))
        }
        let (bytes, overflow) = files.count.multipliedReportingOverflow(by: size * size)
        guard !overflow, bytes <= DataLimits.maxBytes else {
            throw DataError.tooLarge(path, reason: "\(files.count) images of \(size)×\(size) pixels are more than \(DataLimits.maxBytes) bytes")
        }
        var pixels = [UInt8]()
        pixels.reserveCapacity(bytes)
        for file in files {
            let raster: Raster
            do { raster = try PNGFile.read(file.path) } catch { throw DataError.unreadable(file.path, reason: "\(error)") }
            let grey = raster.channels == 1 ? raster : greyscale(raster)
            pixels += grey.resized(width: size, height: size).bytes
        }
        let layout = folders.isEmpty
            ? "read: \(files.count) PNG image\(files.count == 1 ? "" : "s"), unlabelled (no subfolders)"
            : "read: \(files.count) PNG image\(files.count == 1 ? "" : "s") in \(classes.count) class folders"
        return RawExamples(name: URL(fileURLWithPath: path).lastPathComponent, source: path, values: .bytes(pixels),
                           exampleShape: [size, size], labels: folders.isEmpty ? nil : .names(files.map { $0.folder! }, names: classes),
                           notes: [layout + ", grey at \(size)×\(size)"] + skipped.lines, isPixels: true)
    }

    /// What a folder held that is not read, for the notes.
    struct Skipped {
        var byExtension = [String: Int]()
        var besideFolders = 0, deeperFolders = 0, emptyFolders = 0, unlistable = 0

        mutating func file(_ name: String) {
            let ext = URL(fileURLWithPath: name).pathExtension.lowercased()
            byExtension[ext.isEmpty ? "no extension" : "." + ext, default: 0] += 1
        }

        var lines: [String] {
            var out = [String]()
            let files = byExtension.values.reduce(0, +)
            if files > 0 {
                // The three commonest kinds are enough to see what the folder holds; a whole
                // file system's list of extensions would bury the message.
                let sorted = byExtension.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                var kinds = sorted.prefix(3).map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                if sorted.count > 3 { kinds += ", \(sorted.count - 3) other kinds" }
                out.append("skipped \(files) file\(files == 1 ? "" : "s") that \(files == 1 ? "is" : "are") not PNG (\(kinds)); only PNG images are read")
            }
            if besideFolders > 0 { out.append("skipped \(besideFolders) file\(besideFolders == 1 ? "" : "s") beside the class folders; images must be inside one") }
            if deeperFolders > 0 { out.append("skipped \(deeperFolders) folder\(deeperFolders == 1 ? "" : "s") inside class folders; only one level is read") }
            if emptyFolders > 0 { out.append("skipped \(emptyFolders) subfolder\(emptyFolders == 1 ? "" : "s") with no PNG images (not classes)") }
            if unlistable > 0 { out.append("skipped \(unlistable) subfolder\(unlistable == 1 ? "" : "s") that could not be listed") }
            return out
        }
    }

    /// Luminance (Rec. 601 weights) of an RGB raster.
    static func greyscale(_ r: Raster) -> Raster {
        var grey = [Float](repeating: 0, count: r.width * r.height)
        for i in 0..<grey.count {
            grey[i] = 0.299 * r.pixels[3 * i] + 0.587 * r.pixels[3 * i + 1] + 0.114 * r.pixels[3 * i + 2]
        }
        return Raster(width: r.width, height: r.height, channels: 1, pixels: grey)!
    }

    private static func listing(_ path: String) throws -> [String] {
        do { return try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted() } catch {
            throw DataError.unreadable(path, reason: "cannot list the folder")
        }
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func isPNGName(_ name: String) -> Bool { name.lowercased().hasSuffix(".png") }
}
