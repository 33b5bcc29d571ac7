import Foundation

/// The vector features of the processor, as the kernel reports them in /proc/cpuinfo.
///
/// aelab reads them to choose OpenBLAS's kernel itself: on virtual machines that hide the CPU
/// model, OpenBLAS's own detection falls back to its slow generic "Prescott" kernel.
public struct CPUFeatures: Equatable, Sendable {
    public var flags: Set<String>
    public var modelName: String

    public init(flags: Set<String>, modelName: String = "") {
        self.flags = flags
        self.modelName = modelName
    }

    /// Parses the first processor block of /proc/cpuinfo text.
    public init(cpuinfo text: String) {
        var flags = Set<String>()
        var model = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty, !flags.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if key == "flags" { flags = Set(value.split(separator: " ").map(String.init)) }
            if key == "model name", model.isEmpty { model = value }
        }
        self.init(flags: flags, modelName: model)
    }

    /// The features of this machine; empty when /proc/cpuinfo cannot be read.
    public static func current() -> CPUFeatures {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
            return CPUFeatures(flags: [])
        }
        return CPUFeatures(cpuinfo: text)
    }

    public var hasAVX512: Bool { ["avx512f", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) }
    public var hasAVX2: Bool { flags.contains("avx2") && flags.contains("fma") }
    public var hasAVX: Bool { flags.contains("avx") }

    /// The OpenBLAS core whose kernels match these features, or nil when only the generic
    /// SSE kernels fit. Haswell's kernels are OpenBLAS's AVX2/FMA set; on AMD Zen they measured
    /// faster here than the "Zen" core, whose small-matrix paths are weaker (see README).
    public var openBLASCore: String? {
        if hasAVX512 { return "SkylakeX" }
        if hasAVX2 { return "Haswell" }
        if hasAVX { return "SandyBridge" }
        return nil
    }
}
