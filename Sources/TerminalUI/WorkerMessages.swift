import Notebook

/// A kernel command handed to the worker thread; its events come back tagged with `id`.
struct Job: Equatable {
    var id: Int
    var line: String
}

/// What the worker thread reports to the interface thread.
enum WorkerEvent {
    case kernel(job: Int, KernelEvent)
    /// The job is over: its error, if it threw, and the kernel's state after it.
    case finished(job: Int, error: String?, status: KernelStatus)
}
