import Foundation
import Networks
import Rendering

/// What the kernel tells its viewers, in order: the headless printer, the TUI and the session
/// recorder all subscribe to this one stream. Every case is Codable, so a stream written to a
/// file (one JSON object a line) can be played back as it happened.
public enum KernelEvent: Sendable, Codable {
    case cellStarted(cell: Int, command: String)
    /// A line of the cell's text output (tables arrive as lines too).
    case text(String)
    /// A grid of grey images (reconstructions, a variations grid, samples).
    case images(ImageGridData)
    case chart(ChartData)
    case scatter(ScatterData)
    /// Any other picture (histograms, 3-D scatters, text lists): every figure kind added after
    /// the first three travels as this one case.
    case figure(Figure)
    case training(TrainingEvent)
    /// An `explore` cell's map, crosshair steps and close (see `ExploreEvent`).
    case explore(ExploreEvent)
    /// A data set was loaded: what a recording needs to check it replays on the same data.
    case dataLoaded(name: String, train: Int, test: Int, checksum: String)
    case cellFinished(CellSummary)
}

/// How a cell ended.
public struct CellSummary: Sendable, Codable, Equatable {
    public var cell: Int
    public var command: String
    public var ok: Bool
    public var seconds: Double
    public var metrics: [String: Double]
    public var error: String?
    /// The command that does what the cell did, when that is not `command`: a `train
    /// epochs=5` cancelled after 2 epochs ran as `train epochs=2`. Empty when no command does
    /// (cancelled before its first epoch ended).
    public var ranAs: String? = nil
    /// Why `ranAs` differs, for a comment beside it in a written notebook.
    public var ranAsNote: String? = nil
}

extension KernelEvent {
    /// The picture this event carries (an image grid, chart or scatter), nil for other events.
    public var figure: Figure? {
        switch self {
        case .images(let grid): return .images(grid)
        case .chart(let chart): return .chart(chart)
        case .scatter(let scatter): return .scatter(scatter)
        case .figure(let figure): return figure
        default: return nil
        }
    }
}
