import Networks
import Rendering

// What an event read from a session file may hold. The kernel's own events pass by
// construction; a file can say anything, and the viewers multiply counts and turn seconds into
// whole numbers, so a reader asks `problem` before showing one.

extension KernelEvent {
    /// The largest count (epochs, batches, cells) and the most seconds an event may carry.
    static let maxCount = Int(Int32.max)
    static let maxSeconds = 1e9

    /// Why this event cannot be shown (a count or a time out of range, a picture that cannot be
    /// drawn), or nil when it can.
    public var problem: String? {
        switch self {
        case .cellStarted(let cell, _): return count(cell, "cell")
        case .text: return nil
        case .images, .chart, .scatter, .figure: return figure?.problem
        case let .dataLoaded(_, train, test, _): return count(train, "train") ?? count(test, "test")
        case .cellFinished(let s): return count(s.cell, "cell") ?? seconds(s.seconds, "seconds")
        case .training(.started(let p)):
            return count(p.epochs, "epochs") ?? count(p.batchSize, "batch_size") ?? count(p.batchesPerEpoch, "batches_per_epoch")
                ?? count(p.examples, "examples")
        case .training(.batchEnded(let b)):
            return count(b.epoch, "epoch") ?? count(b.batch, "batch") ?? count(b.batchesPerEpoch, "batches_per_epoch")
        case .training(.epochEnded(let r)):
            return count(r.epoch, "epoch") ?? count(r.epochs, "epochs") ?? seconds(r.samplesPerSecond, "samples_per_second")
                ?? seconds(r.epochSeconds, "epoch_seconds") ?? seconds(r.elapsedSeconds, "elapsed_seconds") ?? seconds(r.etaSeconds, "eta_seconds")
        case .training(.finished(let outcome)):
            switch outcome {
            case .completed(let n), .cancelled(let n): return count(n, "epochs")
            case let .diverged(epoch, batch, restored): return count(epoch, "epoch") ?? count(batch, "batch") ?? count(restored, "restored_epoch")
            case let .stoppedEarly(epochs, best, _, patience): return count(epochs, "epochs") ?? count(best, "best_epoch") ?? count(patience, "patience")
            }
        case .explore(.opened(let map)): return map.problem
        case .explore(.moved(let step)): return step.problem
        case .explore(.closed): return nil
        }
    }

    private func count(_ value: Int, _ name: String) -> String? {
        (0...KernelEvent.maxCount).contains(value) ? nil : "\(name) \(value) is outside 0…\(KernelEvent.maxCount)"
    }

    private func seconds(_ value: Double, _ name: String) -> String? {
        value.isFinite && (0...KernelEvent.maxSeconds).contains(value) ? nil : "\(name) \(value) is not a time from 0 to 1e9 seconds"
    }
}

extension ExploreMap {
    /// Why the explorer cannot open on this map: its points, a plane whose vectors differ in
    /// length or hold non-finite numbers, a region that is not two finite corners, a bad step.
    var problem: String? {
        if let problem = Figure.scatter(scatter).problem { return "explore map: \(problem)" }
        let k = plane.origin.count
        guard (1...Figure.maxItems).contains(k), plane.u.count == k, plane.v.count == k else {
            return "explore plane: vectors of \(k), \(plane.u.count) and \(plane.v.count) values; expected one length from 1 to \(Figure.maxItems)"
        }
        guard (plane.origin + plane.u + plane.v).allSatisfy(\.isFinite) else { return "explore plane: a value is not finite" }
        guard region.count == 2, region.allSatisfy({ $0.x.isFinite && $0.y.isFinite }), start.x.isFinite, start.y.isFinite else {
            return "explore map: the region needs two finite corners and the start a finite point"
        }
        guard step.isFinite, step > 0 else { return "explore map: step \(step) is not a positive number" }
        return nil
    }
}

extension ExploreStep {
    /// Why this step cannot be shown: a position that is not finite, or a decoding or original
    /// whose pixels are not one image of its size.
    var problem: String? {
        guard x.isFinite, y.isFinite else { return "explore step: the crosshair at (\(x), \(y)) is not a finite point" }
        if let example, !(0...KernelEvent.maxCount).contains(example) { return "explore step: example \(example) is out of range" }
        for decoding in [decoding] + (original.map { [$0] } ?? []) {
            guard case let .image(width, height, pixels) = decoding else { continue }
            let (size, overflow) = width.multipliedReportingOverflow(by: height)
            guard width >= 1, height >= 1, !overflow, size <= Figure.maxGridPixels, pixels.count == size else {
                return "explore step: \(pixels.count) pixel bytes are not one image of \(width)×\(height)"
            }
        }
        return nil
    }
}
