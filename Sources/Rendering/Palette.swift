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

    /// Classes in terminal scatter plots: ten colours each with a contrast of at least 3:1
    /// (WCAG's minimum for graphics) against both a black and a white background, and at least
    /// 50 apart in CIELAB (ΔE*76) from each other and 25 from the grey of unclassed points —
    /// chosen by a search over sRGB under those limits. Tol's muted colours, made for white
    /// paper, lose 1 and 5 on dark terminals.
    public static let terminalClasses: [RGB] = [
        RGB(5, 160, 200), RGB(185, 135, 10), RGB(45, 170, 0), RGB(250, 10, 0), RGB(100, 30, 255),
        RGB(205, 10, 105), RGB(255, 0, 240), RGB(125, 85, 100), RGB(165, 115, 245), RGB(0, 165, 120),
    ]

    /// Points without a class in terminal scatters: mid grey, 3:1 on black and on white.
    public static let terminalUnclassed = RGB(140, 140, 140)

    /// The tab10 colour of each series name the trainer reports, so a curve keeps its colour
    /// between the live panel and `plot`, whatever else is drawn beside it.
    static let seriesColorIndex: [String: Int] = [
        "loss": 0, "val_loss": 1, "reconstruction": 2, "kl": 3, "l1": 4, "contractive": 4,
        "cross_entropy": 5, "accuracy": 6, "acc": 6, "val_accuracy": 9, "val_acc": 9,
        "val_reconstruction": 8, "val_kl": 7,
    ]

    /// The colour for a series called `name`: fixed for the names the trainer reports, chosen
    /// by a hash of the name otherwise (stable across runs, unlike `Hasher`). When that colour
    /// is in `avoiding`, the next tab10 colour that is not.
    public static func seriesColor(named name: String, avoiding used: Set<RGB> = []) -> RGB {
        var i = seriesColorIndex[name] ?? Int(fnv1a(name) % UInt32(tab10.count))
        for _ in tab10.indices where used.contains(tab10[i]) { i = (i + 1) % tab10.count }
        return tab10[i]
    }

    /// FNV-1a over the UTF-8 bytes.
    static func fnv1a(_ text: String) -> UInt32 {
        text.utf8.reduce(2_166_136_261 as UInt32) { ($0 ^ UInt32($1)) &* 16_777_619 }
    }

    /// The `i`th colour of `palette`, cycling; grey for an empty palette.
    static func color(_ i: Int, in palette: [RGB]) -> RGB {
        guard !palette.isEmpty else { return RGB(160, 160, 160) }
        let n = palette.count
        return palette[((i % n) + n) % n]
    }
}
