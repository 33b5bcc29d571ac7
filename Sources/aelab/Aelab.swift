import ArgumentParser
import Foundation
import Notebook

/// The `aelab` command: the notebook in the terminal, and its headless siblings.
@main
struct Aelab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aelab",
        abstract: "An interactive terminal lab for autoencoders.",
        subcommands: [Interactive.self, Run.self, Bench.self],
        defaultSubcommand: Interactive.self)
}

/// Prints one line to standard error and exits with status 2: aelab's answer to bad input.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("aelab: " + message + "\n").utf8))
    Foundation.exit(2)
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a notebook file (.ae) without the terminal UI.")

    @Argument(help: "The notebook file: one command a line, # for comments.")
    var file: String

    @Flag(help: "Print one JSON object a cell instead of the cells' text.")
    var json = false

    func run() throws {
        let status = NotebookRunner(path: file, format: json ? .json : .text).run()
        if status != 0 { throw ExitCode(status) }
    }
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure BLAS and training speed (use a release build).")

    @Flag(help: "Print the results as one JSON object.")
    var json = false

    @Option(help: "Timed epochs per configuration (the median is reported).")
    var epochs = 5

    func run() throws {
        guard epochs >= 1 else { fail("--epochs must be at least 1") }
        do {
            let report = try Benchmark.run(epochs: epochs) { line in if !json { print(line); fflush(stdout) } }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            }
        } catch {
            fail("bench: \(error)")
        }
    }
}
