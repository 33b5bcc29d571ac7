/// A command's `key=value` options, checked against what the command accepts and read with
/// typed getters whose errors name the option and the value that is wrong.
public struct Options {
    let command: String
    private var values: [String: String]

    /// Fails on the first option the command does not take, suggesting the closest one.
    init(_ command: Command, allowed: [String]) throws {
        self.command = command.name
        values = [:]
        for (key, value) in command.options {
            guard allowed.contains(key) else {
                throw NotebookError.unknownOption(command: command.name, option: key, suggestion: suggestion(for: key, in: allowed), known: allowed)
            }
            values[key] = value
        }
    }

    func has(_ key: String) -> Bool { values[key] != nil }
    func string(_ key: String) -> String? { values[key] }

    func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        try int(key, in: range) ?? fallback
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let raw = values[key] else { return nil }
        guard let v = Int(raw.replacingOccurrences(of: "_", with: "")) else { throw bad(key, "must be a whole number, not '\(raw)'") }
        guard range.contains(v) else { throw bad(key, "must be between \(range.lowerBound) and \(range.upperBound), not \(v)") }
        return v
    }

    func float(_ key: String, default fallback: Float, in range: ClosedRange<Float>) throws -> Float {
        guard let raw = values[key] else { return fallback }
        guard let v = Float(raw), v.isFinite else { throw bad(key, "must be a number, not '\(raw)'") }
        guard range.contains(v) else { throw bad(key, "must be between \(range.lowerBound) and \(range.upperBound), not \(raw)") }
        return v
    }

    /// A comma-separated list of whole numbers, e.g. `hidden=128,64` (`none` for an empty list).
    func intList(_ key: String, default fallback: [Int], in range: ClosedRange<Int>) throws -> [Int] {
        guard let raw = values[key] else { return fallback }
        if raw == "none" || raw.isEmpty { return [] }
        return try raw.split(separator: ",").map { part in
            guard let v = Int(part) else { throw bad(key, "must be whole numbers separated by commas, not '\(raw)'") }
            guard range.contains(v) else { throw bad(key, "values must be between \(range.lowerBound) and \(range.upperBound), not \(v)") }
            return v
        }
    }

    /// One of a fixed set of words, parsed by `make`.
    func choice<T>(_ key: String, default fallback: T, from names: [String], _ make: (String) -> T?) throws -> T {
        guard let raw = values[key] else { return fallback }
        guard let v = make(raw) else {
            let hint = suggestion(for: raw, in: names).map { "; did you mean '\($0)'?" } ?? ""
            throw bad(key, "must be one of \(names.joined(separator: ", ")), not '\(raw)'\(hint)")
        }
        return v
    }

    /// `yes` or `no`.
    func yesNo(_ key: String, default fallback: Bool) throws -> Bool {
        try choice(key, default: fallback, from: ["yes", "no"]) { $0 == "yes" ? true : $0 == "no" ? false : nil }
    }

    /// `split=test` or `split=train`: which half of the data a picture is drawn from.
    func split(_ data: DataSplit) throws -> Dataset {
        try choice("split", default: data.test, from: ["test", "train"]) { $0 == "test" ? data.test : $0 == "train" ? data.train : nil }
    }

    func seed(_ key: String = "seed", default fallback: UInt64) throws -> UInt64 {
        guard let raw = values[key] else { return fallback }
        guard let v = UInt64(raw) else { throw bad(key, "must be a whole number ≥ 0, not '\(raw)'") }
        return v
    }

    private func bad(_ key: String, _ reason: String) -> NotebookError {
        .badOption(command: command, option: key, reason: reason)
    }
}

import Datasets
import Foundation
