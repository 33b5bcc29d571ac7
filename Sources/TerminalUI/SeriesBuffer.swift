/// A curve that may grow to any length but keeps at most `capacity` points: when full, each
/// pair of neighbours becomes their mean, and later points are averaged in twice as many at a
/// time. Per-batch losses over a long run stay cheap to draw.
struct SeriesBuffer {
    private(set) var xs: [Double] = []
    private(set) var ys: [Double] = []
    let capacity: Int
    /// Raw points averaged into each stored point.
    private(set) var bucket = 1
    private var pending: (x: Double, y: Double, count: Int) = (0, 0, 0)

    init(capacity: Int = 400) { self.capacity = max(2, capacity - capacity % 2) }

    mutating func append(x: Double, y: Double) {
        guard y.isFinite else { return }
        pending = (pending.x + x, pending.y + y, pending.count + 1)
        guard pending.count >= bucket else { return }
        xs.append(pending.x / Double(pending.count))
        ys.append(pending.y / Double(pending.count))
        pending = (0, 0, 0)
        if xs.count >= capacity {
            xs = stride(from: 0, to: xs.count - 1, by: 2).map { (xs[$0] + xs[$0 + 1]) / 2 }
            ys = stride(from: 0, to: ys.count - 1, by: 2).map { (ys[$0] + ys[$0 + 1]) / 2 }
            bucket *= 2
        }
    }

    var isEmpty: Bool { xs.isEmpty }
}
