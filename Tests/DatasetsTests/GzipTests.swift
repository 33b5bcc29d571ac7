@testable import Datasets
import XCTest

final class GzipTests: XCTestCase {
    func testCompressedBytesAreGzipAndInflateBackToTheInput() throws {
        let input = (0..<10_000).map { UInt8(($0 / 100) % 7) }
        let packed = try Gzip.compress(input)
        // gzip's magic number, and runs of one value shrink a lot.
        XCTAssertEqual(Array(packed.prefix(2)), [0x1F, 0x8B])
        XCTAssertLessThan(packed.count, input.count / 20)
        XCTAssertEqual(try ByteSource(bytes: packed, path: "mem").readAll(), input)
        XCTAssertEqual(try ByteSource(bytes: try Gzip.compress([]), path: "empty").readAll(), [])
    }
}
