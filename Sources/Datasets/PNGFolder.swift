import Foundation
import Rendering

/// A folder of the user's own PNG images as a data set, as Keras's
/// `image_dataset_from_directory` reads one: each subfolder is a class (named after it), or,
/// with no subfolders, the images are unlabelled. Every image becomes grey and is scaled to
/// `size`×`size` pixels.
public enum PNGFolder {
    public static func read(_ path: String, size: Int = 28) throws -> Dataset {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { throw DataError.fileNotFound(path) }
        let entries = try listing(path)
        let classes = entries.filter { isFolder(path + "/" + $0) }
        var files: [(path: String, label: Int?)] = []
        if classes.isEmpty {
            files = entries.filter(isPNGName).map { (path + "/" + $0, nil) }
        } else {
            for (label, name) in classes.enumerated() {
                files += try listing(path + "/" + name).filter(isPNGName).map { (path + "/" + name + "/" + $0, label) }
            }
        }
        guard !files.isEmpty else { throw DataError.unreadable(path, reason: "no .png files in it or in its subfolders") }
        var bytes = [UInt8]()
        bytes.reserveCapacity(files.count * size * size)
        for file in files {
            let raster: Raster
            do { raster = try PNGFile.read(file.path) } catch { throw DataError.unreadable(file.path, reason: "\(error)") }
            let grey = raster.channels == 1 ? raster : greyscale(raster)
            bytes += grey.resized(width: size, height: size).bytes
        }
        let labels = classes.isEmpty ? nil : files.map { $0.label! }
        return Dataset(name: URL(fileURLWithPath: path).lastPathComponent, values: .bytes(bytes), labels: labels,
                       exampleShape: [size, size], classNames: classes)
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

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func isPNGName(_ name: String) -> Bool { name.lowercased().hasSuffix(".png") }
}
