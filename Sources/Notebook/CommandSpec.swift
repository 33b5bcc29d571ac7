/// What a viewer may show about a command.
public struct CommandInfo: Sendable {
    public var name: String
    public var usage: String
    public var summary: String
    public var options: [(name: String, help: String)]
}

/// A command of the notebook language: its usage, options and help, and what it does.
struct CommandSpec {
    struct Option { var name: String; var help: String }

    var name: String
    var usage: String
    var summary: String
    var options: [Option]
    var run: (Kernel, Command, Options, Cell) throws -> Void
}

extension Kernel {
    /// Every command, in the order `help` lists them.
    static let commands: [CommandSpec] = [
        dataCommand, modelCommand, summaryCommand, trainCommand, evalCommand,
        encodeCommand, classifyCommand, showCommand, variationsCommand, sampleCommand, scatterCommand,
        plotCommand, exportCommand, pcaCommand, compareCommand, saveCommand, loadCommand, helpCommand,
    ]

    public static var commandNames: [String] { commands.map(\.name) }

    /// Every command's usage, summary and options, for help screens and Tab completion.
    public static var catalog: [CommandInfo] {
        commands.map { CommandInfo(name: $0.name, usage: $0.usage, summary: $0.summary, options: $0.options.map { ($0.name, $0.help) }) }
    }

    static let helpCommand = CommandSpec(
        name: "help", usage: "help [command]", summary: "list the commands, or explain one", options: []
    ) { _, command, _, cell in
        if let name = command.arguments.first {
            guard let spec = commands.first(where: { $0.name == name }) else {
                throw NotebookError.unknownCommand(name, suggestion: suggestion(for: name, in: commandNames))
            }
            cell.print("\(spec.usage)\n  \(spec.summary)")
            let width = spec.options.map(\.name.count).max() ?? 0
            for o in spec.options {
                cell.print("  " + o.name + String(repeating: " ", count: width - o.name.count) + "  " + o.help)
            }
            return
        }
        let width = commands.map(\.usage.count).max() ?? 0
        for spec in commands {
            cell.print(spec.usage + String(repeating: " ", count: width - spec.usage.count) + "  " + spec.summary)
        }
        cell.print("Lines starting with # are comments. 'help COMMAND' shows a command's options.")
    }
}
