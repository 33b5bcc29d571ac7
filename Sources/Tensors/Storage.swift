import Foundation

/// A float buffer owned by one or more tensors. When the last owner goes, the memory returns to
/// a pool keyed by size, so the training loop's per-batch tensors reuse the same buffers instead
/// of going back to malloc (and, for large buffers, to fresh zero pages from the kernel).
public final class Storage: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<Float>
    public let capacity: Int

    /// Uninitialised storage for `capacity` floats.
    init(capacity: Int) {
        self.capacity = capacity
        self.pointer = BufferPool.shared.take(capacity)
    }

    /// Storage filled with zeros.
    public convenience init(zeros capacity: Int) {
        self.init(capacity: capacity)
        pointer.initialize(repeating: 0, count: capacity)
    }

    deinit { BufferPool.shared.give(pointer, capacity) }
}

/// Free lists of float buffers by exact size. Training asks for the same few sizes every batch,
/// so exact-size lists hit nearly always; a cap on what is kept bounds the memory held.
final class BufferPool: @unchecked Sendable {
    static let shared = BufferPool()

    private var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private var keptFloats = 0
    private let lock = NSLock()
    /// At most this many floats (32 MB) are kept for reuse; the rest go back to the system.
    /// A training step's buffers fit many times over; a one-off large evaluation does not stay.
    private let maxKeptFloats = 8 << 20

    func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        let size = max(count, 1)
        lock.lock()
        if let pointer = free[size]?.popLast() {
            keptFloats -= size
            lock.unlock()
            return pointer
        }
        lock.unlock()
        // 64-byte alignment suits every SIMD width and cache lines.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: size * MemoryLayout<Float>.stride, alignment: 64)
        return raw.bindMemory(to: Float.self, capacity: size)
    }

    func give(_ pointer: UnsafeMutablePointer<Float>, _ count: Int) {
        let size = max(count, 1)
        lock.lock()
        if keptFloats + size <= maxKeptFloats {
            free[size, default: []].append(pointer)
            keptFloats += size
            lock.unlock()
        } else {
            lock.unlock()
            UnsafeMutableRawPointer(pointer).deallocate()
        }
    }
}
