import Foundation
import Notebook
import Options

extension ScreenModel {
    /// Runs a line as the user typed it: the interface's own commands (run, write, record,
    /// quit) here, anything else as a kernel cell. File work comes back as effects.
    func submit(_ line: String, recordHistory: Bool = true) -> [Effect] {
        let line = line.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { return [] }
        if recordHistory { history.add(line) }
        candidates = []
        message = nil
        guard let command = try? Command.parse(line), let entry = Commands.named(command.name), entry.isInterface else {
            submitToKernel(line)
            return []
        }
        do {
            switch command.name {
            case QuitCommand.name:
                _ = try QuitCommand.parse(arguments: command.arguments, options: command.options, command: command.name)
                return requestQuit()
            case RunCellsCommand.name:
                let run = try RunCellsCommand.parse(arguments: command.arguments, options: command.options, command: command.name)
                if run.all == .all {
                    let pending = pane.cells.filter { $0.state == .pending }.map(\.id)
                    if pending.isEmpty { message = "no pending cells to run" }
                    for id in pending { enqueue(id) }
                } else {
                    runNextPending()
                }
                return []
            case WriteCommand.name:
                let write = try WriteCommand.parse(arguments: command.arguments, options: command.options, command: command.name)
                return writeEffects(write.path, replace: write.replace, line: line)
            case RecordCommand.name:
                let record = try RecordCommand.parse(arguments: command.arguments, options: command.options, command: command.name)
                return recordEffects(record.target, line: line)
            default:
                return []
            }
        } catch {
            message = "\(error)"
            return []
        }
    }

    /// `write FILE.ae`: the session's cells as a notebook file (see `NotebookDraft`).
    private func writeEffects(_ path: String?, replace: Bool, line: String) -> [Effect] {
        let id = noteCell(line)
        guard let path else {
            report(cell: id, error: "name a file: write FILE.ae")
            return []
        }
        return [.writeNotebook(path: path, draft: draft, replace: replace, cell: id)]
    }

    /// `record FILE`, `record stop`, or `record` alone to say whether a recording is on.
    private func recordEffects(_ target: String?, line: String) -> [Effect] {
        let id = noteCell(line)
        switch target {
        case nil:
            report(cell: id, recording.map { "recording to \($0); 'record stop' ends it" } ?? "not recording; 'record FILE.aesession' starts")
            return []
        case "stop":
            return [.stopRecording(cell: id)]
        case let path?:
            return [.startRecording(path: path, cell: id)]
        }
    }

    func requestQuit() -> [Effect] {
        if isBusy { mode = .confirmQuit; return [] }
        return [.quit]
    }
}
