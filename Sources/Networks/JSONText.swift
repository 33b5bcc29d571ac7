import Foundation

/// A JSON string literal for `s`, quotes included, for files written by hand-built JSON lines
/// (safetensors headers, `--json` cells, asciicast frames). Slashes are left as they are.
public func jsonString(_ s: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(s)) ?? Data("\"\"".utf8), as: UTF8.self)
}
