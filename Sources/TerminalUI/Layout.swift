/// A rectangle of terminal cells.
public struct Rect: Equatable, Sendable {
    public var row: Int
    public var col: Int
    public var width: Int
    public var height: Int

    public init(row: Int, col: Int, width: Int, height: Int) {
        self.row = row
        self.col = col
        self.width = max(0, width)
        self.height = max(0, height)
    }

    var bottom: Int { row + height }
}

/// Where each pane goes on a terminal of a given size: the notebook on top, the training panel
/// under it while there is one, then the hint line, the input line and the status line.
struct Layout: Equatable {
    static let minimumWidth = 80
    static let minimumHeight = 24

    var notebook: Rect
    var panel: Rect?
    var hint: Rect
    var input: Rect
    var status: Rect

    /// nil when the terminal is smaller than 80×24. A tall panel (reconstructions under the
    /// charts, as large as `show` draws them) leaves the notebook 10 rows, up to 32 rows;
    /// otherwise the panel takes half the height.
    init?(width: Int, height: Int, showPanel: Bool, tallPanel: Bool = false) {
        guard width >= Layout.minimumWidth, height >= Layout.minimumHeight else { return nil }
        let lines = 3
        let share = tallPanel ? height - lines - 10 : (height - lines) / 2
        let panelHeight = showPanel ? min(tallPanel ? 32 : 24, max(10, share)) : 0
        notebook = Rect(row: 0, col: 0, width: width, height: height - lines - panelHeight)
        panel = showPanel ? Rect(row: notebook.bottom, col: 0, width: width, height: panelHeight) : nil
        hint = Rect(row: height - 3, col: 0, width: width, height: 1)
        input = Rect(row: height - 2, col: 0, width: width, height: 1)
        status = Rect(row: height - 1, col: 0, width: width, height: 1)
    }

    /// What a terminal below the minimum shows instead of the notebook.
    static func tooSmallMessage(width: Int, height: Int) -> String {
        "aelab needs at least \(minimumWidth)×\(minimumHeight); this terminal is \(width)×\(height)"
    }
}
