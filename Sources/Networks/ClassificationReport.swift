import Foundation

/// Accuracy and per-class precision, recall and F1, as scikit-learn's classification report.
public struct ClassificationReport: Sendable {
    public struct ClassRow: Sendable {
        public var name: String
        public var precision: Double, recall: Double, f1: Double
        public var support: Int
    }

    public var rows: [ClassRow]
    public var accuracy: Double
    public var macroF1: Double

    public init(predicted: [Int], actual: [Int], classNames: [String]) {
        let classes = max(classNames.count, (actual.max() ?? -1) + 1, (predicted.max() ?? -1) + 1)
        var truePositive = [Int](repeating: 0, count: classes)
        var predictedCount = truePositive, actualCount = truePositive
        for (p, a) in zip(predicted, actual) {
            predictedCount[p] += 1
            actualCount[a] += 1
            if p == a { truePositive[a] += 1 }
        }
        rows = (0..<classes).map { c in
            let precision = predictedCount[c] == 0 ? 0 : Double(truePositive[c]) / Double(predictedCount[c])
            let recall = actualCount[c] == 0 ? 0 : Double(truePositive[c]) / Double(actualCount[c])
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return ClassRow(name: c < classNames.count ? classNames[c] : String(c), precision: precision, recall: recall, f1: f1, support: actualCount[c])
        }
        accuracy = actual.isEmpty ? 0 : Double(truePositive.reduce(0, +)) / Double(actual.count)
        let present = rows.filter { $0.support > 0 }
        macroF1 = present.isEmpty ? 0 : present.map(\.f1).reduce(0, +) / Double(present.count)
    }

    /// The report as a text table.
    public var table: String {
        let width = max(12, (rows.map(\.name.count).max() ?? 0) + 2)
        func pad(_ s: String) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        var lines = [pad("") + "  precision    recall  f1-score   support", ""]
        for r in rows {
            lines.append(pad(r.name) + String(format: "  %9.4f %9.4f %9.4f %9d", r.precision, r.recall, r.f1, r.support))
        }
        let total = rows.reduce(0) { $0 + $1.support }
        lines.append("")
        lines.append(pad("accuracy") + String(repeating: " ", count: 22) + String(format: "%9.4f %9d", accuracy, total))
        let macroP = rows.map(\.precision).reduce(0, +) / Double(max(rows.count, 1))
        let macroR = rows.map(\.recall).reduce(0, +) / Double(max(rows.count, 1))
        lines.append(pad("macro avg") + String(format: "  %9.4f %9.4f %9.4f %9d", macroP, macroR, macroF1, total))
        return lines.joined(separator: "\n")
    }
}
