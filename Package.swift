// swift-tools-version:6.0
// aelab — an interactive terminal lab for autoencoders.
//
// Imports run one way: Tensors → Datasets → Networks → Autoencoders → Notebook → TerminalUI → aelab.
// Rendering (pictures and charts) stands beside them and knows nothing of training; Analysis
// (measuring codes) needs only Tensors.
import PackageDescription

/// Release builds of the numeric modules skip exclusivity checks: their hot loops use raw
/// pointers into storage classes, where the checks cost time and find nothing.
let numeric: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "aelab",
    products: [
        .executable(name: "aelab", targets: ["aelab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries (Debian packages named in the README's set-up command).
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Elementwise kernels compiled per instruction set (see ckernels.h for why).
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3", "-fno-math-errno", "-Wno-target-clones-mixed-specifiers"])]),
        // Atomic writes, bounded reads and file errors in words, for every module that touches files.
        .target(name: "Files"),
        // Options declared once (name, default, check, help): parsing, help and completion follow.
        .target(name: "Options"),
        .target(name: "Tensors", dependencies: ["COpenBLAS", "CKernels"], swiftSettings: numeric),
        .target(name: "Datasets", dependencies: ["Tensors", "Rendering", "Options", "CZlib"], swiftSettings: numeric),
        .target(name: "Networks", dependencies: ["Tensors", "Files"], swiftSettings: numeric),
        .target(name: "Autoencoders", dependencies: ["Networks", "Datasets", "Files", "Options"], swiftSettings: numeric),
        .target(name: "Rendering", dependencies: ["CPNG", "CZlib", "Files"], swiftSettings: numeric),
        // Measuring codes: clustering, retrieval, metrics and the plain baselines set beside them.
        .target(name: "Analysis", dependencies: ["Tensors"], swiftSettings: numeric),

        .target(name: "Notebook", dependencies: ["Autoencoders", "Analysis", "Rendering", "Options", "Files"]),
        .target(name: "TerminalUI", dependencies: ["Notebook", "Rendering", "Options", "Files", "CNcurses"]),
        .executableTarget(name: "aelab", dependencies: ["Notebook", "TerminalUI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Helpers every test target shares: the finite-difference gradient check and its inputs.
        .target(name: "TestSupport", dependencies: ["Tensors"], path: "Tests/TestSupport"),
        .testTarget(name: "FilesTests", dependencies: ["Files", "TestSupport"]),
        .testTarget(name: "OptionsTests", dependencies: ["Options", "TestSupport"]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Options", "TestSupport"]),
        .testTarget(name: "NetworksTests", dependencies: ["Networks", "TestSupport"]),
        .testTarget(name: "AutoencodersTests", dependencies: ["Autoencoders", "Options", "TestSupport"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "TestSupport"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "TestSupport"]),
        // The golden ANSI files are read by path from the source tree, not bundled.
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "CZlib", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
