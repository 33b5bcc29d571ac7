import Options

/// `run [all]`: the interactive notebook runs the next pending cell of an opened notebook.
public struct RunCellsCommand: InterfaceCommand {
    public static let name = "run"
    public static let summary = "run the next pending cell of the opened notebook, or all of them"
    @Argument(name: "all", help: "run every pending cell", optional: true) public var all: RunScope?
    public init() {}

    public enum RunScope: String, ChoiceValue { case all }
}

/// `write FILE.ae`: the session's commands as a notebook file.
public struct WriteCommand: InterfaceCommand {
    public static let name = "write"
    public static let summary = "save this session's commands as a notebook file"
    @Argument(name: "FILE.ae", help: "the notebook file to write") public var path: String?
    @Option(help: "replace an existing file that is neither the opened notebook nor one this session wrote")
    public var replace = false
    public init() {}
}

/// `record FILE.aesession|stop`: records the kernel's events for `aelab replay`.
public struct RecordCommand: InterfaceCommand {
    public static let name = "record"
    public static let summary = "record this session's kernel events for 'aelab replay'; 'record stop' ends it"
    @Argument(name: "FILE.aesession|stop", help: "the session file to record to, or stop") public var target: String?
    public init() {}
}

/// `quit`: leaves aelab.
public struct QuitCommand: InterfaceCommand {
    public static let name = "quit"
    public static let summary = "leave aelab (asks first while a cell runs)"
    public init() {}
}
