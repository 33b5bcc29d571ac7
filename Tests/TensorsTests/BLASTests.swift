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
}
