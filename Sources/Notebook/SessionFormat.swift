import Foundation
import Networks
import Rendering

/// One line of a session file in format version 2 (docs/session-format.md): a JSON object with
/// a `"type"` and named snake_case fields. Version 1 files, which used Swift's default enum
/// coding (`{"event":{"text":{"_0":"…"}},"t":0.1}`), are still read by `Session.read`.
enum SessionLine {
    case header(Session.Header)
    /// The cells that made the kernel's state before the recording began.
    case state(t: Double, cells: [Session.StartingCell])
    case event(Session.Entry)
    /// Written when the recording is closed properly; a file without it was cut off.
    case end(t: Double, cells: Int)
}

extension SessionLine {
    /// The line as JSON bytes, without its newline.
    func encoded() throws -> Data {
        if case .event(let entry) = self, let figure = entry.event.figure {
            // Figure fields are the picture types' own, turned into snake_case (they hold no
            // dictionaries whose keys the conversion would touch).
            return try SessionLine.figureEncoder.encode(FigureLine(t: entry.t, figure: FigurePayload(figure: figure)))
        }
        return try SessionLine.encoder.encode(self)
    }

    /// Reads one line; figure lines go through the snake_case decoder.
    static func decode(_ line: Data) throws -> SessionLine {
        let type = try decoder.decode(TypeOnly.self, from: line).type
        if type == "figure" {
            let figure = try figureDecoder.decode(FigureLine.self, from: line)
            return .event(Session.Entry(t: figure.t, event: KernelEvent(figure.figure.figure)))
        }
        return try decoder.decode(SessionLine.self, from: line)
    }

    private static let nonFinite = (positive: "Infinity", negative: "-Infinity", nan: "NaN")

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: nonFinite.positive, negativeInfinity: nonFinite.negative, nan: nonFinite.nan)
        return e
    }

    static var figureEncoder: JSONEncoder {
        let e = encoder
        e.keyEncodingStrategy = .convertToSnakeCase
        return e
    }

    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: nonFinite.positive, negativeInfinity: nonFinite.negative, nan: nonFinite.nan)
        return d
    }

    static var figureDecoder: JSONDecoder {
        let d = decoder
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }

    private struct TypeOnly: Decodable { var type: String }

    /// `{"type":"figure","t":…,"figure":{"kind":"images",…}}`.
    private struct FigureLine: Codable {
        var type = "figure"
        var t: Double
        var figure: FigurePayload
    }
}

/// A figure as `{"kind": "images", …its fields}`: one object for every kind of picture.
struct FigurePayload: Codable {
    var figure: Figure

    private enum Keys: String, CodingKey { case kind }

    init(figure: Figure) { self.figure = figure }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(figure.kind, forKey: .kind)
        // The data's fields go into the same object as "kind".
        switch figure {
        case .images(let d): try d.encode(to: encoder)
        case .chart(let d): try d.encode(to: encoder)
        case .scatter(let d): try d.encode(to: encoder)
        case .histogram(let d): try d.encode(to: encoder)
        case .scatter3D(let d): try d.encode(to: encoder)
        case .textList(let d): try d.encode(to: encoder)
        // Panels hold whole figures, each in Figure's own JSON ({"chart": {"_0": …}}).
        case .panels(let d): try d.encode(to: encoder)
        }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "images": figure = .images(try ImageGridData(from: decoder))
        case "chart": figure = .chart(try ChartData(from: decoder))
        case "scatter": figure = .scatter(try ScatterData(from: decoder))
        case "histogram": figure = .histogram(try HistogramData(from: decoder))
        case "scatter3d": figure = .scatter3D(try Scatter3DData(from: decoder))
        case "text": figure = .textList(try TextListData(from: decoder))
        case "panels": figure = .panels(try PanelsData(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown figure kind '\(kind)'")
        }
    }
}

