import Foundation
import XCTest
@testable import Rendering

/// The terminal's class colours must show on dark and light backgrounds and stay apart.
final class PaletteTests: XCTestCase {
    /// WCAG relative luminance: sRGB channels made linear, weighted 0.2126, 0.7152, 0.0722.
    private func luminance(_ c: RGB) -> Double {
        func linear(_ v: UInt8) -> Double {
            let x = Double(v) / 255
            return x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
    }

    /// WCAG contrast ratio (L₁ + 0.05) / (L₂ + 0.05), lighter over darker: 1 to 21.
    private func contrast(_ a: RGB, _ b: RGB) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// CIELAB (D65) distance ΔE*76.
    private func distance(_ a: RGB, _ b: RGB) -> Double {
        func lab(_ c: RGB) -> (Double, Double, Double) {
            func linear(_ v: UInt8) -> Double {
                let x = Double(v) / 255
                return x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
            }
            let (r, g, b) = (linear(c.r), linear(c.g), linear(c.b))
            let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
            let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
            let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
            func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116 }
            return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
        }
        let (p, q) = (lab(a), lab(b))
        return ((p.0 - q.0) * (p.0 - q.0) + (p.1 - q.1) * (p.1 - q.1) + (p.2 - q.2) * (p.2 - q.2)).squareRoot()
    }

    func testTheMeasuresAgreeWithKnownValues() {
        XCTAssertEqual(contrast(.black, .white), 21, accuracy: 1e-9)
        XCTAssertEqual(contrast(RGB(118, 118, 118), .white), 4.54, accuracy: 0.01, "WCAG's AA grey on white")
        XCTAssertEqual(distance(.black, .white), 100, accuracy: 0.01)
    }

    func testTerminalClassColoursShowOnDarkAndLightBackgrounds() {
        for (i, c) in (Palette.terminalClasses + [Palette.terminalUnclassed]).enumerated() {
            XCTAssertGreaterThanOrEqual(contrast(c, .black), 3, "colour \(i) on black")
            XCTAssertGreaterThanOrEqual(contrast(c, .white), 3, "colour \(i) on white")
        }
        // Tol's muted colours failed this in the terminal: classes 1 and 5 have 1.7:1 and 2.4:1 on black.
        XCTAssertEqual(contrast(Palette.classes[1], .black), 1.73, accuracy: 0.01)
        XCTAssertEqual(contrast(Palette.classes[5], .black), 2.41, accuracy: 0.01)
    }

    func testTerminalClassColoursStayApart() {
        let p = Palette.terminalClasses
        XCTAssertEqual(p.count, 10)
        var closest = Double.infinity
        for i in p.indices {
            XCTAssertGreaterThanOrEqual(distance(p[i], Palette.terminalUnclassed), 25, "class \(i) against unclassed grey")
            for j in p.indices where j > i { closest = min(closest, distance(p[i], p[j])) }
        }
        XCTAssertGreaterThanOrEqual(closest, 50)
        // Tol's muted pairs 0/8 and 3/6, which looked alike in the terminal, are 38.7 and 36.9 apart.
        XCTAssertEqual(distance(Palette.classes[0], Palette.classes[8]), 38.65, accuracy: 0.01)
        XCTAssertEqual(distance(Palette.classes[3], Palette.classes[6]), 36.86, accuracy: 0.01)
        // And they stay ten colours in a 256-colour terminal.
        XCTAssertEqual(Set(p.map(xterm256Index)).count, 10)
    }
}
