@testable import Datasets
import Foundation
import XCTest

/// `data … hash=N`: Keras's hashing trick with a hash that is the same in every run.
final class WordHashingTests: XCTestCase {
    func testFNV1aGivesThePublishedValues() {
        // The FNV reference vectors (64-bit FNV-1a): the offset basis for "", then "a", "foobar".
        XCTAssertEqual(WordHashing.fnv1a(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(WordHashing.fnv1a("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(WordHashing.fnv1a("foobar"), 0x8594_4171_f739_67e8)
    }

    func testIdsAreTheHashModNMinusOnePlusOneAndZeroIsPadding() {
        let hashing = WordHashing(buckets: 20)
        // 0xaf63dc4c8601ec8c mod 19 = 4 (Python), so "a" is id 5.
        XCTAssertEqual(hashing.id("a"), Int32(UInt64(0xaf63_dc4c_8601_ec8c) % 19) + 1)
        XCTAssertEqual(hashing.id("a"), 5)
        // Every word lands in 1…19, never on padding.
        let words = (0..<2000).map { "w\($0)" }
        XCTAssertTrue(words.allSatisfy { (1...19).contains(hashing.id($0)) })
        XCTAssertEqual(Set(words.map(hashing.id)).count, 19)
        // With 2 ids, every word is id 1.
        XCTAssertEqual(WordHashing(buckets: 2).encode(["x", "y"], length: 3), [1, 1, 0])
        // Padded and cut at the end, as pad_sequences(padding='post', truncating='post').
        XCTAssertEqual(hashing.encode(["a"], length: 4), [5, 0, 0, 0])
        XCTAssertEqual(hashing.encode(["a", "a", "a", "a", "b"], length: 2), [5, 5])
    }

    func testMembersListTheWordsThatShareABucketInOrderOfFirstUse() {
        let hashing = WordHashing(buckets: 3)
        let texts = [["x", "y", "x"], ["z", "y", "w"]]
        let members = hashing.members(of: texts)
        XCTAssertEqual(members.count, 3)
        XCTAssertEqual(members[0], [])
        XCTAssertEqual(members.joined().sorted(), ["w", "x", "y", "z"])
        for (id, group) in members.enumerated() { XCTAssertTrue(group.allSatisfy { hashing.id($0) == Int32(id) }) }
        XCTAssertEqual(members[Int(hashing.id("x"))].first, "x")
    }

    func testHashedTextNumbersEveryWordAndNamesTheSharedBuckets() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("reviews.txt", "pos\twell done!\npos\tgreat work\nneg\tpoor work\nneg\tnot good at all\n")
        var options = DataOptions(testPath: path)
        options.hashBuckets = 20
        options.length = 4
        let split = try DataCatalog.load(path, options: options)
        XCTAssertEqual(split.train.count, 4)
        XCTAssertEqual(split.train.exampleShape, [4])
        let text = try XCTUnwrap(split.train.text)
        XCTAssertEqual(text.vocabulary.count, 20)
        XCTAssertEqual(text.vocabulary.words.prefix(3), ["<pad>", "#1", "#2"])
        XCTAssertEqual(text.outOfVocabularyTokens, 0)
        let hashing = WordHashing(buckets: 20)
        // "well done!" → two hashed ids, padded; "!" is not a token.
        XCTAssertEqual(split.train.tokenIDs([0]), [hashing.id("well"), hashing.id("done"), 0, 0])
        // "not good at all" is cut to 4 (it has 4 words: nothing cut) and "work" is one id in both texts.
        XCTAssertEqual(split.train.tokenIDs([3]), ["not", "good", "at", "all"].map(hashing.id))
        XCTAssertEqual(split.train.tokenIDs([1])?[1], split.train.tokenIDs([2])?[1])
        XCTAssertEqual(text.encode(["work"]), [hashing.id("work")])
        XCTAssertTrue(text.knows("anything"))
        XCTAssertTrue(split.notes.contains { $0.hasPrefix("hash: every word to 1 + FNV-1a mod 19") })
        let distinct = ["well", "done", "great", "work", "poor", "not", "good", "at", "all"]
        let filled = Set(distinct.map(hashing.id)).count
        XCTAssertTrue(split.notes.contains { $0.hasPrefix("buckets: the 9 distinct words of the 4 training texts fill \(filled) of 19") }, "\(split.notes)")
    }

    func testHashRefusesOptionsThatPickAVocabularyAndOutOfRangeCounts() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("reviews.txt", "pos\tgood\nneg\tbad\npos\tfine\nneg\tpoor\npos\tgreat\n")
        var options = DataOptions()
        options.hashBuckets = 20
        options.vocabularySize = 10
        XCTAssertThrowsError(try DataCatalog.load(path, options: options)) { error in
            XCTAssertEqual("\(error)", "option vocab: picks the words of a vocabulary, and hash= numbers every word by its hash instead; give one or the other")
        }
        for buckets in [0, 1, 1_000_001, Int.max] {
            var bad = DataOptions()
            bad.hashBuckets = buckets
            XCTAssertThrowsError(try DataCatalog.load(path, options: bad), "hash=\(buckets)")
        }
        let empty = try folder.write("empty.txt", "")
        var hashed = DataOptions()
        hashed.hashBuckets = 20
        XCTAssertThrowsError(try DataCatalog.load(empty, options: hashed)) { error in
            XCTAssertTrue("\(error)".contains("the file is empty"), "\(error)")
        }
    }
}
