import Tensors

/// Measurable attributes of greyscale images (values 0…1), for finding directions in a latent
/// space that change them (latent arithmetic: "thicker", "more slanted").
public enum ImageAttributes {
    /// Mean intensity of each image: how much ink it holds, a stand-in for stroke thickness.
    /// `images` is [N, …] with `width × height` values an image.
    public static func ink(_ images: Tensor, width: Int = 28, height: Int = 28) throws -> [Float] {
        let n = try imageCount(images, width: width, height: height)
        let size = width * height
        return (0..<n).map { i in
            let p = images.data + i * size
            var s: Float = 0
            for j in 0..<size { s += p[j] }
            return s / Float(size)
        }
    }

    /// The slant of each image from its second central moments, μ11 / μ02, with x to the right
    /// and y upward: the horizontal shift of the ink per row climbed. Positive leans right (the
    /// top to the right, as in "/"), 0 is upright; an image without ink, or with all of it on one
    /// row, has slant 0.
    public static func slant(_ images: Tensor, width: Int = 28, height: Int = 28) throws -> [Float] {
        let n = try imageCount(images, width: width, height: height)
        let size = width * height
        return (0..<n).map { i in
            let p = images.data + i * size
            var mass = 0.0, sx = 0.0, sy = 0.0
            for r in 0..<height {
                let y = Double(height - 1 - r)
                for c in 0..<width {
                    let v = Double(p[r * width + c])
                    mass += v; sx += v * Double(c); sy += v * y
                }
            }
            guard mass > 0 else { return 0 }
            let cx = sx / mass, cy = sy / mass
            var mu11 = 0.0, mu02 = 0.0
            for r in 0..<height {
                let dy = Double(height - 1 - r) - cy
                for c in 0..<width {
                    let v = Double(p[r * width + c])
                    mu11 += v * (Double(c) - cx) * dy
                    mu02 += v * dy * dy
                }
            }
            return mu02 > 1e-12 * mass ? Float(mu11 / mu02) : 0
        }
    }

    static func imageCount(_ images: Tensor, width: Int, height: Int) throws -> Int {
        guard width > 0, height > 0 else { throw AnalysisError.invalid("images of \(width)×\(height) pixels; both must be positive") }
        guard images.rank >= 2, images.shape[0] > 0 else { throw AnalysisError.empty("no images to measure (shape \(images.shape))") }
        let perImage = images.count / images.shape[0]
        try requireCount(perImage, "values an image", width * height, "pixels of \(width)×\(height)")
        try requireFinite(images, "the images")
        return images.shape[0]
    }
}
