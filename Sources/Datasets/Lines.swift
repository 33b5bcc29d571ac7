/// Lines as files from every system end them: `\n` (Unix), `\r\n` (Windows) or a lone `\r`
/// (old Macs). Works on bytes: Swift reads `"\r\n"` as one Character, so splitting a String
/// at `"\n"` misses Windows endings.
enum Lines {
    /// The byte ranges of the lines in `bytes`, without their endings. A final ending does not
    /// start another, empty line.
    static func ranges(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines = [Range<Int>]()
        var start = 0, i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                lines.append(start ..< i)
                i += b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A ? 2 : 1
                start = i
            } else {
                i += 1
            }
        }
        if start < n { lines.append(start ..< n) }
        return lines
    }

    /// True when the line holds only spaces and tabs.
    static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// The offset of the first byte that is not valid UTF-8, or nil when all of it is.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
