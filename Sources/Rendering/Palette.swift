/// Distinct colours for series and classes.
public enum Palette {
    /// matplotlib's "tab10" qualitative colours.
    public static let tab10: [RGB] = [
        RGB(31, 119, 180), RGB(255, 127, 14), RGB(44, 160, 44), RGB(214, 39, 40),
        RGB(148, 103, 189), RGB(140, 86, 75), RGB(227, 119, 194), RGB(127, 127, 127),
        RGB(188, 189, 34), RGB(23, 190, 207),
    ]

    /// Paul Tol's "muted" qualitative scheme, designed to stay distinct with colour-blind
    /// vision, with a dark grey as the tenth colour in place of its pale "no data" grey (which
    /// vanishes on white): the classes in scatter plots (digits 0–9).
    public static let classes: [RGB] = [
        RGB(204, 102, 119), RGB(51, 34, 136), RGB(221, 204, 119), RGB(17, 119, 51),
        RGB(136, 204, 238), RGB(136, 34, 85), RGB(68, 170, 153), RGB(153, 153, 51),
        RGB(170, 68, 153), RGB(102, 102, 102),
    ]

    /// The `i`th colour of `palette`, cycling; grey for an empty palette.
    static func color(_ i: Int, in palette: [RGB]) -> RGB {
        guard !palette.isEmpty else { return RGB(160, 160, 160) }
        let n = palette.count
        return palette[((i % n) + n) % n]
    }
}
