import Foundation

/// How well a clustering matches known labels, and which clusters are largest.
public enum ClusterScores {
    /// Normalised mutual information with the arithmetic-mean normaliser, as scikit-learn's
    /// default `normalized_mutual_info_score`: I(L; C) / ((H(L) + H(C)) / 2), 1 when neither
    /// labelling splits the rows, 0 when they share no information. Labels may be any integers.
    public static func normalizedMutualInformation(labels: [Int], clusters: [Int]) throws -> Double {
        let table = try Contingency(labels, clusters)
        if table.rowTotals.count == 1 && table.columnTotals.count == 1 { return 1 }
        let n = Double(labels.count)
        var mutual = 0.0
        for (cell, count) in table.cells {
            let joint = Double(count)
            mutual += joint / n * Foundation.log(joint * n / (Double(table.rowTotals[cell.label]) * Double(table.columnTotals[cell.cluster])))
        }
        // Rounding can leave a hair below zero for independent labellings.
        guard mutual > 1e-15 else { return 0 }
        let mean = (entropy(table.rowTotals, n) + entropy(table.columnTotals, n)) / 2
        return min(1, mutual / mean)
    }

    /// The share of rows whose cluster's most common label is their own.
    public static func purity(labels: [Int], clusters: [Int]) throws -> Double {
        let table = try Contingency(labels, clusters)
        var largest = [Int](repeating: 0, count: table.columnTotals.count)
        for (cell, count) in table.cells { largest[cell.cluster] = max(largest[cell.cluster], count) }
        return Double(largest.reduce(0, +)) / Double(labels.count)
    }

    /// The `count` largest clusters with the indices of their members, largest first (equal
    /// sizes in the order of the cluster number).
    public static func largestClusters(_ clusters: [Int], count: Int) throws -> [(cluster: Int, members: [Int])] {
        guard !clusters.isEmpty else { throw AnalysisError.empty("no cluster assignments") }
        guard count >= 1 else { throw AnalysisError.invalid("asked for the \(count) largest clusters; ask for 1 or more") }
        var members: [Int: [Int]] = [:]
        for (i, c) in clusters.enumerated() { members[c, default: []].append(i) }
        let order = members.keys.sorted { (members[$0]!.count, -$0) > (members[$1]!.count, -$1) }
        return order.prefix(count).map { ($0, members[$0]!) }
    }

    static func entropy(_ totals: [Int], _ n: Double) -> Double {
        totals.reduce(0.0) { h, t in t == 0 ? h : h - Double(t) / n * Foundation.log(Double(t) / n) }
    }
}

/// Counts of rows by (label, cluster), with labels and clusters renumbered 0, 1, 2, … in order
/// of first appearance.
struct Contingency {
    struct Cell: Hashable { var label: Int, cluster: Int }
    var cells: [Cell: Int] = [:]
    var rowTotals: [Int] = []
    var columnTotals: [Int] = []

    init(_ labels: [Int], _ clusters: [Int]) throws {
        guard !labels.isEmpty else { throw AnalysisError.empty("no labels to compare clusters with") }
        try requireCount(clusters.count, "cluster assignments", labels.count, "labels")
        var labelIndex: [Int: Int] = [:], clusterIndex: [Int: Int] = [:]
        for (l, c) in zip(labels, clusters) {
            let li = labelIndex[l] ?? { labelIndex[l] = rowTotals.count; rowTotals.append(0); return rowTotals.count - 1 }()
            let ci = clusterIndex[c] ?? { clusterIndex[c] = columnTotals.count; columnTotals.append(0); return columnTotals.count - 1 }()
            rowTotals[li] += 1
            columnTotals[ci] += 1
            cells[Cell(label: li, cluster: ci), default: 0] += 1
        }
    }
}
