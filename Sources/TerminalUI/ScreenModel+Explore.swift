import Foundation
import Notebook
import Rendering

extension ScreenModel {
    /// The keys the explorer answers, for its status line and the help.
    static let exploreKeys = "←↑↓→ hjkl move · Shift or HJKL ×5 · n p nearest example · Enter pin · click · Esc back"

    /// An `explore` cell's event: the map opens the explorer, steps move it (in a replay, or
    /// live when the interface cannot decode by itself), and the close ends it.
    func apply(_ event: ExploreEvent, cell id: Int) {
        switch event {
        case .opened(let map):
            explorer = Explorer(map: map, cell: id, number: pane.cell(id)?.number ?? lastNumber)
            mode = .explore
        case .moved(let step):
            guard explorer?.cell == id else { return }
            explorer!.show(step)
        case .closed:
            guard explorer?.cell == id else { return }
            explorer = nil
            if mode == .explore { mode = .normal }
        }
    }

    /// What a key does while the explorer is open: the requests for the kernel.
    func handleExplore(_ key: Key) -> [Effect] {
        guard var explorer, explorer.isLive else {
            // A replayed explorer only shows; any key but a resize leaves it to the replay.
            return []
        }
        message = nil
        var effects: [Effect] = []
        let big = Explorer.bigStep
        switch key {
        case .left, .character("h"): effects = [.explore(explorer.move(dx: -1, dy: 0))]
        case .right, .character("l"): effects = [.explore(explorer.move(dx: 1, dy: 0))]
        case .up, .character("k"): effects = [.explore(explorer.move(dx: 0, dy: 1))]
        case .down, .character("j"): effects = [.explore(explorer.move(dx: 0, dy: -1))]
        case .shiftLeft, .character("H"): effects = [.explore(explorer.move(dx: -big, dy: 0))]
        case .shiftRight, .character("L"): effects = [.explore(explorer.move(dx: big, dy: 0))]
        case .shiftUp, .character("K"): effects = [.explore(explorer.move(dx: 0, dy: big))]
        case .shiftDown, .character("J"): effects = [.explore(explorer.move(dx: 0, dy: -big))]
        case .character("n"): effects = explorer.nearest(1).map { [.explore($0)] } ?? []
        case .character("p"): effects = explorer.nearest(-1).map { [.explore($0)] } ?? []
        case let .click(row, col):
            if let point = explorer.point(row: row, col: col) { effects = [.explore(explorer.moveTo(x: point.x, y: point.y, example: nil))] }
        case .enter:
            explorer.pins += 1
            message = "pinned the decoding at (\(Explorer.coordinate(explorer.crosshair))) into cell [\(explorer.number)]"
            effects = [.explore(.pin)]
        case .escape, .character("q"), .control("c"), .control("d"):
            self.explorer = nil
            mode = .normal
            return [.explore(.close)]
        default:
            break
        }
        self.explorer = explorer
        return effects
    }

    /// The explorer full screen, its keys (or the replay's) in the status line.
    func renderExplorer(width: Int, height: Int) -> Frame {
        var screen = explorer!.render(width: width, height: height)
        let keys: String
        if let chrome = replayChrome {
            keys = chrome.keys
        } else {
            keys = message ?? ScreenModel.exploreKeys
        }
        screen.blit(status.render(width: width, keys: String(keys.prefix(max(0, width - 30)))), atRow: height - 1, col: 0)
        return Frame(canvas: screen, cursor: nil, clicks: explorer!.isLive)
    }
}
