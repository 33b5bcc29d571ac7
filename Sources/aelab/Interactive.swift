import ArgumentParser
import Foundation
import TerminalUI

/// `aelab` with no subcommand: the notebook in the terminal, optionally opening a notebook file.
struct Interactive: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notebook", abstract: "Open the notebook (the default).")

    @Argument(help: "A notebook file (.ae) to open with its cells ready to run one by one or all ('run all').", completion: .file(extensions: ["ae"]))
    var file: String?

    @Option(help: "Record the session's kernel events to this file (.aesession) for 'aelab replay'.", completion: .file(extensions: ["aesession"]))
    var record: String?

    func run() throws {
        let status = TerminalApp.run(notebookPath: file, recordPath: record)
        if status != 0 { throw ExitCode(status) }
    }
}
