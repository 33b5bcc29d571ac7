import Options
import XCTest

enum Shade: String, ChoiceValue { case light, dark }

struct Common: Declared {
    @Option(help: "seed for the initial weights") var seed: UInt64 = 0
}

struct Example: Declared {
    @Argument(help: "what to build") var kind: String?
    @Option(help: "passes over the data", in: 1...100) var epochs = 10
    @Option(name: "lr", help: "learning rate", in: 1e-9...10) var learningRate: Float = 0.001
    @Option(help: "layer widths", each: 1...4096) var hidden = [512]
    @Option(help: "colours") var shade = Shade.dark
    @Option(help: "how many to keep", in: 1...1000) var keep: Int?
    @Option(help: "words seen this often") var minCount = 2
    @OptionGroup var common: Common
}

final class DeclaredTests: XCTestCase {
    func testDefaultsHoldWhenNothingIsGiven() throws {
        let e = try Example.parse(command: "x")
        XCTAssertEqual(e.epochs, 10)
        XCTAssertEqual(e.learningRate, 0.001)
        XCTAssertEqual(e.hidden, [512])
        XCTAssertEqual(e.shade, .dark)
        XCTAssertNil(e.keep)
        XCTAssertNil(e.kind)
        XCTAssertEqual(e.common.seed, 0)
    }

    func testOptionsArgumentsAndGroupsAreRead() throws {
        let e = try Example.parse(arguments: ["vae"], options: [("epochs", "3"), ("lr", "0.01"), ("hidden", "128,64"),
                                                                ("shade", "light"), ("keep", "20"), ("seed", "7"), ("min_count", "1")], command: "x")
        XCTAssertEqual(e.kind, "vae")
        XCTAssertEqual(e.epochs, 3)
        XCTAssertEqual(e.learningRate, 0.01)
        XCTAssertEqual(e.hidden, [128, 64])
        XCTAssertEqual(e.shade, .light)
        XCTAssertEqual(e.keep, 20)
        XCTAssertEqual(e.common.seed, 7)
        XCTAssertEqual(e.minCount, 1)
    }

    func testDeclarationsListNamesDefaultsAndChoicesInOrder() {
        let d = Example.declarations
        XCTAssertEqual(d.map(\.name), ["KIND", "epochs", "lr", "hidden", "shade", "keep", "min_count", "seed"])
        XCTAssertEqual(d.map(\.defaultText), ["", "10", "0.001", "512", "dark", "", "2", "0"])
        XCTAssertEqual(d.first { $0.name == "shade" }?.choices, ["light", "dark"])
        XCTAssertEqual(d.first { $0.name == "epochs" }?.usage, "epochs=N")
    }

    func testEveryRefusalNamesTheCommandTheOptionAndWhy() {
        func error(_ options: [(String, String)], _ arguments: [String] = []) -> String {
            do { _ = try Example.parse(arguments: arguments, options: options.map { (key: $0.0, value: $0.1) }, command: "train"); return "" } catch { return "\(error)" }
        }
        XCTAssertEqual(error([("epochs", "0")]), "train: option 'epochs' must be between 1 and 100, not 0")
        XCTAssertEqual(error([("epochs", "ten")]), "train: option 'epochs' must be a whole number, not 'ten'")
        XCTAssertEqual(error([("epocs", "2")]), "train: unknown option 'epocs'; did you mean 'epochs'?")
        XCTAssertEqual(error([("hidden", "0,5")]), "train: option 'hidden' values must be between 1 and 4096, not 0")
        XCTAssertEqual(error([("shade", "drak")]), "train: option 'shade' must be one of light, dark, not 'drak'; did you mean 'dark'?")
        XCTAssertEqual(error([("keep", "5000")]), "train: option 'keep' must be between 1 and 1000, not 5000")
        XCTAssertEqual(error([("lr", "nan")]), "train: option 'lr' must be a number, not 'nan'")
        XCTAssertEqual(error([("epochs", "1"), ("epochs", "2")]), "train: option 'epochs' is given twice")
        XCTAssertEqual(error([], ["vae", "1"]), "train: unexpected '1'; options are written name=value; it takes epochs, lr, hidden, shade, keep, min_count, seed")
        XCTAssertEqual(error([], ["vae", "epochs＝1"]), "train: unexpected 'epochs＝1'; did you mean 'epochs=1'?")
    }

    func testChangedOptionsAreWhatDiffersFromTheDefaults() throws {
        let e = try Example.parse(options: [("epochs", "3"), ("lr", "0.001"), ("seed", "2")], command: "x")
        XCTAssertEqual(e.changedOptions, ["epochs=3", "seed=2"])
        XCTAssertEqual(e.optionTexts.map(\.name), ["epochs", "lr", "hidden", "shade", "keep", "min_count", "seed"])
    }

    func testValuesReadBackFromTheirOwnText() throws {
        for text in ["0.0005", "1e-07", "2.5"] {
            let v = try Float.parse(text).get()
            XCTAssertEqual(try Float.parse(v.optionText).get(), v)
        }
        XCTAssertEqual([Int]().optionText, "none")
        XCTAssertEqual(try [Int].parse("none").get(), [])
        XCTAssertEqual(try Int.parse("60_000").get(), 60_000)
    }

    func testSuggestionsFindTyposAndPrefixesButNotStrangers() {
        XCTAssertEqual(closest(to: "epocs", in: ["epochs", "batch"]), "epochs")
        XCTAssertEqual(closest(to: "ba", in: ["epochs", "batch"]), "batch")
        XCTAssertNil(closest(to: "zzzz", in: ["epochs", "batch"]))
        XCTAssertNil(closest(to: String(repeating: "x", count: 100_000), in: ["epochs"]))
    }
}

struct Stack: Declared {
    @Option(help: "width", in: 1...100) var width = 50
}

struct Narrow: Declared {
    @OptionGroup var stack: Stack
    init() { stack.width = 2 }
}

final class GroupDefaultsTests: XCTestCase {
    func testADeclarationsInitSetsItsGroupsDefaults() throws {
        XCTAssertEqual(Narrow.declarations.first?.defaultText, "2")
        XCTAssertEqual(try Narrow.parse(command: "x").stack.width, 2)
        XCTAssertEqual(try Narrow.parse(options: [("width", "7")], command: "x").stack.width, 7)
        XCTAssertEqual(try Stack.parse(command: "x").width, 50)
    }
}

struct Hidden: Declared {
    @Option(help: "hidden activation") var activation = Shade.dark
}

struct Code: Declared {
    @Option(name: "code", help: "code activation") var activation = Shade.dark
}

struct TwoGroups: Declared {
    @OptionGroup var hidden: Hidden
    @OptionGroup var code: Code
}

final class GroupNamespaceTests: XCTestCase {
    func testGroupsWithTheSamePropertyNamesKeepTheirOwnValues() throws {
        let parsed = try TwoGroups.parse(options: [("code", "light")], command: "x")
        XCTAssertEqual(parsed.code.activation, .light)
        XCTAssertEqual(parsed.hidden.activation, .dark, "setting one group's option leaves the other's alone")
        XCTAssertEqual(parsed.optionTexts.map { "\($0.name)=\($0.text)" }, ["activation=dark", "code=light"])
    }
}
