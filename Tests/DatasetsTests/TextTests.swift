@testable import Datasets
import Foundation
import XCTest

final class TextTests: XCTestCase {
    func testTokenizerSplitsCliticsAndKeepsOnlyQuestionMarks() {
        let t = Tokenizer()
        XCTAssertEqual(t.tokens("What's the U.S. Constitution's 1st `rule' ? Can't stop, don 't o'clock"),
                       ["what", "'s", "the", "u", "s", "constitution", "'s", "1st", "rule", "?", "ca", "n't", "stop", "do", "n't", "o", "clock"])
        XCTAssertEqual(Tokenizer(punctuation: .all).tokens("Who's \"it\", then?"), ["who", "'s", "\"", "it", "\"", ",", "then", "?"])
        XCTAssertEqual(Tokenizer(punctuation: .none).tokens("Who's it?"), ["who", "'s", "it"])
        XCTAssertEqual(t.tokens("Éclair’s  CAFÉ"), ["éclair", "'s", "café"])
    }

    func testBothTRECSpellingsGiveTheSameTokens() {
        // train_5500 writes "baseball's" and "do n't"; TREC_10 writes "Australia 's" and "don 't".
        let t = Tokenizer()
        XCTAssertEqual(t.tokens("Australia's flower"), t.tokens("Australia 's flower"))
        XCTAssertEqual(t.tokens("don't"), ["do", "n't"])
        XCTAssertEqual(t.tokens("do n't"), ["do", "n't"])
        XCTAssertEqual(t.tokens("don 't"), ["do", "n't"])
    }

    func testVocabularyOrdersByFrequencyThenAlphabetAndCutsAndPadsAtTheEnd() {
        // a and b twice, c and d once.
        let texts = [["b", "a", "c"], ["a", "b", "d"]]
        let byCount = Vocabulary(counting: texts, minCount: 2)
        XCTAssertEqual(byCount.words, ["<pad>", "<unk>", "a", "b"])
        XCTAssertEqual(byCount.counts, [0, 2, 2, 2])
        let bySize = Vocabulary(counting: texts, minCount: 1, maxEntries: 5)
        XCTAssertEqual(bySize.words, ["<pad>", "<unk>", "a", "b", "c"])
        XCTAssertEqual(bySize.encode(["d", "c", "a"], length: 5), [1, 4, 2, 0, 0])
        XCTAssertEqual(bySize.encode(["a", "b", "c", "a"], length: 2), [2, 3])
        XCTAssertEqual(bySize.decode([2, 1, 0, 0]), "a <unk>")
        XCTAssertEqual(bySize.word(99), "<unk>")
    }

    func testTRECReproducesTheReferenceVocabulary() throws {
        let split = try DataCatalog.load("trec", options: DataOptions())
        XCTAssertEqual(split.train.count, 5452)
        XCTAssertEqual(split.test.count, 499)
        XCTAssertEqual(split.train.exampleShape, [10])
        let text = try XCTUnwrap(split.train.text)
        // Words seen at least twice in the training questions, with <pad> and <unk>.
        XCTAssertEqual(text.vocabulary.count, 3501)
        XCTAssertEqual(Array(text.vocabulary.words.prefix(5)), ["<pad>", "<unk>", "?", "the", "what"])
        XCTAssertEqual(split.train.classNames, ["ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM"])
        XCTAssertEqual(text.fineClassNames.count, 50)
        XCTAssertEqual(split.test.text!.vocabulary, text.vocabulary)
        // "DESC:manner How did serfdom develop in and then leave Russia ?": 10 tokens, no padding;
        // "serfdom" occurs once, so it is <unk>.
        XCTAssertEqual(text.texts[0], "How did serfdom develop in and then leave Russia ?")
        XCTAssertEqual(split.train.labels?[0], 1)
        XCTAssertEqual(text.fineClassNames[text.fineLabels![0]], "DESC:manner")
        let ids = try XCTUnwrap(split.train.tokenIDs([0]))
        XCTAssertEqual(text.vocabulary.decode(ids), "how did <unk> develop in and then leave russia ?")
        XCTAssertEqual(text.unknownCounts[0], 1)
        XCTAssertEqual(split.train.batch([0]).scalars, ids.map(Float.init))
        XCTAssertEqual(text.tokenCounts[0], 10)
        // Figures of the same reading computed separately (Python, re): 2,115 training questions
        // are longer than 10 tokens; 465 of the 3,740 test tokens are out of vocabulary.
        XCTAssertEqual(text.cutExamples, 2115)
        XCTAssertEqual(Array(text.lengthHistogram.prefix(6)), [0, 0, 2, 3, 142, 283])
        XCTAssertEqual(text.lengthHistogram.count, 35)
        XCTAssertEqual(split.test.text!.outOfVocabularyTokens, 465)
        XCTAssertEqual(split.test.text!.tokenTotal, 3740)
        XCTAssertEqual(text.outOfVocabularyTokens, 4949)
        XCTAssertTrue(split.notes.contains("vocabulary: 3501 entries, <pad> = 0, <unk> = 1 and words seen at least 2 times in the 5452 training texts"), "\(split.notes)")
        XCTAssertTrue(split.notes.contains("out of vocabulary: 465 of 3740 test tokens (12.4%) and 4949 of 54572 training tokens become <unk>"), "\(split.notes)")
    }

