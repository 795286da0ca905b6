import Foundation
import NianbaoModel

/// `check --format json`: one object per diagnostic, for pipelines.
public enum DiagnosticJSON {
    struct Place: Encodable {
        let file: String
        let line: Int
        let column: Int
        let note: String?
    }

    struct Entry: Encodable {
        let file: String?
        let line: Int?
        let column: Int?
        let severity: String
        let rule: String
        let message: String
        let expected: String?
        let actual: String?
        let related: [Place]

        enum CodingKeys: String, CodingKey {
            case file, line, column, severity, rule, message, expected, actual, related
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(file, forKey: .file)  // null when absent, so every object has every key
            try c.encode(line, forKey: .line)
            try c.encode(column, forKey: .column)
            try c.encode(severity, forKey: .severity)
            try c.encode(rule, forKey: .rule)
            try c.encode(message, forKey: .message)
            try c.encode(expected, forKey: .expected)
            try c.encode(actual, forKey: .actual)
            try c.encode(related, forKey: .related)
        }
    }

    /// A JSON array, one object per diagnostic, in display order.
    public static func encode(_ diagnostics: [Diagnostic]) -> String {
        let entries = diagnostics.sortedForDisplay.map { d in
            Entry(
                file: d.location?.file, line: d.location?.line, column: d.location?.column,
                severity: d.severity.rawValue, rule: d.rule, message: d.message,
                expected: d.expected, actual: d.actual,
                related: d.related.map { Place(file: $0.location.file, line: $0.location.line, column: $0.location.column, note: $0.note) })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(entries)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
