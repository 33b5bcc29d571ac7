import Foundation

/// A struct whose `@Option`, `@Argument` and `@OptionGroup` properties are what a command (or a
/// model kind) accepts. `init()` gives the defaults; `parse` fills in what a line says.
public protocol Declared: Decodable, Sendable {
    init()
}

/// One option or positional word, as parsing, help and completion see it.
public struct Declaration: Sendable {
    public enum Role: Sendable { case option, argument }

    public let role: Role
    /// As typed in a notebook: `epochs`, `eps_std`.
    public let name: String
    public let help: String
    /// What to type: "N", "X", "gaussian|saltpepper|mask".
    public let placeholder: String
    /// Every value there is, when there are few.
    public let choices: [String]?
    /// The default as text; empty when the option is absent until given.
    public let defaultText: String
    /// For a positional word: whether the command may go without it.
    public var isOptional = false
    /// The property behind it (its coding key).
    let key: String
    let parse: @Sendable (String) -> Result<any Sendable, OptionProblem>
    let defaultValue: any Sendable

    /// "epochs=N", or "FILE" for a positional word.
    public var usage: String { role == .option ? "\(name)=\(placeholder)" : name }
}

/// Anything that contributes declarations: an option, an argument, or a group of them.
protocol DeclarationSource {
    /// `key` is the property's path ("stack.latent"): groups prefix their members with their own.
    func declarations(key: String) -> [Declaration]
    /// (name, value as text) of every option below, for writing a declaration back out.
    func texts(key: String) -> [(key: String, text: String)]
}

extension Option: DeclarationSource {
    func declarations(key: String) -> [Declaration] {
        let check = self.check
        return [Declaration(
            role: .option, name: name ?? snakeCase(propertyName(key)), help: help, placeholder: Value.placeholder, choices: Value.choices,
            defaultText: wrappedValue.optionText, key: key,
            parse: { text in
                switch Value.parse(text) {
                case .success(let v): return check(v).map { .failure($0) } ?? .success(v)
                case .failure(let problem): return .failure(problem)
                }
            },
            defaultValue: wrappedValue)]
    }

    func texts(key: String) -> [(key: String, text: String)] { [(key, wrappedValue.optionText)] }
}

extension Argument: DeclarationSource {
    func declarations(key: String) -> [Declaration] {
        var d = Declaration(role: .argument, name: name ?? propertyName(key).uppercased(), help: help, placeholder: Value.placeholder, choices: Value.choices,
                            defaultText: wrappedValue.optionText, key: key,
                            parse: { text in Value.parse(text).map { $0 } }, defaultValue: wrappedValue)
        d.isOptional = optional
        return [d]
    }

    func texts(key: String) -> [(key: String, text: String)] { [] }
}

extension OptionGroup: DeclarationSource {
    /// The group's options with the defaults this instance holds: a kind's `init()` may set
    /// its own defaults for a shared group.
    func declarations(key: String) -> [Declaration] { reflectedDeclarations(wrappedValue, prefix: key + ".") }
    func texts(key: String) -> [(key: String, text: String)] { reflectedTexts(wrappedValue, prefix: key + ".") }
}

/// Marks group wrappers, whose options share their parent's flat namespace.
protocol GroupDecodable {}
extension OptionGroup: GroupDecodable {}

extension Declared {
    /// Every option and positional word, in declaration order (groups expanded in place).
    public static var declarations: [Declaration] { reflectedDeclarations(Self(), prefix: "") }

    public static var options: [Declaration] { declarations.filter { $0.role == .option } }
    public static var arguments: [Declaration] { declarations.filter { $0.role == .argument } }

