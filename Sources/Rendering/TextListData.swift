/// Lines of text with emphasis on parts of them: a question beside its decoded reconstruction
/// with the differing words marked, the nearest questions with their labels and distances.
public struct TextListData: Sendable, Codable, Equatable {
    /// How a span stands out.
    public enum Emphasis: String, Sendable, Codable, CaseIterable {
        case plain, dim, strong, highlight, good, bad
    }

    /// A run of text with one emphasis; `label`, when given, colours it as that class is
    /// coloured in scatters (and overrides the emphasis's colour).
    public struct Span: Sendable, Codable, Equatable {
        public var text: String
        public var emphasis: Emphasis
        public var label: Int?

        /// A span of `text`.
        public init(_ text: String, _ emphasis: Emphasis = .plain, label: Int? = nil) {
            self.text = text
            self.emphasis = emphasis
            self.label = label
        }

        enum CodingKeys: String, CodingKey { case text, emphasis, label }

        // Plain spans leave the emphasis out, so a long list stays small in a session file.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            text = try c.decode(String.self, forKey: .text)
            emphasis = try c.decodeIfPresent(Emphasis.self, forKey: .emphasis) ?? .plain
            label = try c.decodeIfPresent(Int.self, forKey: .label)
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(text, forKey: .text)
            if emphasis != .plain { try c.encode(emphasis, forKey: .emphasis) }
            try c.encodeIfPresent(label, forKey: .label)
        }
    }

    /// One line: its spans, wrapped to the width with continuation lines indented by `indent`.
    public struct Line: Sendable, Codable, Equatable {
        public var spans: [Span]
        public var indent: Int

        /// A line of `spans`.
        public init(_ spans: [Span], indent: Int = 0) {
            self.spans = spans
            self.indent = indent
        }

        enum CodingKeys: String, CodingKey { case spans, indent }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            spans = try c.decode([Span].self, forKey: .spans)
            indent = try c.decodeIfPresent(Int.self, forKey: .indent) ?? 0
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(spans, forKey: .spans)
            if indent != 0 { try c.encode(indent, forKey: .indent) }
        }
    }

    public var title: String
    public var lines: [Line]

    /// A list of `lines` under `title`.
    public init(title: String, lines: [Line]) {
        self.title = title
        self.lines = lines
    }
}
