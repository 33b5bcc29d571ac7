import Rendering

/// The interface's colours, in one place.
enum Theme {
    static let accent = RGB(240, 190, 80)
    static let number = RGB(110, 160, 255)
    static let command = RGB(235, 235, 235)
    static let dim = RGB(135, 135, 135)
    static let ok = RGB(110, 200, 110)
    static let error = RGB(235, 85, 85)
    static let border = RGB(95, 95, 125)
    static let barForeground = RGB(225, 225, 225)
    static let barBackground = RGB(40, 52, 78)
    static let selection = RGB(48, 48, 88)
    static let overlay = RGB(22, 22, 34)
    static let progress = RGB(90, 190, 120)
}
