import Options
import Tensors

/// What an image-to-image translator learns to turn a square grey image into.
public enum ImageTransform: String, ChoiceValue {
    /// A quarter turn anticlockwise.
    case rot90
    /// Mirrored left to right.
    case flip
    /// Strokes dilated: each pixel the largest of its 3×3 neighbourhood.
    case thick
    /// The outline of the strokes: the 3×3 dilation minus the 3×3 erosion.
    case edges

    /// Transformed copies of the square images `x` [N, side·side], row-major pixels.
    public func apply(_ x: Tensor, side: Int) -> Tensor {
        let size = side * side
        let n = size > 0 ? x.count / size : 0
        let out = Tensor(uninitialized: [n, size])
        for i in 0..<n {
            let p = x.data + i * size, q = out.data + i * size
            switch self {
            case .rot90:
                // Turning anticlockwise, row r of the result is column side−1−r of the input.
                for r in 0..<side { for c in 0..<side { q[r * side + c] = p[c * side + (side - 1 - r)] } }
            case .flip:
                for r in 0..<side { for c in 0..<side { q[r * side + c] = p[r * side + (side - 1 - c)] } }
            case .thick:
                for r in 0..<side { for c in 0..<side { q[r * side + c] = Self.window(p, side, r, c, max) } }
            case .edges:
                for r in 0..<side {
                    for c in 0..<side { q[r * side + c] = Self.window(p, side, r, c, max) - Self.window(p, side, r, c, min) }
                }
            }
        }
        return out
    }

    /// `combine` over the 3×3 window at (r, c), cut at the border.
    private static func window(_ p: UnsafeMutablePointer<Float>, _ side: Int, _ r: Int, _ c: Int, _ combine: (Float, Float) -> Float) -> Float {
        var v = p[r * side + c]
        for rr in max(0, r - 1)...min(side - 1, r + 1) {
            for cc in max(0, c - 1)...min(side - 1, c + 1) { v = combine(v, p[rr * side + cc]) }
        }
        return v
    }
}
