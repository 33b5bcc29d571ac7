import Foundation
import Networks
import Notebook

/// Runs kernel commands one at a time on a thread of its own (with a large stack for
/// training), handing every event to a queue the interface thread drains.
final class KernelWorker: @unchecked Sendable {
    /// Read on the worker thread only.
    private let kernel: Kernel
    /// Pauses, resumes and cancels the kernel's runs from the interface thread: one locked
    /// object for the kernel's life.
    let control: TrainingControl
    /// Where the interface sends an open `explore` cell its moves.
    let explore = ExploreInput()
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var events: [WorkerEvent] = []
    private let eventLock = NSLock()

    init(kernel: Kernel) {
        self.kernel = kernel
        control = kernel.control
        kernel.exploreInput = explore
        let thread = Thread { [unowned self] in self.loop() }
        thread.stackSize = 64 << 20
        thread.name = "aelab kernel"
        thread.start()
    }

    func submit(_ job: Job) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Every event since the last call, in order.
    func drain() -> [WorkerEvent] {
        eventLock.lock()
        defer { eventLock.unlock() }
        let out = events
        events.removeAll(keepingCapacity: true)
        return out
    }

    private func post(_ event: WorkerEvent) {
        eventLock.lock()
        events.append(event)
        eventLock.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            explore.reset()
            var failure: String?
            do {
                _ = try kernel.execute(job.line) { [weak self] event in self?.post(.kernel(job: job.id, event)) }
            } catch {
                failure = "\(error)"
            }
            post(.finished(job: job.id, error: failure, status: kernel.status))
        }
    }
}
