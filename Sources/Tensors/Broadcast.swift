/// NumPy-style broadcasting: shapes are aligned at their last axes, and an axis of size 1
/// (or a missing one) stretches to match.
enum Broadcast {
    /// The shape two operands broadcast to, or nil when they do not fit.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 { result[i] = da } else if da == 1 { result[i] = db } else { return nil }
        }
        return result
    }

    /// `input` (of shape `inShape`) stretched to `outShape`, in new storage.
    static func expand(_ input: UnsafePointer<Float>, from inShape: [Int], to outShape: [Int]) -> Storage {
        let total = outShape.reduce(1, *)
        let storage = Storage(capacity: total)
        let (block, outer, offsets) = plan(from: inShape, to: outShape)
        let y = storage.pointer
        for o in 0..<outer {
            let src = input + offsets(o)
            if block.inputStride == 0 {
                (y + o * block.length).update(repeating: src.pointee, count: block.length)
            } else {
                (y + o * block.length).update(from: src, count: block.length)
            }
        }
        return storage
    }

    /// Adds an out-shaped gradient into the gradient of an input of shape `inShape`,
    /// summing over the axes the input was stretched along.
    static func reduce(_ gradient: UnsafePointer<Float>, shape outShape: [Int], into dx: UnsafeMutablePointer<Float>, shape inShape: [Int]) {
        let (block, outer, offsets) = plan(from: inShape, to: outShape)
        for o in 0..<outer {
            let dst = dx + offsets(o)
            let src = gradient + o * block.length
            if block.inputStride == 0 {
                dst.pointee += sumVectors(block.length, src)
            } else {
                mapVectors(block.length, dst, src, dst) { $0 + $1 }
            }
        }
    }

    struct Block { var length: Int; var inputStride: Int }

    /// Splits the output into `outer` contiguous blocks of the innermost axis, and gives, for each
    /// block, the input offset it reads from.
    private static func plan(from inShape: [Int], to outShape: [Int]) -> (Block, Int, (Int) -> Int) {
        let rank = outShape.count
        let padded = [Int](repeating: 1, count: rank - inShape.count) + inShape
        var strides = [Int](repeating: 0, count: rank)
        var s = 1
        for i in stride(from: rank - 1, through: 0, by: -1) {
            strides[i] = padded[i] == 1 && outShape[i] != 1 ? 0 : s
            s *= padded[i]
        }
        guard rank > 0 else { return (Block(length: 1, inputStride: 1), 1, { _ in 0 }) }
        let inner = outShape[rank - 1]
        let block = Block(length: inner, inputStride: strides[rank - 1] == 0 && inner > 1 ? 0 : 1)
        let outer = inner == 0 ? 0 : outShape.reduce(1, *) / inner
        let outerShape = Array(outShape.dropLast())
        let outerStrides = Array(strides.dropLast())
        return (block, outer, { o in
            var rest = o, offset = 0
            for i in stride(from: outerShape.count - 1, through: 0, by: -1) {
                let d = outerShape[i]
                offset += (rest % d) * outerStrides[i]
                rest /= d
            }
            return offset
        })
    }
}
