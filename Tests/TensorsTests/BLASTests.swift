import XCTest
@testable import Tensors

final class BLASTests: XCTestCase {
    func testCoreChoiceFollowsVectorFeatures() {
        let avx512 = CPUFeatures(flags: ["sse2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl"])
        XCTAssertEqual(avx512.openBLASCore, "SkylakeX")
        XCTAssertEqual(CPUFeatures(flags: ["sse2", "avx", "avx2", "fma"]).openBLASCore, "Haswell")
        // AVX-512 foundation alone is not enough for the SkylakeX kernels.
        XCTAssertEqual(CPUFeatures(flags: ["avx", "avx2", "fma", "avx512f"]).openBLASCore, "Haswell")
        XCTAssertEqual(CPUFeatures(flags: ["sse2", "avx"]).openBLASCore, "SandyBridge")
        XCTAssertNil(CPUFeatures(flags: ["sse2", "sse3"]).openBLASCore)
    }

    func testCPUInfoParsingReadsTheFlagsLine() {
        let text = """
        processor\t: 0
        model name\t: AMD EPYC
        flags\t\t: fpu sse2 avx avx2 fma
        
        processor\t: 1
        flags\t\t: fpu
        """
        let features = CPUFeatures(cpuinfo: text)
        XCTAssertEqual(features.modelName, "AMD EPYC")
        XCTAssertEqual(features.flags, ["fpu", "sse2", "avx", "avx2", "fma"])
    }

    func testOpenBLASRunsTheCoreItWasAskedFor() throws {
        let blas = try BLASLibrary.shared()
        XCTAssertTrue(blas.usesRequestedCore, "asked for \(blas.requestedCore ?? "-") but runs \(blas.coreName)")
        if CPUFeatures.current().openBLASCore != nil {
            XCTAssertNotEqual(blas.coreName.lowercased(), "prescott")
        }
    }

    /// Products big enough to be split between cores, cut across rows and across columns, with
    /// every transposition and a leading dimension wider than the matrix, against a plain loop.
    func testSplitProductsMatchAPlainProduct() {
        var random = Random(seed: 7)
        for (m, n, k) in [(96, 640, 48), (700, 96, 40)] {
            XCTAssertGreaterThanOrEqual(m * n * k, BLAS.parallelWork)
            for transA in [false, true] {
                for transB in [false, true] {
                    let lda = (transA ? m : k) + 3, ldb = (transB ? k : n) + 5, ldc = n + 2
                    var a = [Float](repeating: 0, count: (transA ? k : m) * lda)
                    var b = [Float](repeating: 0, count: (transB ? n : k) * ldb)
                    for i in a.indices { a[i] = random.normal() }
                    for i in b.indices { b[i] = random.normal() }
                    var c = [Float](repeating: 1, count: m * ldc)
                    BLAS.gemm(transA, transB, m: m, n: n, k: k, alpha: 0.5, a, lda: lda, b, ldb: ldb, beta: 2, &c, ldc: ldc)
                    var worst: Float = 0
                    for i in 0..<m {
                        for j in 0..<n {
                            var sum: Float = 0
                            for p in 0..<k {
                                sum += (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j])
                            }
                            worst = max(worst, abs(c[i * ldc + j] - (0.5 * sum + 2)))
                        }
                        // The padding past each row of C is left alone.
                        XCTAssertEqual(c[i * ldc + n], 1)
                        XCTAssertEqual(c[i * ldc + n + 1], 1)
                    }
                    XCTAssertLessThan(worst, 1e-3, "m \(m) n \(n) k \(k) transA \(transA) transB \(transB)")
                }
            }
        }
    }

    func testPoolRunsEveryPartOnce() {
        for parts in [1, 2, 3, 5] {
            var hits = [Int](repeating: 0, count: parts)
            hits.withUnsafeMutableBufferPointer { hits in
                let base = hits.baseAddress!
                Parallel.run(parts: parts) { k in base[k] += 1 }
            }
            XCTAssertEqual(hits, [Int](repeating: 1, count: parts), "\(parts) parts")
        }
        var covered = [Int](repeating: 0, count: 100_003)
        covered.withUnsafeMutableBufferPointer { covered in
            let base = covered.baseAddress!
            Parallel.chunks(covered.count, minimum: 1000) { range in for i in range { base[i] += 1 } }
        }
        XCTAssertEqual(covered.min(), 1)
        XCTAssertEqual(covered.max(), 1)
    }
}
