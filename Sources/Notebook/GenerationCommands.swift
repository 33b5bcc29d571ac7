import Analysis
import Autoencoders
import Datasets
import Foundation
import Networks
import Options
import Rendering
import Tensors

/// `interpolate a=I b=J`: images decoded along the line (or the great circle) between two codes,
/// beside the plain cross-fade of the two images; for a text model, the questions decoded there.
struct InterpolateCommand: NotebookCommand {
    static let name = "interpolate"
    static let summary = "decode codes along the line between two images' (or questions') codes, beside cross-fading the pixels"

    @Option(help: "the first image or question", in: 0...Int(Int32.max)) var a = 0
    @Option(help: "the second image or question", in: 0...Int(Int32.max)) var b = 1
    @Option(help: "images along the way, both ends included", in: 2...30) var steps = 10
    @Option(help: "follow the great circle between the codes (spherical interpolation) instead of the straight line") var slerp = false
    @Option(name: "from", help: "take the images from the test or the training set") var split = SplitChoice.test

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let (data, model) = try kernel.requireFit(Self.name)
        if model.takesTokens { return try interpolateQuestions(kernel, self, cell) }
        let (h, w) = try kernel.imageSize(Self.name)
        try kernel.requireDenseCode(model, Self.name)
        try kernel.requireReconstruction(model, Self.name)
        let set = split.of(data)
        for (option, index) in [("a", a), ("b", b)] where index >= set.count {
            throw NotebookError.badOption(command: Self.name, option: option, reason: "is past the \(set.count) \(split.rawValue) images")
        }
        let x = set.batch([a, b])
        let z = codesOf(model, x)
        let width = z.shape[1]
        let za = Array(UnsafeBufferPointer(start: z.data, count: width)), zb = Array(UnsafeBufferPointer(start: z.data + width, count: width))
        let path = Tensor(uninitialized: [steps, width]), fade = Tensor(uninitialized: [steps, h * w])
        for s in 0..<steps {
            let t = Float(s) / Float(steps - 1)
            let zt = slerp ? spherical(za, zb, t) : zip(za, zb).map { (1 - t) * $0 + t * $1 }
            zt.withUnsafeBufferPointer { (path.data + s * width).update(from: $0.baseAddress!, count: width) }
            for j in 0..<(h * w) { fade.data[s * h * w + j] = (1 - t) * x.data[j] + t * x.data[h * w + j] }
        }
        let decoded = model.decode(path)
        // How far the images between the ends are from the nearest real training image.
        let inner = Array(1..<(steps - 1))
        let decodedDistance = try nearestDistance(decoded, rows: inner, to: data.train)
        let fadeDistance = try nearestDistance(fade, rows: inner, to: data.train)
        let grid = Tensor(uninitialized: [2 * steps, h * w])
        grid.data.update(from: decoded.data, count: decoded.count)
        (grid.data + decoded.count).update(from: fade.data, count: fade.count)
        let names = set.labels.map { l in [a, b].map { set.classNames.indices.contains(l[$0]) ? set.classNames[l[$0]] : String(l[$0]) } }
        let ends = names.map { " (\($0[0]) → \($0[1]))" } ?? ""
        let columns = (0..<steps).map { fmt(Double($0) / Double(steps - 1), 2) }
        cell.show(.images(ImageGridData(title: "\(split.rawValue) images \(a) → \(b)\(ends): codes \(slerp ? "along the great circle" : "along the line"), decoded, over the pixels cross-faded",
                                        columns: steps, width: w, height: h, rows: grid.data, count: 2 * steps,
                                        rowCaptions: [slerp ? "slerp" : "codes", "pixels"], columnCaptions: columns)), name: Self.name)
        if !inner.isEmpty {
            cell.print("the \(inner.count) images between the ends, distance to the nearest of the \(data.train.count) training images: decoded codes \(fmt(decodedDistance, 3)), cross-faded pixels \(fmt(fadeDistance, 3))")
            cell.metrics["interp_nn_distance"] = decodedDistance
            cell.metrics["pixel_nn_distance"] = fadeDistance
        }
    }

    /// Spherical interpolation (Shoemake): along the great circle through `a` and `b`, their
    /// lengths blended; the straight line when they point the same way.
    func spherical(_ a: [Float], _ b: [Float], _ t: Float) -> [Float] {
        let na = a.reduce(0) { $0 + $1 * $1 }.squareRoot(), nb = b.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let cosine = na > 0 && nb > 0 ? zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / (na * nb) : 1
        let omega = Foundation.acos(min(max(cosine, -1), 1))
        guard Foundation.sin(omega) > 1e-4 else { return zip(a, b).map { (1 - t) * $0 + t * $1 } }
        let wa = Foundation.sin((1 - t) * omega) / Foundation.sin(omega), wb = Foundation.sin(t * omega) / Foundation.sin(omega)
        return zip(a, b).map { wa * $0 + wb * $1 }
    }
}