extension SessionLine: Codable {
    private enum Keys: String, CodingKey {
        case type, t
        // header
        case format, version, aelab, started, columns, rows, source
        // state and end
        case cells
        // events
        case cell, command, text, name, train, test, checksum, ok, seconds, metrics, error
        case ranAs = "ran_as", ranAsNote = "ran_as_note"
        case epochs, batchSize = "batch_size", batchesPerEpoch = "batches_per_epoch", examples, optimizer
        case epoch, batch, loss, terms
        case samplesPerSecond = "samples_per_second", epochSeconds = "epoch_seconds", elapsedSeconds = "elapsed_seconds", etaSeconds = "eta_seconds"
        case outcome, restoredEpoch = "restored_epoch"
        case learningRate = "learning_rate", bestEpoch = "best_epoch", gradientNorms = "gradient_norms", monitor, patience
        case map, step
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .header(let h):
            try c.encode("header", forKey: .type)
            try c.encode(h.format, forKey: .format)
            try c.encode(h.version, forKey: .version)
            try c.encode(h.aelab, forKey: .aelab)
            try c.encode(h.started, forKey: .started)
            try c.encode(h.columns, forKey: .columns)
            try c.encode(h.rows, forKey: .rows)
            try c.encode(h.source, forKey: .source)
        case let .state(t, cells):
            try c.encode("state", forKey: .type)
            try c.encode(t, forKey: .t)
            try c.encode(cells, forKey: .cells)
        case let .end(t, cells):
            try c.encode("end", forKey: .type)
            try c.encode(t, forKey: .t)
            try c.encode(cells, forKey: .cells)
        case .event(let entry):
            try c.encode(entry.t, forKey: .t)
            try SessionLine.encode(entry.event, into: &c)
        }
    }

    private static func encode(_ event: KernelEvent, into c: inout KeyedEncodingContainer<Keys>) throws {
        switch event {
        case let .cellStarted(cell, command):
            try c.encode("cell_started", forKey: .type)
            try c.encode(cell, forKey: .cell)
            try c.encode(command, forKey: .command)
        case .text(let text):
            try c.encode("text", forKey: .type)
            try c.encode(text, forKey: .text)
        case let .dataLoaded(name, train, test, checksum):
            try c.encode("data_loaded", forKey: .type)
            try c.encode(name, forKey: .name)
            try c.encode(train, forKey: .train)
            try c.encode(test, forKey: .test)
            try c.encode(checksum, forKey: .checksum)
        case .cellFinished(let s):
            try c.encode("cell_finished", forKey: .type)
            try c.encode(s.cell, forKey: .cell)
            try c.encode(s.command, forKey: .command)
            try c.encode(s.ok, forKey: .ok)
            try c.encode(s.seconds, forKey: .seconds)
            try c.encode(s.metrics, forKey: .metrics)
            try c.encodeIfPresent(s.error, forKey: .error)
            try c.encodeIfPresent(s.ranAs, forKey: .ranAs)
            try c.encodeIfPresent(s.ranAsNote, forKey: .ranAsNote)
        case .training(.started(let p)):
            try c.encode("training_started", forKey: .type)
            try c.encode(p.epochs, forKey: .epochs)
            try c.encode(p.batchSize, forKey: .batchSize)
            try c.encode(p.batchesPerEpoch, forKey: .batchesPerEpoch)
            try c.encode(p.examples, forKey: .examples)
            try c.encode(p.optimizer, forKey: .optimizer)
        case .training(.batchEnded(let b)):
            try c.encode("batch_ended", forKey: .type)
            try c.encode(b.epoch, forKey: .epoch)
            try c.encode(b.batch, forKey: .batch)
            try c.encode(b.batchesPerEpoch, forKey: .batchesPerEpoch)
            try c.encode(b.loss, forKey: .loss)
            try c.encode(b.terms, forKey: .terms)
            try c.encodeIfPresent(b.learningRate, forKey: .learningRate)
        case .training(.epochEnded(let r)):
            try c.encode("epoch_ended", forKey: .type)
            try c.encode(r.epoch, forKey: .epoch)
            try c.encode(r.epochs, forKey: .epochs)
            try c.encode(r.loss, forKey: .loss)
            try c.encode(r.terms, forKey: .terms)
            try c.encode(r.metrics, forKey: .metrics)
            try c.encode(r.samplesPerSecond, forKey: .samplesPerSecond)
            try c.encode(r.epochSeconds, forKey: .epochSeconds)
            try c.encode(r.elapsedSeconds, forKey: .elapsedSeconds)
            try c.encode(r.etaSeconds, forKey: .etaSeconds)
            try c.encodeIfPresent(r.learningRate, forKey: .learningRate)
            try c.encodeIfPresent(r.bestEpoch, forKey: .bestEpoch)
            try c.encodeIfPresent(r.gradientNorms, forKey: .gradientNorms)
        case .training(.finished(let outcome)):
            try c.encode("training_finished", forKey: .type)
            switch outcome {
            case .completed(let epochs):
                try c.encode("completed", forKey: .outcome)
                try c.encode(epochs, forKey: .epochs)
            case .cancelled(let epochs):
                try c.encode("cancelled", forKey: .outcome)
                try c.encode(epochs, forKey: .epochs)
            case let .diverged(epoch, batch, restored):
                try c.encode("diverged", forKey: .outcome)
                try c.encode(epoch, forKey: .epoch)
                try c.encode(batch, forKey: .batch)
                try c.encode(restored, forKey: .restoredEpoch)
            case let .stoppedEarly(epochs, best, monitor, patience):
                try c.encode("stopped_early", forKey: .outcome)
                try c.encode(epochs, forKey: .epochs)
                try c.encode(best, forKey: .bestEpoch)
                try c.encode(monitor, forKey: .monitor)
                try c.encode(patience, forKey: .patience)
            }
        case .explore(.opened(let map)):
            try c.encode("explore_opened", forKey: .type)
            try c.encode(map, forKey: .map)
        case .explore(.moved(let step)):
            try c.encode("explore_moved", forKey: .type)
            try c.encode(step, forKey: .step)
        case .explore(.closed):
            try c.encode("explore_closed", forKey: .type)
        case .images, .chart, .scatter, .figure:
            // Written by `encoded()` with the snake_case figure encoder.
            throw EncodingError.invalidValue(event, .init(codingPath: [], debugDescription: "figures are encoded as figure lines"))
        }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let type = try c.decode(String.self, forKey: .type)
        func t() throws -> Double { try c.decode(Double.self, forKey: .t) }
        func int(_ key: Keys) throws -> Int { try c.decode(Int.self, forKey: key) }
        func double(_ key: Keys) throws -> Double { try c.decode(Double.self, forKey: key) }
        func string(_ key: Keys) throws -> String { try c.decode(String.self, forKey: key) }
        func numbers(_ key: Keys) throws -> [String: Double] { try c.decode([String: Double].self, forKey: key) }
        func event(_ e: KernelEvent) throws -> SessionLine { .event(Session.Entry(t: try t(), event: e)) }
        switch type {
        case "header":
            self = .header(Session.Header(format: try string(.format), version: try int(.version), aelab: try string(.aelab),
                                          started: try string(.started), columns: try int(.columns), rows: try int(.rows),
                                          source: try string(.source)))
        case "state": self = .state(t: try t(), cells: try c.decode([Session.StartingCell].self, forKey: .cells))
        case "end": self = .end(t: try t(), cells: try int(.cells))
        case "cell_started": self = try event(.cellStarted(cell: try int(.cell), command: try string(.command)))
        case "text": self = try event(.text(try string(.text)))
        case "data_loaded":
            self = try event(.dataLoaded(name: try string(.name), train: try int(.train), test: try int(.test), checksum: try string(.checksum)))
        case "cell_finished":
            var s = CellSummary(cell: try int(.cell), command: try string(.command), ok: try c.decode(Bool.self, forKey: .ok),
                                seconds: try double(.seconds), metrics: try numbers(.metrics),
                                error: try c.decodeIfPresent(String.self, forKey: .error))
            s.ranAs = try c.decodeIfPresent(String.self, forKey: .ranAs)
            s.ranAsNote = try c.decodeIfPresent(String.self, forKey: .ranAsNote)
            self = try event(.cellFinished(s))
        case "training_started":
            self = try event(.training(.started(TrainingPlan(epochs: try int(.epochs), batchSize: try int(.batchSize),
                                                             batchesPerEpoch: try int(.batchesPerEpoch), examples: try int(.examples),
                                                             optimizer: try string(.optimizer)))))
        case "batch_ended":
            self = try event(.training(.batchEnded(BatchReport(epoch: try int(.epoch), batch: try int(.batch), batchesPerEpoch: try int(.batchesPerEpoch),
                                                               loss: try double(.loss), terms: try numbers(.terms),
                                                               learningRate: try c.decodeIfPresent(Double.self, forKey: .learningRate)))))
        case "epoch_ended":
            self = try event(.training(.epochEnded(EpochReport(
                epoch: try int(.epoch), epochs: try int(.epochs), loss: try double(.loss), terms: try numbers(.terms), metrics: try numbers(.metrics),
                samplesPerSecond: try double(.samplesPerSecond), epochSeconds: try double(.epochSeconds),
                elapsedSeconds: try double(.elapsedSeconds), etaSeconds: try double(.etaSeconds),
                learningRate: try c.decodeIfPresent(Double.self, forKey: .learningRate), bestEpoch: try c.decodeIfPresent(Int.self, forKey: .bestEpoch),
                gradientNorms: try c.decodeIfPresent([String: Double].self, forKey: .gradientNorms)))))
        case "training_finished":
            let outcome: TrainingOutcome
            switch try string(.outcome) {
            case "completed": outcome = .completed(epochs: try int(.epochs))
            case "cancelled": outcome = .cancelled(afterEpochs: try int(.epochs))
            case "diverged": outcome = .diverged(epoch: try int(.epoch), batch: try int(.batch), restoredEpoch: try int(.restoredEpoch))
            case "stopped_early":
                outcome = .stoppedEarly(epochs: try int(.epochs), bestEpoch: try int(.bestEpoch), monitor: try string(.monitor), patience: try int(.patience))
            case let other:
                throw DecodingError.dataCorruptedError(forKey: .outcome, in: c, debugDescription: "unknown training outcome '\(other)'")
            }
            self = try event(.training(.finished(outcome)))
        case "explore_opened": self = try event(.explore(.opened(try c.decode(ExploreMap.self, forKey: .map))))
        case "explore_moved": self = try event(.explore(.moved(try c.decode(ExploreStep.self, forKey: .step))))
        case "explore_closed": self = try event(.explore(.closed))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown line type '\(type)'")
        }
    }
}
