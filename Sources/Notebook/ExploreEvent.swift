import Foundation
import Rendering

/// What an `explore` cell tells its viewers. In the notebook the cell stays open while the
/// person moves the crosshair: it sends the map, then a step for every move it is asked for,
/// then closes. A recording keeps all of them, so a replay shows the crosshair's path and the
/// decodings as they were.
public enum ExploreEvent: Sendable, Codable {
    /// The map is ready; a live viewer opens the explorer on it.
    case opened(ExploreMap)
    /// The crosshair is at a point, and this is what the decoder makes there.
    case moved(ExploreStep)
    /// The explorer closed; the cell's pictures follow.
    case closed
}

/// The plane the explorer moves in, inside the code space: code(x, y) = origin + x·u + y·v,
/// with u and v orthonormal (two principal components, or two unit axes).
public struct ExplorePlane: Sendable, Codable, Equatable {
    public var origin: [Float]
    public var u: [Float]
    public var v: [Float]

    public init(origin: [Float], u: [Float], v: [Float]) {
        self.origin = origin
        self.u = u
        self.v = v
    }

    /// The code at map point (`x`, `y`).
    public func code(x: Float, y: Float) -> [Float] {
        (0..<origin.count).map { origin[$0] + x * u[$0] + y * v[$0] }
    }

    /// Where a code lands on the map: its offset from the origin along u and along v.
    public func project(_ code: UnsafePointer<Float>) -> (x: Float, y: Float) {
        var x: Float = 0, y: Float = 0
        for j in 0..<origin.count {
            let d = code[j] - origin[j]
            x += d * u[j]
            y += d * v[j]
        }
        return (x, y)
    }
}

/// What the decoder makes of a code: an image, or for text models a question.
public enum ExploreDecoding: Sendable, Codable, Equatable {
    case image(width: Int, height: Int, pixels: Data)
    case text(String)

    /// An image from decoded values in 0…1 (clipped), as bytes.
    public static func image(_ values: [Float], width: Int, height: Int) -> ExploreDecoding {
        .image(width: width, height: height, pixels: Data(values.prefix(width * height).map { UInt8((min(max($0, 0), 1) * 255).rounded()) }))
    }

    /// The image as a grey raster, nil for text.
    public var raster: Raster? {
        guard case let .image(width, height, pixels) = self else { return nil }
        return Raster(width: width, height: height, channels: 1, bytes: [UInt8](pixels))
    }
}

/// One position of the crosshair and what it shows.
public struct ExploreStep: Sendable, Codable, Equatable {
    public var x: Float
    public var y: Float
    public var decoding: ExploreDecoding
    /// The test example the crosshair jumped to (`n`/`p`), with its original and class.
    public var example: Int?
    public var original: ExploreDecoding?
    public var label: String?

    public init(x: Float, y: Float, decoding: ExploreDecoding, example: Int? = nil, original: ExploreDecoding? = nil, label: String? = nil) {
        self.x = x
        self.y = y
        self.decoding = decoding
        self.example = example
        self.original = original
        self.label = label
    }
}

/// The latent map an explorer opens on: the test codes on the plane, coloured by class, with
/// the region the crosshair moves in, where it starts and how far a key moves it.
public struct ExploreMap: Sendable, Codable {
    /// The points, with the VAE prior's circles and the region in its overlay.
    public var scatter: ScatterData
    public var plane: ExplorePlane
    public var start: ScatterOverlay.Point
    /// How far one arrow key moves the crosshair (Shift moves five times as far).
    public var step: Float
    /// The region the crosshair stays in: lower left and upper right corners.
    public var region: [ScatterOverlay.Point]
    /// How the plane was chosen, for the explorer's title ("codes of 2 values as they are").
    public var planeText: String
    /// What is not recorded: the decoder and the originals a live explorer uses itself.
    public var live: ExploreLive?

    public init(scatter: ScatterData, plane: ExplorePlane, start: ScatterOverlay.Point, step: Float, region: [ScatterOverlay.Point],
                planeText: String, live: ExploreLive? = nil) {
        self.scatter = scatter
        self.plane = plane
        self.start = start
        self.step = step
        self.region = region
        self.planeText = planeText
        self.live = live
    }

    enum CodingKeys: String, CodingKey { case scatter, plane, start, step, region, planeText }

    /// The map point nearest (`x`, `y`) inside the region.
    public func clamped(x: Float, y: Float) -> ScatterOverlay.Point {
        guard region.count == 2 else { return ScatterOverlay.Point(x, y) }
        return ScatterOverlay.Point(min(max(x, region[0].x), region[1].x), min(max(y, region[0].y), region[1].y))
    }
}

/// What a live explorer needs beside the map, handed over in memory and never recorded: a
/// copy of the decoder, so that the interface decodes under the crosshair itself on every key,
/// and the map's examples as they are, for `n` and `p`.
public final class ExploreLive: Sendable {
    /// Nil when the interface cannot decode by itself (it then shows the kernel's decodings).
    public let decoder: DecoderSnapshot?
    /// The original of each map point, in the map's order.
    public let originals: [ExploreDecoding]
    /// Each map point's class name, in the map's order.
    public let labels: [String?]
    /// The size of the decoded images (nil for text).
    public let imageWidth: Int?
    public let imageHeight: Int?

    public init(decoder: DecoderSnapshot?, originals: [ExploreDecoding], labels: [String?], imageWidth: Int? = nil, imageHeight: Int? = nil) {
        self.decoder = decoder
        self.originals = originals
        self.labels = labels
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
    }

    /// The interface's own decoding of a code, nil when it has no decoder.
    public func decode(_ code: [Float]) -> ExploreDecoding? {
        guard let decoder, let imageWidth, let imageHeight, code.count == decoder.codeWidth else { return nil }
        return .image(decoder.decode(code), width: imageWidth, height: imageHeight)
    }
}

/// What the interface asks of an open `explore` cell.
public enum ExploreRequest: Sendable, Equatable {
    /// Move the crosshair; `example` when it jumped to a test example.
    case move(x: Float, y: Float, example: Int?)
    /// Pin the decoding under the crosshair into the cell.
    case pin
    /// Leave the explorer; the cell finishes.
    case close
}

/// The interface's requests to an open `explore` cell, handed from the interface thread to the
/// kernel's: one object for the kernel's life, emptied before each cell.
public final class ExploreInput: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [ExploreRequest] = []

    public init() {}

    public func send(_ request: ExploreRequest) {
        condition.lock()
        queue.append(request)
        condition.signal()
        condition.unlock()
    }

    /// Forgets requests left from an earlier cell.
    public func reset() {
        condition.lock()
        queue.removeAll()
        condition.unlock()
    }

    /// The next request, waiting for one; nil when it is to close.
    func next() -> ExploreRequest? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty { condition.wait() }
        let request = queue.removeFirst()
        return request == .close ? nil : request
    }
}
