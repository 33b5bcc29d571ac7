import Foundation

/// A type an option's value can have: parsed from the text after `=`, and written back as text
/// (for `write`, the model file and `describe`).
public protocol OptionValue: Codable, Sendable, Equatable {
    /// The value `text` names, or a problem in words ("must be a whole number, not 'x'").
    static func parse(_ text: String) -> Result<Self, OptionProblem>
    /// The value as a notebook line would give it.
    var optionText: String { get }
    /// What to type, for usage lines: "N", "X", "A,B", "yes|no".
    static var placeholder: String { get }
    /// Every value there is, when there are few (for help and Tab completion).
    static var choices: [String]? { get }
}

extension OptionValue {
    public static var choices: [String]? { nil }
}

/// Why an option's text was refused; the parser adds which option and command.
public struct OptionProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String
    /// The closest valid word, for a did-you-mean.
    public var suggestion: String?

    public init(_ reason: String, suggestion: String? = nil) {
        self.reason = reason
        self.suggestion = suggestion
    }

    public var description: String { reason + (suggestion.map { "; did you mean '\($0)'?" } ?? "") }
}

extension Int: OptionValue {
    public static func parse(_ text: String) -> Result<Int, OptionProblem> {
        // 60_000 and 60,000 read as people write them; a full-width digit is not a digit here.
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard let v = Int(cleaned) else { return .failure(OptionProblem("must be a whole number, not '\(text)'")) }
        return .success(v)
    }
    public var optionText: String { String(self) }
    public static var placeholder: String { "N" }
}

extension UInt64: OptionValue {
    public static func parse(_ text: String) -> Result<UInt64, OptionProblem> {
        guard let v = UInt64(text.replacingOccurrences(of: "_", with: "")) else {
            return .failure(OptionProblem("must be a whole number ≥ 0, not '\(text)'"))
        }
        return .success(v)
    }
    public var optionText: String { String(self) }
    public static var placeholder: String { "N" }
}

extension Float: OptionValue {
    public static func parse(_ text: String) -> Result<Float, OptionProblem> {
        guard let v = Float(text), v.isFinite else { return .failure(OptionProblem("must be a number, not '\(text)'")) }
        return .success(v)
    }
    /// The shortest text that reads back as the same Float ("0.0005", "1e-07").
    public var optionText: String { "\(self)".replacingOccurrences(of: ".0e", with: "e").droppingTrailingPointZero }
    public static var placeholder: String { "X" }
}

extension Double: OptionValue {
    public static func parse(_ text: String) -> Result<Double, OptionProblem> {
        guard let v = Double(text), v.isFinite else { return .failure(OptionProblem("must be a number, not '\(text)'")) }
        return .success(v)
    }
    public var optionText: String { "\(self)".droppingTrailingPointZero }
    public static var placeholder: String { "X" }
}

extension Bool: OptionValue {
    public static func parse(_ text: String) -> Result<Bool, OptionProblem> {
        switch text.lowercased() {
        case "yes", "true", "on", "1": return .success(true)
        case "no", "false", "off", "0": return .success(false)
        default: return .failure(OptionProblem("must be yes or no, not '\(text)'", suggestion: closest(to: text, in: ["yes", "no"])))
        }
    }
    public var optionText: String { self ? "yes" : "no" }
    public static var placeholder: String { "yes|no" }
    public static var choices: [String]? { ["yes", "no"] }
}

extension String: OptionValue {
    public static func parse(_ text: String) -> Result<String, OptionProblem> { .success(text) }
    public var optionText: String { self }
    public static var placeholder: String { "TEXT" }
}

/// A comma-separated list of whole numbers (`hidden=128,64`); `none` or nothing is the empty list.
extension Array: OptionValue where Element == Int {
    public static func parse(_ text: String) -> Result<[Int], OptionProblem> {
        if text == "none" || text.isEmpty { return .success([]) }
        var values: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let v = Int(part.replacingOccurrences(of: "_", with: "")) else {
                return .failure(OptionProblem("must be whole numbers separated by commas, not '\(text)'"))
            }
            values.append(v)
        }
        return .success(values)
    }
    public var optionText: String { isEmpty ? "none" : map(String.init).joined(separator: ",") }
    public static var placeholder: String { "N,N…" }
}

/// Enums of words (`noise=gaussian|saltpepper|mask`): parsed by name, completed from their cases.
public protocol ChoiceValue: OptionValue, CaseIterable, RawRepresentable where RawValue == String {}

extension ChoiceValue {
    public static func parse(_ text: String) -> Result<Self, OptionProblem> {
        if let v = Self(rawValue: text) ?? Self(rawValue: text.lowercased()) { return .success(v) }
        let names = allCases.map(\.rawValue)
        return .failure(OptionProblem("must be one of \(names.joined(separator: ", ")), not '\(text)'", suggestion: closest(to: text, in: names)))
    }
    public var optionText: String { rawValue }
    public static var placeholder: String { allCases.map(\.rawValue).joined(separator: "|") }
    public static var choices: [String]? { allCases.map(\.rawValue) }
}

/// An optional value: absent until given.
extension Optional: OptionValue where Wrapped: OptionValue {
    public static func parse(_ text: String) -> Result<Wrapped?, OptionProblem> { Wrapped.parse(text).map { $0 } }
    public var optionText: String { self?.optionText ?? "" }
    public static var placeholder: String { Wrapped.placeholder }
    public static var choices: [String]? { Wrapped.choices }
}

extension String {
    fileprivate var droppingTrailingPointZero: String { hasSuffix(".0") ? String(dropLast(2)) : self }
}
