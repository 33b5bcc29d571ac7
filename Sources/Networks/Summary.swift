import Foundation

/// One line of a Keras-style model summary.
public struct SummaryRow: Sendable {
    public var layer: String
    /// Per example; shown with Keras's leading `None` batch axis.
    public var outputShape: [Int]
    public var parameters: Int

    public init(layer: String, outputShape: [Int], parameters: Int) {
        self.layer = layer
        self.outputShape = outputShape
        self.parameters = parameters
    }
}

/// Formats summary tables the way Keras prints them, so they read the same.
public enum Summary {
    public static func table(title: String, rows: [SummaryRow], nonTrainable: Int = 0) -> String {
        let header = ("Layer (type)", "Output Shape", "Param #")
        let cells = rows.map { ($0.layer, "(None, " + $0.outputShape.map(String.init).joined(separator: ", ") + ")", grouped($0.parameters)) }
        let w0 = max(header.0.count, cells.map(\.0.count).max() ?? 0) + 2
        let w1 = max(header.1.count, cells.map(\.1.count).max() ?? 0) + 2
        let w2 = max(header.2.count, cells.map(\.2.count).max() ?? 0)
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        func line(_ c: Character) -> String { String(repeating: c, count: w0 + w1 + w2) }
        var out = ["Model: \"\(title)\"", line("━"), pad(header.0, w0) + pad(header.1, w1) + header.2, line("━")]
        for (i, c) in cells.enumerated() {
            out.append(pad(c.0, w0) + pad(c.1, w1) + String(repeating: " ", count: w2 - c.2.count) + c.2)
            if i < cells.count - 1 { out.append(line("─")) }
        }
        let total = rows.reduce(0) { $0 + $1.parameters }
        out.append(line("━"))
        out.append(" Total params: \(grouped(total)) (\(bytes(total * 4)))")
        out.append(" Trainable params: \(grouped(total - nonTrainable)) (\(bytes((total - nonTrainable) * 4)))")
        out.append(" Non-trainable params: \(grouped(nonTrainable)) (\(bytes(nonTrainable * 4)))")
        return out.joined(separator: "\n")
    }

    /// 1234567 → "1,234,567".
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func bytes(_ n: Int) -> String {
        if n < 1024 { return "\(n) B" }
        if n < 1 << 20 { return String(format: "%.2f KB", Double(n) / 1024) }
        return String(format: "%.2f MB", Double(n) / 1048576)
    }
}
