import Foundation

/// How the learning rate changes during a run, in Keras's terms.
public enum LearningRateSchedule: Sendable, Equatable {
    /// The optimiser's rate throughout.
    case constant
    /// The rate times `factor` after every `every` epochs (step decay).
    case step(every: Int, factor: Double)
    /// Keras's `CosineDecay` over every step of the run: from the initial rate down to `minimum`
    /// along half a cosine, a new rate each batch.
    case cosine(minimum: Double)
    /// Keras's `ReduceLROnPlateau`: the rate times `factor` when the monitored figure has not
    /// improved by more than `minDelta` for `patience` epochs, never below `minimum`, then
    /// `cooldown` epochs before counting again.
    case plateau(factor: Double, patience: Int, minDelta: Double, cooldown: Int, minimum: Double)

    /// "cosine to 1e-05", for the line `train` prints.
    public var description: String {
        switch self {
        case .constant: return "constant"
        case let .step(every, factor): return "× \(factor.shortText) every \(every) epoch\(every == 1 ? "" : "s")"
        case let .cosine(minimum): return "cosine decay to \(minimum.shortText)"
        case let .plateau(factor, patience, _, _, minimum):
            return "× \(factor.shortText) after \(patience) epoch\(patience == 1 ? "" : "s") without improvement" + (minimum > 0 ? ", at least \(minimum.shortText)" : "")
        }
    }
}

/// A schedule as a run applies it: the rate for each step, and what each epoch's end changes.
struct ScheduledRate {
    let schedule: LearningRateSchedule
    let initial: Double
    let totalSteps: Int
    /// The rate now (what the optimiser should use).
    private(set) var rate: Double
    // ReduceLROnPlateau's state.
    private var best = Double.infinity
    private var wait = 0
    private var cooldownLeft = 0

    init(_ schedule: LearningRateSchedule, initial: Double, totalSteps: Int) {
        self.schedule = schedule
        self.initial = initial
        self.totalSteps = max(1, totalSteps)
        rate = initial
    }

    /// The rate for step `step` (counted from 0 over the whole run).
    mutating func rate(atStep step: Int) -> Double {
        if case .cosine(let minimum) = schedule {
            // Keras's CosineDecay with alpha = minimum / initial.
            let alpha = initial > 0 ? minimum / initial : 0
            let progress = Double(min(step, totalSteps)) / Double(totalSteps)
            rate = initial * ((1 - alpha) * 0.5 * (1 + cos(Double.pi * progress)) + alpha)
        }
        return rate
    }

    /// After epoch `epoch` (from 1) with the monitored figure `monitored` (nil when not
    /// reported): the rate for the next epoch.
    mutating func epochEnded(_ epoch: Int, monitored: Double?) -> Double {
        switch schedule {
        case .constant, .cosine:
            break
        case let .step(every, factor):
            if every > 0, epoch % every == 0 { rate *= factor }
        case let .plateau(factor, patience, minDelta, cooldown, minimum):
            guard let current = monitored, current.isFinite else { break }
            if cooldownLeft > 0 {
                cooldownLeft -= 1
                wait = 0
            }
            if current < best - minDelta {
                best = current
                wait = 0
            } else if cooldownLeft == 0 {
                wait += 1
                if wait >= patience, Float(rate) > Float(minimum) {
                    rate = max(rate * factor, minimum)
                    cooldownLeft = cooldown
                    wait = 0
                }
            }
        }
        return rate
    }
}

extension Double {
    /// The number in few characters: "0.1", "1e-05".
    var shortText: String {
        let text = "\(self)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
