import ArgumentParser
import Foundation
import Notebook

/// `aelab` with no subcommand: the notebook. (A plain line prompt until the ncurses TUI lands.)
struct Interactive: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notebook", abstract: "Open the notebook (the default).")

    func run() throws {
        let kernel = Kernel()
        var number = 0
        while true {
            print("[\(number + 1)]> ", terminator: "")
            fflush(stdout)
            guard let line = readLine() else { break }
            do {
                if try kernel.execute(line, emit: { if case .text(let t) = $0 { print("    " + t); fflush(stdout) } }) != nil { number += 1 }
            } catch {
                print("error: \(error)")
            }
        }
    }
}
