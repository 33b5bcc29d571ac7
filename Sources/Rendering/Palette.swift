/// Distinct colours for series and classes.
public enum Palette {
    /// matplotlib's "tab10" qualitative colours.
    public static let tab10: [RGB] = [
        RGB(31, 119, 180), RGB(255, 127, 14), RGB(44, 160, 44), RGB(214, 39, 40),
        RGB(148, 103, 189), RGB(140, 86, 75), RGB(227, 119, 194), RGB(127, 127, 127),
        RGB(188, 189, 34), RGB(23, 190, 207),
    ]

    /// The `i`th colour of `palette`, cycling; grey for an empty palette.
    static func color(_ i: Int, in palette: [RGB]) -> RGB {
        guard !palette.isEmpty else { return RGB(160, 160, 160) }
        let n = palette.count
        return palette[((i % n) + n) % n]
    }
}