/// What `arith attribute=…` moves.
enum ImageAttribute: String, ChoiceValue {
    case thickness, slant

    /// Each image's value: ink (mean intensity) for thickness, μ11/μ02 for slant.
    func measure(_ images: Tensor, height: Int, width: Int) throws -> [Float] {
        try measuring {
            self == .thickness ? try ImageAttributes.ink(images, width: width, height: height)
                : try ImageAttributes.slant(images, width: width, height: height)
        }
    }
}

/// Which digits' quarters make the attribute vector.
enum AttributeGroups: String, ChoiceValue { case `class`, all }

/// `arith`: arithmetic on codes, on single images or with an attribute vector.
struct ArithCommand: NotebookCommand {
    static let name = "arith"
    static let summary = "arithmetic on codes: a − minus + plus, or an attribute vector (thickness, slant) added to thin digits; beside the same in pixels"

    @Option(help: "the image to start from", in: 0...Int(Int32.max)) var a: Int?
    @Option(help: "the image whose code is taken away", in: 0...Int(Int32.max)) var minus: Int?
    @Option(help: "the image whose code is added", in: 0...Int(Int32.max)) var plus: Int?
    @Option(name: "from", help: "a, minus and plus index the test or the training set") var split = SplitChoice.test
    @Option(help: "the attribute vector: the mean code of the quarter of training digits with the most of it minus that of the quarter with the least")
    var attribute: ImageAttribute?
    @Option(help: "how much of the attribute vector to add", in: -10...10) var amount: Float = 1
    @Option(help: "class: quarters within each digit class, their differences averaged (so the vector does not turn 1s into 0s); all: quarters of all digits, as the add-smile vector")
    var within = AttributeGroups.class
    @Option(help: "digits shown", in: 1...30) var n = 10

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        let onImages = [a, minus, plus].contains { $0 != nil }
        guard onImages != (attribute != nil) else {
            throw NotebookError.badArgument(command: Self.name, reason: onImages
                ? "give either a, minus and plus, or attribute=…, not both"
                : "give a=I minus=J plus=K, or attribute=thickness|slant")
        }
        let (data, model) = try kernel.requireFit(Self.name)
        _ = try kernel.imageSize(Self.name)
        try kernel.requireDenseCode(model, Self.name)
        try kernel.requireReconstruction(model, Self.name)
        if let attribute {
            try shift(attribute, kernel, cell, data, model)
        } else {
            try combine(kernel, cell, data, model)
        }
    }

    /// a − minus + plus, in codes and in pixels.
    func combine(_ kernel: Kernel, _ cell: Cell, _ data: DataSplit, _ model: Autoencoder) throws {
        guard let a, let minus, let plus else {
            throw NotebookError.badArgument(command: Self.name, reason: "give all three of a, minus and plus")
        }
        let (h, w) = try kernel.imageSize(Self.name)
        let set = split.of(data)
        for (option, index) in [("a", a), ("minus", minus), ("plus", plus)] where index >= set.count {
            throw NotebookError.badOption(command: Self.name, option: option, reason: "is past the \(set.count) \(split.rawValue) images")
        }
        let x = set.batch([a, minus, plus])
        let z = codesOf(model, x)
        let d = z.shape[1], p = h * w
        let sum = Tensor(uninitialized: [1, d])
        for j in 0..<d { sum.data[j] = z.data[j] - z.data[d + j] + z.data[2 * d + j] }
        let result = model.decode(sum)
        let grid = Tensor(uninitialized: [5, p])
        grid.data.update(from: x.data, count: 3 * p)
        (grid.data + 3 * p).update(from: result.data, count: p)
        for j in 0..<p { grid.data[4 * p + j] = min(max(x.data[j] - x.data[p + j] + x.data[2 * p + j], 0), 1) }
        let label = { (i: Int) -> String in set.labels.map { " " + set.classNames[$0[i]] } ?? "" }
        cell.show(.images(ImageGridData(title: "\(split.rawValue) images: \(a) − \(minus) + \(plus), in codes and in pixels", columns: 5, width: w, height: h,
                                        rows: grid.data, count: 5, columnCaptions: ["a\(label(a))", "−\(label(minus))", "+\(label(plus))", "codes", "pixels"])),
                  name: Self.name)
        let codeDistance = try nearestDistance(result, rows: [0], to: data.train)
        let pixelDistance = try nearestDistance(Tensor(Array(UnsafeBufferPointer(start: grid.data + 4 * p, count: p)), shape: [1, p]), rows: [0], to: data.train)
        cell.print("distance to the nearest of the \(data.train.count) training images: the sum of codes decoded \(fmt(codeDistance, 3)), the sum of pixels \(fmt(pixelDistance, 3))")
        cell.metrics["result_nn_distance"] = codeDistance
        cell.metrics["pixel_nn_distance"] = pixelDistance
    }

    /// The attribute vector added to the test digits with the least of the attribute.
    func shift(_ attribute: ImageAttribute, _ kernel: Kernel, _ cell: Cell, _ data: DataSplit, _ model: Autoencoder) throws {
        let (h, w) = try kernel.imageSize(Self.name)
        guard let trainLabels = data.train.labels, let testLabels = data.test.labels else {
            throw NotebookError.needs(command: Self.name, what: "attribute=… needs labelled data: class_kept asks a classifier on the codes")
        }
        let p = h * w
        let trainImages = data.train.all(), testImages = data.test.all()
        let trainCodes = try kernel.encodeAll(Self.name).train
        let d = trainCodes.shape[1]
        let groups = within == .class ? trainLabels : [Int](repeating: 0, count: trainLabels.count)
        let trainValues = try attribute.measure(trainImages, height: h, width: w)
        // The vectors in codes and in pixels, and the attribute's own gap between the quarters.
        let quarters = Self.quarterDifferences(values: trainValues, groups: groups)
        guard !quarters.isEmpty else { throw NotebookError.needs(command: Self.name, what: "needs at least two training digits in a group to take quarters of") }
        let vector = Self.meanDifference(trainCodes, quarters), pixelVector = Self.meanDifference(trainImages, quarters)
        let gap = meanOf(quarters.map { q in Float(meanOf(q.top.map { trainValues[$0] }) - meanOf(q.bottom.map { trainValues[$0] })) })

        // The test digits with the least of the attribute: the bottom quarter of each group.
        let testValues = try attribute.measure(testImages, height: h, width: w)
        let testGroups = within == .class ? testLabels : [Int](repeating: 0, count: testLabels.count)
        let chosen = Self.quarterDifferences(values: testValues, groups: testGroups).flatMap(\.bottom).sorted()
        guard !chosen.isEmpty else { throw NotebookError.needs(command: Self.name, what: "the test set has too few digits to take a quarter of") }
        let x = data.test.batch(chosen)
        let z = codesOf(model, x)
        let moved = Tensor(uninitialized: z.shape)
        for i in 0..<chosen.count { for j in 0..<d { moved.data[i * d + j] = z.data[i * d + j] + amount * vector[j] } }
        let before = model.decode(z), after = model.decode(moved)
        let pixels = Tensor(uninitialized: x.shape)
        for i in 0..<chosen.count { for j in 0..<p { pixels.data[i * p + j] = min(max(x.data[i * p + j] + amount * pixelVector[j], 0), 1) } }

        let shifted = try meanOf(attribute.measure(after, height: h, width: w)) - meanOf(attribute.measure(before, height: h, width: w))
        let pixelShifted = try meanOf(attribute.measure(pixels, height: h, width: w)) - meanOf(attribute.measure(x, height: h, width: w))
        let classifier = try measuring { try LogisticRegression(fitting: trainCodes, labels: trainLabels, classes: max(data.train.classCount, data.test.classCount)) }
        func classes(_ images: Tensor) throws -> [Int] { try measuring { try classifier.predict(codesOf(model, images)) } }
        let kept = agreement(try classes(before), try classes(after))
        let pixelKept = agreement(try classes(x), try classes(pixels))

        // One digit of each group in turn, for the picture.
        var shown: [Int] = []
        var byGroup: [Int: [Int]] = [:]
        for (row, index) in chosen.enumerated() { byGroup[testGroups[index], default: []].append(row) }
        let order = byGroup.keys.sorted()
        var round = 0
        while shown.count < min(n, chosen.count) {
            for g in order where shown.count < min(n, chosen.count) && round < byGroup[g]!.count { shown.append(byGroup[g]![round]) }
            round += 1
        }
        let m = shown.count
        let grid = Tensor(uninitialized: [4 * m, p])
        for (r, source) in [x, before, after, pixels].enumerated() {
            for (c, row) in shown.enumerated() { (grid.data + (r * m + c) * p).update(from: source.data + row * p, count: p) }
        }
        let word = attribute == .thickness ? "thin" : "left-leaning"
        cell.show(.images(ImageGridData(title: "\(attribute.rawValue) vector × \(amount.optionText) added to \(word) test digits (\(within == .class ? "quarters within each class" : "quarters of all digits"))",
                                        columns: m, width: w, height: h, rows: grid.data, count: 4 * m,
                                        rowCaptions: ["original", "decoded", "+ vector", "+ pixels"],
                                        columnCaptions: shown.map { data.test.classNames[testLabels[chosen[$0]]] })), name: Self.name)
        let unit = attribute == .thickness ? "ink (mean intensity)" : "slant (μ11/μ02)"
        cell.print("the \(chosen.count) \(word) test digits (the bottom quarter\(within == .class ? " of each class" : "")), \(unit); the training quarters differ by \(fmt(gap, 4))")
        cell.print("codes + vector: the attribute moved \(fmt(shifted, 4)) (\(fmt(100 * shifted / gap, 0))% of the gap), the class stayed for \(fmt(100 * kept, 1))% (a logistic regression on the codes, before and after)")
        cell.print("pixels + the same in pixels: moved \(fmt(pixelShifted, 4)) (\(fmt(100 * pixelShifted / gap, 0))%), the class stayed for \(fmt(100 * pixelKept, 1))%")
        cell.metrics["attribute_shift"] = shifted
        cell.metrics["attribute_gap"] = gap
        cell.metrics["class_kept"] = kept
        cell.metrics["pixel_attribute_shift"] = pixelShifted
        cell.metrics["pixel_class_kept"] = pixelKept
    }

    /// For each group with two or more members: the quarter (at least one) with the most of the
    /// value and the quarter with the least, as indices.
    static func quarterDifferences(values: [Float], groups: [Int]) -> [(top: [Int], bottom: [Int])] {
        var members: [Int: [Int]] = [:]
        for (i, g) in groups.enumerated() { members[g, default: []].append(i) }
        return members.keys.sorted().compactMap { g in
            let sorted = members[g]!.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            guard sorted.count >= 2 else { return nil }
            let q = max(1, sorted.count / 4)
            return (Array(sorted.suffix(q)), Array(sorted.prefix(q)))
        }
    }

    /// The mean over groups of (mean row of the top quarter − mean row of the bottom quarter).
    static func meanDifference(_ rows: Tensor, _ quarters: [(top: [Int], bottom: [Int])]) -> [Float] {
        let d = rows.shape[1]
        var out = [Double](repeating: 0, count: d)
        for q in quarters {
            for (indices, sign) in [(q.top, 1.0), (q.bottom, -1.0)] {
                let weight = sign / Double(indices.count * quarters.count)
                for i in indices { for j in 0..<d { out[j] += weight * Double(rows.data[i * d + j]) } }
            }
        }
        return out.map { Float($0) }
    }
}

