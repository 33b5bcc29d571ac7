import Foundation

/// Writes a line to standard output at once (one write call, no buffer), so a pipe or a
/// terminal sees each cell's lines as they come.
public func printLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
