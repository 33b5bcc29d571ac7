import Foundation

/// Pause, resume and cancel a run from another thread. The loop checks between batches, so a
/// batch in flight always finishes and the weights are never half-updated.
public final class TrainingControl: @unchecked Sendable {
    private let condition = NSCondition()
    private var paused = false
    private var cancelled = false

    public init() {}

    public func pause() { condition.lock(); paused = true; condition.unlock() }

    public func resume() {
        condition.lock()
        paused = false
        condition.broadcast()
        condition.unlock()
    }

    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Ready for a new run: neither paused nor cancelled.
    public func reset() {
        condition.lock()
        paused = false
        cancelled = false
        condition.broadcast()
        condition.unlock()
    }

    public var isPaused: Bool { condition.lock(); defer { condition.unlock() }; return paused }
    public var isCancelled: Bool { condition.lock(); defer { condition.unlock() }; return cancelled }

    /// Blocks while paused; returns false when the run should stop.
    func waitIfPaused() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while paused && !cancelled { condition.wait() }
        return !cancelled
    }
}
