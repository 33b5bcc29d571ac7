import Foundation
import Tensors

/// Point clouds in three dimensions drawn under a seed, for autoencoders that flatten them
/// to two: each point is 3 float features (x, y, z), with a colour value per point to see
/// whether the code keeps the structure.
///
/// - `swissroll`: scikit-learn's `make_swiss_roll`: t = 1.5π(1 + 2u), x = t·cos t, y = 21v,
///   z = t·sin t with u, v uniform in [0, 1); the colour is t, the position along the roll.
/// - `blobs3d`: `centers` Gaussian blobs of standard deviation `noise` (default 1) around
///   centres uniform in [−10, 10]³, as `make_blobs`; the label is the blob.
/// - `sphere`: points uniform on the unit sphere; the colour is z, the height.
/// `noise` adds N(0, noise²) to each coordinate of the roll and the sphere (default 0).
/// `n` points are drawn; every fifth is the test set.
public enum SyntheticSets {
    /// The sets `make` draws.
    public static let names = ["swissroll", "blobs3d", "sphere"]

    /// A whole set of `n` points, before it is split.
    public static func make(_ name: String, n: Int, noise: Float?, centers: Int = 4, seed: UInt64) -> Dataset? {
        var rng = Random(seed: seed)
        var xyz = [Float]()
        xyz.reserveCapacity(3 * n)
        switch name {
        case "swissroll":
            let sigma = noise ?? 0
            var t = [Float]()
            t.reserveCapacity(n)
            for _ in 0..<n {
                let ti = 1.5 * Float.pi * (1 + 2 * rng.uniform())
                let y = 21 * rng.uniform()
                xyz += [ti * cos(ti), y, ti * sin(ti)].map { $0 + sigma * rng.normal() }
                t.append(ti)
            }
            return Dataset(name: name, values: .floats(xyz), labels: nil, exampleShape: [3], classNames: [],
                           colours: ColourValues(name: "position along the roll (t)", values: t))
        case "blobs3d":
            let sigma = noise ?? 1
            let centres = (0..<centers).map { _ in (0..<3).map { _ in rng.uniform(-10, 10) } }
            var labels = [Int]()
            labels.reserveCapacity(n)
            for _ in 0..<n {
                let blob = rng.below(centers)
                xyz += centres[blob].map { $0 + sigma * rng.normal() }
                labels.append(blob)
            }
            return Dataset(name: name, values: .floats(xyz), labels: labels, exampleShape: [3],
                           classNames: (0..<centers).map { "blob \($0)" })
        case "sphere":
            let sigma = noise ?? 0
            var heights = [Float]()
            heights.reserveCapacity(n)
            for _ in 0..<n {
                var v = [rng.normal(), rng.normal(), rng.normal()]
                var norm = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).squareRoot()
                // A zero vector has no direction; draw again (probability nil in practice).
                while norm == 0 {
                    v = [rng.normal(), rng.normal(), rng.normal()]
                    norm = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).squareRoot()
                }
                let point = v.map { $0 / norm + sigma * rng.normal() }
                xyz += point
                heights.append(point[2])
            }
            return Dataset(name: name, values: .floats(xyz), labels: nil, exampleShape: [3], classNames: [],
                           colours: ColourValues(name: "height (z)", values: heights))
        default:
            return nil
        }
    }

    /// The named set under `options` (`n`, `noise`, `centers`, `seed`), split and noted.
    static func load(_ name: String, options: DataOptions) throws -> DataSplit {
        guard let whole = make(name, n: options.points, noise: options.noise, centers: options.centers, seed: options.seed) else {
            throw DataError.unknownDataSet(name, hint: "synthetic sets are \(names.joined(separator: ", "))")
        }
        let all = Array(0..<whole.count)
        var split = DataSplit(train: whole.subset(all.filter { $0 % 5 != 4 }), test: whole.subset(all.filter { $0 % 5 == 4 }))
        let range = whole.valueRange.map { "\(number($0.lowerBound))…\(number($0.upperBound))" } ?? "none"
        var notes = [
            "made: \(whole.count) points of \(name) under seed \(options.seed), " + (name == "blobs3d"
                ? "\(options.centers) blobs of standard deviation \(number(options.noise ?? 1))"
                : "noise \(number(options.noise ?? 0))"),
            "test: every fifth point held out, \(split.test.count) of \(whole.count); \(split.train.count) left to train on",
            "values: x, y, z coordinates from \(range), not within 0…1, so binary cross-entropy does not apply (use mse)",
        ]
        if options.scale != .auto { notes.append("scale=\(options.scale.rawValue) does not apply: the values are coordinates") }
        if let colours = whole.colours, let lo = colours.values.min(), let hi = colours.values.max() {
            notes.append("colour: \(colours.name), \(number(lo))…\(number(hi)), the colour of each point in scatter")
        } else {
            notes.append("labels: \(whole.classCount) blobs, the label of each point")
        }
        DataCatalog.applyCounts(&split, options: options, notes: &notes)
        split.train.notes = notes
        split.test.notes = notes
        split.notes = notes
        return split
    }
}
