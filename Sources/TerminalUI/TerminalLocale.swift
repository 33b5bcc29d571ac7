import Foundation

/// The character set the terminal is painted in. ncurses draws wide characters (braille,
/// half blocks, "28×28") only under a UTF-8 locale; in the C locale it drops them.
enum TerminalLocale {
    /// UTF-8 locales to fall back on when the environment names none, most general first.
    static let fallbacks = ["C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"]

    /// Sets the locale from the environment, or, when that is not UTF-8, the first of
    /// `candidates` that exists. Returns whether the terminal can be painted in UTF-8; when
    /// not, the environment's locale is left in place and frames are painted in ASCII.
    static func chooseUTF8(candidates: [String] = fallbacks) -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8 { return true }
        for name in candidates where setlocale(LC_CTYPE, name) != nil {
            if isUTF8 { return true }
        }
        setlocale(LC_ALL, "")
        return false
    }

    /// Whether the current character type locale is UTF-8.
    static var isUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