/// Codes of a batch of examples (μ for a VAE), without gradients.
func codesOf(_ model: Autoencoder, _ x: Tensor) -> Tensor {
    Tensor.withoutGradients {
        var context = ForwardContext.inference
        return model.code(x, &context)
    }
}

/// The mean Euclidean distance from rows `rows` of `images` to their nearest example of `set`.
func nearestDistance(_ images: Tensor, rows: [Int], to set: Dataset) throws -> Double {
    guard !rows.isEmpty else { return 0 }
    let width = images.shape[1]
    let queries = Tensor(uninitialized: [rows.count, width])
    for (r, i) in rows.enumerated() { (queries.data + r * width).update(from: images.data + i * width, count: width) }
    let found = try measuring { try Neighbours(queries: queries, references: set.all(), k: 1, metric: .euclidean) }
    return found.distances.reduce(0.0) { $0 + Double($1) } / Double(rows.count)
}

func meanOf(_ values: [Float]) -> Double { values.reduce(0.0) { $0 + Double($1) } / Double(max(values.count, 1)) }

/// The share of positions where two lists agree.
func agreement(_ a: [Int], _ b: [Int]) -> Double {
    Double(zip(a, b).filter { $0 == $1 }.count) / Double(max(min(a.count, b.count), 1))
}

extension Kernel {
    /// Refuses models whose code is not one Dense layer's output (a convolutional map), where
    /// adding and blending codes has no meaning the decoder learnt.
    func requireDenseCode(_ model: Autoencoder, _ command: String) throws {
        let layers = model.architecture.encoder.filter {
            switch $0 {
            case .dropout, .l1Activity, .activation: return false
            default: return true
            }
        }
        switch layers.last {
        case .dense?: return
        case .gaussianHeads(.dense, _, _)?: return
        default:
            throw NotebookError.needs(command: command, what: "needs a model whose code is a Dense layer's output; this \(model.kindName)'s code is a convolution's map (heads=conv); use heads=dense or a dense kind")
        }
    }
}
