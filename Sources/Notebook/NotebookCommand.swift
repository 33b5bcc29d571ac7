import Options
import Rendering

/// A command of the notebook language, declared as a struct whose `@Option` and `@Argument`
/// properties are what it accepts; parsing, `help`, usage lines and Tab completion follow
/// from the declaration.
///
/// To add a command: write a struct conforming to this protocol (in a file named after what it
/// does) and list it in `Commands.all`.
public protocol NotebookCommand: Declared {
    static var name: String { get }
    /// One line for `help`.
    static var summary: String { get }
    func run(_ kernel: Kernel, _ cell: Cell) throws
}

/// Commands the interactive notebook carries out itself (writing the session, recording,
/// running opened cells, quitting): declared here so that `help`, usage and completion know
/// them, and refused by the kernel with a line that says where they work.
public protocol InterfaceCommand: Declared {
    static var name: String { get }
    static var summary: String { get }
}

/// A command as the registry holds it: what help and completion show, and how it runs.
public struct CommandEntry: Sendable {
    public let name: String
    public let summary: String
    /// Whether the interactive notebook handles it rather than the kernel.
    public let isInterface: Bool
    /// The options and words it takes, given the positional words typed so far (a model's
    /// options depend on its kind).
    public let declarations: @Sendable ([String]) -> [Declaration]
    let execute: @Sendable (Command, Kernel, Cell) throws -> Void

    /// "train [epochs=10] [batch=32] …": the positional words, then the first options with
    /// their defaults.
    public var usage: String {
        let all = declarations([])
        let words = all.filter { $0.role == .argument }.map { d -> String in
            let word = d.choices?.joined(separator: "|") ?? d.name
            return d.isOptional ? "[\(word)]" : word
        }
        let options = all.filter { $0.role == .option }.prefix(4).map { "[\($0.name)=\($0.defaultText.isEmpty ? $0.placeholder : $0.defaultText)]" }
        let more = all.filter { $0.role == .option }.count > 4 ? ["…"] : []
        return ([name] + words + options + more).joined(separator: " ")
    }
}

extension NotebookCommand {
    public static var entry: CommandEntry {
        CommandEntry(name: name, summary: summary, isInterface: false, declarations: { _ in declarations }) { command, kernel, cell in
            try parse(arguments: command.arguments, options: command.options, command: name).run(kernel, cell)
        }
    }
}

extension InterfaceCommand {
    public static var entry: CommandEntry {
        CommandEntry(name: name, summary: summary, isInterface: true, declarations: { _ in declarations }) { _, _, _ in
            throw NotebookError.needs(command: name, what: "works in the interactive notebook (aelab), not in a notebook run")
        }
    }
}

/// Every command, in the order `help` lists them.
public enum Commands {
    public static let all: [CommandEntry] = [
        // Data, model, training, figures.
        DataCommand.entry, ModelCommand.entry, SummaryCommand.entry, TrainCommand.entry, EvalCommand.entry,
        EncodeCommand.entry, ClassifyCommand.entry,
        // Pictures.
        ShowCommand.entry, VariationsCommand.entry, SampleCommand.entry, InterpolateCommand.entry, ArithCommand.entry,
        ScatterCommand.entry, PlotCommand.entry, ExploreCommand.entry, InspectCommand.entry, ExportCommand.entry,
        // Uses of a trained autoencoder, each beside its baseline.
        PCACommand.entry, CompareCommand.entry, RetrieveCommand.entry, RetrievalCommand.entry, AnomalyCommand.entry,
        SemiCommand.entry, ReduceCommand.entry, CompressCommand.entry, DecompressCommand.entry, AugmentCommand.entry,
        // Text.
        WordsCommand.entry, NeighborsCommand.entry, BaselineCommand.entry, ClusterCommand.entry,
        SimilarCommand.entry, SimilarityCommand.entry, ReconstructCommand.entry, EmbedClassifyCommand.entry,
        // Models and files.
        ModelsCommand.entry, UseCommand.entry, SaveCommand.entry, LoadCommand.entry, HelpCommand.entry,
        RunCellsCommand.entry, WriteCommand.entry, RecordCommand.entry, QuitCommand.entry,
    ]

    public static var names: [String] { all.map(\.name) }

    public static func named(_ name: String) -> CommandEntry? { all.first { $0.name == name } }

    /// The entry for `command`'s name, or an error with the closest name.
    static func entry(for command: Command) throws -> CommandEntry {
        guard let entry = named(command.name) else {
            throw NotebookError.unknownCommand(command.name.escapingControlCharacters, suggestion: closest(to: command.name, in: names))
        }
        return entry
    }
}

/// The finished cell: its printed output and the figures it computed, by snake_case name.
public struct CellResult: Sendable {
    public var output: [String]
    public var metrics: [String: Double]
}

/// A running cell's output; commands print into it.
public final class Cell {
    private(set) var lines: [String] = []
    var metrics: [String: Double] = [:]
    let emit: (KernelEvent) -> Void
    weak var kernel: Kernel?
    /// The command the cell runs.
    let command: Command
    /// What the cell did, as a command, when that is not `command` (see `CellSummary.ranAs`).
    private(set) var ranAs: (command: String, note: String)?

    init(command: Command = Command(name: "", arguments: [], options: [], text: ""), emit: @escaping (KernelEvent) -> Void) {
        self.command = command
        self.emit = emit
    }

    /// Says that the cell did what `command` with option `key` set to `value` does, because
    /// of `note`; nil `value` means no command does it.
    func ranAs(option key: String, value: String?, note: String) {
        ranAs = (value.map { command.replacingOption(key, with: $0) } ?? "", note)
    }

    /// Sends a figure and keeps it as the last `name` picture for `export`.
    func show(_ figure: Figure, name: String) {
        kernel?.pictures[name] = figure
        kernel?.lastPicture = figure
        emit(KernelEvent(figure))
    }

    func print(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(String(line))
            emit(.text(String(line)))
        }
    }
}

/// `help`, and `help COMMAND`.
struct HelpCommand: NotebookCommand {
    static let name = "help"
    static let summary = "list the commands, or explain one"
    @Argument(name: "COMMAND", help: "the command to explain", optional: true) var command: String?

    func run(_ kernel: Kernel, _ cell: Cell) throws {
        if let name = command {
            guard let entry = Commands.named(name) else {
                throw NotebookError.unknownCommand(name, suggestion: closest(to: name, in: Commands.names))
            }
            cell.print("\(entry.usage)\n  \(entry.summary)" + (entry.isInterface ? " (in the interactive notebook)" : ""))
            for d in entry.declarations([]) {
                let value = d.choices.map { " (" + $0.joined(separator: ", ") + ")" } ?? ""
                let fallback = d.defaultText.isEmpty ? "" : "; default \(d.defaultText)"
                cell.print("  \(d.usage)  \(d.help)\(value)\(fallback)")
            }
            if name == ModelCommand.name {
                for kind in ModelKinds.all {
                    cell.print("  model \(kind.name): \(kind.summary)")
                    cell.print("    " + kind.options.map { "\($0.name)=\($0.defaultText)" }.joined(separator: " "))
                }
            }
            return
        }
        for entry in Commands.all {
            cell.print(entry.name.padding(12) + entry.summary + (entry.isInterface ? " (interactive)" : ""))
        }
        cell.print("Lines starting with # are comments. 'help COMMAND' shows a command's options.")
    }
}

import Autoencoders

extension String {
    /// The string followed by spaces up to `width` characters (at least one space).
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(1, width - count)) }
}
