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
            }
        }
    }

    private func count(_ value: Int, _ name: String) -> String? {
        (0...KernelEvent.maxCount).contains(value) ? nil : "\(name) \(value) is outside 0…\(KernelEvent.maxCount)"
    }

    private func seconds(_ value: Double, _ name: String) -> String? {
        value.isFinite && (0...KernelEvent.maxSeconds).contains(value) ? nil : "\(name) \(value) is not a time from 0 to 1e9 seconds"
    }
}
