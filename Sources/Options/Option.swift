/// A `name=value` option, declared once with its default, its check and its help — the way
/// swift-argument-parser's `@Option` works. Parsing, `help`, the usage line, Tab completion and
/// the text written back to files all come from the declaration:
///
///     struct Train: Declared {
///         @Option(help: "passes over the training set", in: 1...100_000) var epochs = 10
///         @Option(name: "lr", help: "learning rate", in: 1e-9...10) var learningRate: Float = 0.001
///     }
///
/// The option's name is the property's, in snake_case (`minCount` is `min_count`), unless given.
@propertyWrapper
public struct Option<Value: OptionValue>: Decodable, Sendable {
    public var wrappedValue: Value
    let name: String?
    let help: String
    let check: @Sendable (Value) -> OptionProblem?

    public init(wrappedValue: Value, name: String? = nil, help: String) {
        self.wrappedValue = wrappedValue
        self.name = name
        self.help = help
        check = { _ in nil }
    }

    /// An option whose value must lie in `range`.
    public init(wrappedValue: Value, name: String? = nil, help: String, in range: ClosedRange<Value>) where Value: Comparable {
        self.wrappedValue = wrappedValue
        self.name = name
        self.help = help
        check = { v in
            range.contains(v) ? nil : OptionProblem("must be between \(range.lowerBound.optionText) and \(range.upperBound.optionText), not \(v.optionText)")
        }
    }

    /// An option that is absent (nil) until given.
    public init(name: String? = nil, help: String) where Value: ExpressibleByNilLiteral {
        self.init(wrappedValue: nil, name: name, help: help)
    }

    /// An option absent until given, whose value then must lie in `range`.
    public init<Wrapped: Comparable & OptionValue>(name: String? = nil, help: String, in range: ClosedRange<Wrapped>)
    where Value == Wrapped? {
        self.wrappedValue = nil
        self.name = name
        self.help = help
        check = { v in
            guard let v else { return nil }
            return range.contains(v) ? nil : OptionProblem("must be between \(range.lowerBound.optionText) and \(range.upperBound.optionText), not \(v.optionText)")
        }
    }

    /// A list option (`hidden=128,64`) whose every entry must lie in `range`, with at most
    /// `maxCount` entries.
    public init(wrappedValue: Value, name: String? = nil, help: String, each range: ClosedRange<Int>, maxCount: Int = 64) where Value == [Int] {
        self.wrappedValue = wrappedValue
        self.name = name
        self.help = help
        check = { list in
            if list.count > maxCount { return OptionProblem("takes at most \(maxCount) values, not \(list.count)") }
            if let bad = list.first(where: { !range.contains($0) }) {
                return OptionProblem("values must be between \(range.lowerBound) and \(range.upperBound), not \(bad)")
            }
            return nil
        }
    }

    /// Read by the parser from its store of parsed values (see `Declared.parse`).
    public init(from decoder: Decoder) throws {
        wrappedValue = try decoder.singleValueContainer().decode(Value.self)
        name = nil
        help = ""
        check = { _ in nil }
    }
}

/// A positional word (`model vae`, `export FILE.png`), in the order declared.
@propertyWrapper
public struct Argument<Value: OptionValue>: Decodable, Sendable {
    public var wrappedValue: Value
    let name: String?
    let help: String
    /// Whether the command may be used without it (usage shows it in brackets).
    let optional: Bool

    public init(wrappedValue: Value, name: String? = nil, help: String, optional: Bool = false) {
        self.wrappedValue = wrappedValue
        self.name = name
        self.help = help
        self.optional = optional
    }

    /// A word that is nil when not given; `optional` says whether the command needs it.
    public init(name: String? = nil, help: String, optional: Bool = false) where Value: ExpressibleByNilLiteral {
        self.init(wrappedValue: nil, name: name, help: help, optional: optional)
    }

    public init(from decoder: Decoder) throws {
        wrappedValue = try decoder.singleValueContainer().decode(Value.self)
        name = nil
        help = ""
        optional = false
    }
}

/// Options shared by several declarations (every model kind's `seed` and `init`), declared
/// once in their own struct and included where they apply.
@propertyWrapper
public struct OptionGroup<Group: Declared>: Decodable, Sendable {
    public var wrappedValue: Group

    public init() { wrappedValue = Group() }
    public init(wrappedValue: Group) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws { wrappedValue = try Group(from: decoder) }
}