    func testTRECOptionsChangeVocabularyLengthAndSample() throws {
        var options = DataOptions(train: 1000, test: 100, seed: 3)
        options.vocabularySize = 500
        options.length = 20
        let split = try DataCatalog.load("trec", options: options)
        XCTAssertEqual([split.train.count, split.test.count], [1000, 100])
        XCTAssertEqual(split.train.text?.vocabulary.count, 500)
        XCTAssertEqual(split.train.exampleShape, [20])
        XCTAssertEqual(split.train.tokenIDs(0..<1000)?.count, 20_000)
        XCTAssertEqual(split.train.text?.texts.count, 1000)
        XCTAssertEqual(split.train.text?.fineLabels?.count, 1000)
    }

    func testTextFilesAreReadInTheirForm() throws {
        let dir = try TemporaryFolder()
        let tabbed = try dir.write("t.txt", "pos\tgood film\r\nneg\tbad film\r\npos\tgood good\r\nneg\tbad bad\r\npos\tfilm good\r\n")
        let split = try DataCatalog.load(tabbed, options: DataOptions())
        XCTAssertEqual(split.train.classNames, ["neg", "pos"])
        XCTAssertEqual(split.train.labels, [1, 0, 1, 0])
        XCTAssertEqual(split.test.labels, [1])
        XCTAssertEqual(split.train.text?.texts, ["good film", "bad film", "good good", "bad bad"])
        // good ×3, bad ×3, film ×2 in the four training lines.
        XCTAssertEqual(split.train.text?.vocabulary.words, ["<pad>", "<unk>", "bad", "good", "film"])

        let plain = try dir.write("p.txt", "one two\rtwo three\rone\r\rtwo\rone two three\r")
        let p = try DataCatalog.load(plain, options: DataOptions())
        XCTAssertNil(p.train.labels)
        XCTAssertEqual(p.train.text?.texts, ["one two", "two three", "one", "two"])
        XCTAssertTrue(p.notes.contains("skipped 1 blank line"), "\(p.notes)")
        XCTAssertTrue(p.notes.contains("read: 5 texts, plain text, one a line, unlabelled"), "\(p.notes)")
    }

    func testBadTextInputIsOneClearLine() throws {
        let dir = try TemporaryFolder()
        let cases: [(String, [UInt8], String)] = [
            ("empty.txt", Array(" \n\n".utf8), "empty.txt:1: the file is empty; a text file holds one text a line"),
            ("latin1.txt", Array("caf".utf8) + [0xE9, 0x0A], "latin1.txt:1: not UTF-8 text (byte 3); save the file as UTF-8"),
            ("mixed.label", Array("HUM:ind Who ?\nLOC:city Where ?\nWhat ?\n".utf8),
             "mixed.label:3: no COARSE:fine label, which line 1 and 1 other lines have; label every line the same way, or none"),
            ("tabs.txt", Array("a\tx\nb\ty\nno tab\n".utf8), "tabs.txt:3: no LABEL<tab> before the text, which line 1 and 1 other lines have; label every line the same way, or none"),
            ("nolabel.txt", Array("\tx\n".utf8), "nolabel.txt:1: an empty label before the tab"),
            ("notext.label", Array("HUM:ind\n".utf8), "notext.label:1: no text after the label HUM:ind"),
            ("oneword.txt", Array("hello there\nhello you\nhello me\nhello it\nhello all\n".utf8),
             "oneword.txt: the training texts give 1 word ('hello') seen at least 2 times; a vocabulary needs 2 or more (lower min_count, or give more text)"),
            ("four.txt", Array("a\nb\nc\nd\n".utf8), "four.txt: 4 texts; holding out every fifth as the test set needs at least 5 (or name a test file with testfile=)"),
        ]
        for (name, bytes, message) in cases {
            let path = try dir.write(name, bytes)
            XCTAssertThrowsError(try DataCatalog.load(path, options: DataOptions())) { XCTAssertEqual("\($0)", dir.path + "/" + message) }
        }
        func refusal(_ key: String, _ value: String) -> String {
            do { _ = try DataOptions.parse(options: [(key, value)], command: "data"); return "" } catch { return "\(error)" }
        }
        XCTAssertEqual(refusal("length", "0"), "data: option 'length' must be between 1 and 1000, not 0")
        XCTAssertEqual(refusal("vocab", "3"), "data: option 'vocab' must be between 4 and 1000000, not 3")
        XCTAssertEqual(refusal("punctuation", "some"), "data: option 'punctuation' must be one of question, all, none, not 'some'; did you mean 'none'?")
        var options = DataOptions()
        options.length = 5000
        XCTAssertThrowsError(try DataCatalog.load("trec", options: options)) { XCTAssertEqual("\($0)", "data: option 'length' must be between 1 and 1000, not 5000") }
    }

    func testTextAndNumbersDoNotMixAcrossTrainingAndTestFiles() throws {
        let dir = try TemporaryFolder()
        let text = try dir.write("a.txt", "one two\ntwo one\n")
        let csv = try dir.write("b.csv", "0,1\n1,0\n")
        XCTAssertThrowsError(try DataCatalog.load(text, testPath: csv)) {
            XCTAssertEqual("\($0)", "\(csv): the training data \(text) is text, so the test file must be a text file too (.txt or .label)")
        }
        XCTAssertThrowsError(try DataCatalog.load(csv, testPath: text)) {
            XCTAssertEqual("\($0)", "\(text): a text file cannot be the test set of \(csv), which is not text")
        }
    }
}
