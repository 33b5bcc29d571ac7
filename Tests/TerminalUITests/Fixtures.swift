import Foundation
import Networks
import Notebook

// The kernel's report types have no public initialisers; tests build them from JSON as a
// recorded session would.

func decoded<T: Decodable>(_ type: T.Type, _ object: [String: Any]) -> T {
    let data = try! JSONSerialization.data(withJSONObject: object)
    return try! JSONDecoder().decode(T.self, from: data)
}

func plan(epochs: Int, batchSize: Int, batchesPerEpoch: Int) -> TrainingPlan {
    decoded(TrainingPlan.self, ["epochs": epochs, "batchSize": batchSize, "batchesPerEpoch": batchesPerEpoch,
                                "examples": batchSize * batchesPerEpoch, "optimizer": "adam"])
}

func batchReport(epoch: Int, batch: Int, batchesPerEpoch: Int, loss: Double, terms: [String: Double]) -> BatchReport {
    decoded(BatchReport.self, ["epoch": epoch, "batch": batch, "batchesPerEpoch": batchesPerEpoch, "loss": loss, "terms": terms])
}

func epochReport(epoch: Int, epochs: Int, loss: Double, metrics: [String: Double]) -> EpochReport {
    decoded(EpochReport.self, ["epoch": epoch, "epochs": epochs, "loss": loss, "terms": [String: Double](), "metrics": metrics,
                               "samplesPerSecond": 1000, "epochSeconds": 1, "elapsedSeconds": Double(epoch), "etaSeconds": Double(epochs - epoch)])
}

func summary(command: String, ok: Bool, seconds: Double) -> CellSummary {
    decoded(CellSummary.self, ["cell": 1, "command": command, "ok": ok, "seconds": seconds, "metrics": [String: Double]()])
}