    /// The values of every option, as `name=value` would give them, in declaration order.
    public var optionTexts: [(name: String, text: String)] {
        let names = Dictionary(Self.options.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
        return keyedTexts.compactMap { pair in names[pair.key].map { ($0, pair.text) } }
    }

    /// The options whose values differ from their defaults, as `name=value` words.
    public var changedOptions: [String] {
        let defaults = Dictionary(Self.options.map { ($0.name, $0.defaultText) }, uniquingKeysWith: { a, _ in a })
        return optionTexts.filter { defaults[$0.name] != $0.text }.map { "\($0.name)=\($0.text)" }
    }

    var keyedTexts: [(key: String, text: String)] { reflectedTexts(self, prefix: "") }

    /// The declaration with `options` and positional `arguments` applied; every other property
    /// keeps its default.
    /// - Parameter command: names the command in errors ("train: option 'epochs' must be …").
    public static func parse(arguments: [String] = [], options: [(key: String, value: String)] = [], command: String) throws -> Self {
        let all = declarations
        precondition(Set(all.map(\.name)).count == all.count, "\(Self.self) declares an option name twice: \(all.map(\.name))")
        var store: [String: any Sendable] = [:]
        for d in all { store[d.key] = d.defaultValue }
        let optionNames = all.filter { $0.role == .option }.map(\.name)
        var seen = Set<String>()
        for (key, value) in options {
            guard let d = all.first(where: { $0.role == .option && $0.name == key }) else {
                throw OptionError.unknownOption(command: command, option: key, suggestion: closest(to: key, in: optionNames), known: optionNames)
            }
            guard seen.insert(key).inserted else { throw OptionError.badValue(command: command, option: key, problem: OptionProblem("is given twice")) }
            switch d.parse(value) {
            case .success(let v): store[d.key] = v
            case .failure(let problem): throw OptionError.badValue(command: command, option: key, problem: problem)
            }
        }
        let positional = all.filter { $0.role == .argument }
        for (i, word) in arguments.enumerated() {
            guard i < positional.count else {
                throw OptionError.unexpectedWord(command: command, word: word, hint: hint(for: word, options: optionNames))
            }
            switch positional[i].parse(word) {
            case .success(let v): store[positional[i].key] = v
            case .failure(let problem): throw OptionError.badArgument(command: command, name: positional[i].name, problem: problem)
            }
        }
        return try Self(from: StoreDecoder(store: store, prefix: ""))
    }

    /// What a stray word probably meant.
    static func hint(for word: String, options: [String]) -> String {
        for sign in ["＝", "≔", ":"] where word.contains(sign) {
            let fixed = word.replacingOccurrences(of: sign, with: "=")
            if let key = fixed.split(separator: "=").first, options.contains(String(key)) { return "did you mean '\(fixed)'?" }
        }
        if let close = closest(to: word, in: options) { return "options are written name=value, e.g. \(close)=…" }
        return options.isEmpty ? "it takes no such word" : "options are written name=value; it takes " + options.joined(separator: ", ")
    }
}

/// Why a line's options or words were refused, naming the command and the option.
public enum OptionError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownOption(command: String, option: String, suggestion: String?, known: [String])
    case badValue(command: String, option: String, problem: OptionProblem)
    case badArgument(command: String, name: String, problem: OptionProblem)
    case unexpectedWord(command: String, word: String, hint: String)

    public var description: String {
        switch self {
        case let .unknownOption(command, option, suggestion, known):
            let hint = suggestion.map { "did you mean '\($0)'?" } ?? (known.isEmpty ? "it takes no options" : "it takes " + known.joined(separator: ", "))
            return "\(command): unknown option '\(option)'; \(hint)"
        case let .badValue(command, option, problem):
            return "\(command): option '\(option)' \(problem)"
        case let .badArgument(command, name, problem):
            return "\(command): \(name) \(problem)"
        case let .unexpectedWord(command, word, hint):
            return "\(command): unexpected '\(word)'; \(hint)"
        }
    }
}

/// The declarations of `value`'s wrapped properties, in order, groups expanded in place.
func reflectedDeclarations(_ value: Any, prefix: String) -> [Declaration] {
    Mirror(reflecting: value).children.flatMap { child -> [Declaration] in
        guard let label = child.label, let source = child.value as? DeclarationSource else { return [] }
        return source.declarations(key: prefix + label.dropFirst())
    }
}

/// The values of `value`'s options as text, keyed by property path.
func reflectedTexts(_ value: Any, prefix: String) -> [(key: String, text: String)] {
    Mirror(reflecting: value).children.flatMap { child -> [(key: String, text: String)] in
        guard let label = child.label, let source = child.value as? DeclarationSource else { return [] }
        return source.texts(key: prefix + label.dropFirst())
    }
}

/// The property's own name at the end of a path ("stack.latent" → "latent").
func propertyName(_ path: String) -> String { path.split(separator: ".").last.map(String.init) ?? path }

/// `learningRate` → `learning_rate`.
func snakeCase(_ name: String) -> String {
    var out = ""
    for c in name {
        if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
    }
    return out
}

extension Declaration {
    /// A positional word declared outside a struct, holding text: a word whose meaning decides
    /// the other declarations (the kind in `model KIND …`).
    public static func word(name: String, help: String, choices: [String]?) -> Declaration {
        Declaration(role: .argument, name: name, help: help, placeholder: choices?.joined(separator: "|") ?? name, choices: choices,
                    defaultText: "", key: name, parse: { .success($0) }, defaultValue: String?.none)
    }
}

extension Declared {
    /// The same values, checked again as a line would be (for values set as properties).
    public func validated(command: String) throws -> Self {
        try Self.parse(options: optionTexts.filter { !$0.text.isEmpty }.map { (key: $0.name, value: $0.text) }, command: command)
    }
}
