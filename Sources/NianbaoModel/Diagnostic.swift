/// A place in a content file: 1-based line and column (columns count characters).
public struct SourceLocation: Sendable, Hashable, Comparable {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// A second place a diagnostic points at, with what is there.
public struct RelatedLocation: Sendable, Hashable {
    public let location: SourceLocation
    public let note: String

    public init(_ location: SourceLocation, _ note: String) {
        self.location = location
        self.note = note
    }
}

public enum Severity: String, Sendable, Hashable {
    case error
    case warning

    /// The word shown to users.
    public var label: String {
        switch self {
        case .error: "错误"
        case .warning: "警告"
        }
    }
}

/// One finding about the content: where, how bad, which rule, and what was expected.
public struct Diagnostic: Error, Sendable, Hashable {
    public let severity: Severity
    /// Stable English id, e.g. `three.balance`, for filtering.
    public let rule: String
    public let location: SourceLocation?
    /// The message in Chinese, naming the official row and column labels.
    public let message: String
    public let expected: String?
    public let actual: String?
    /// Other places the finding involves (e.g. last year's figure for `three.carry-over`), each with a note.
    public var related: [RelatedLocation] = []

    public init(
        _ severity: Severity, rule: String, at location: SourceLocation?, _ message: String,
        expected: String? = nil, actual: String? = nil, related: [RelatedLocation] = []
    ) {
        self.severity = severity
        self.rule = rule
        self.location = location
        self.message = message
        self.expected = expected
        self.actual = actual
        self.related = related
    }

    /// The same finding with another severity (e.g. a rule reported as a warning for a report kept as published).
    public func with(severity: Severity) -> Diagnostic {
        Diagnostic(severity, rule: rule, at: location, message, expected: expected, actual: actual, related: related)
    }

    public static func error(
        _ rule: String, at location: SourceLocation?, _ message: String,
        expected: String? = nil, actual: String? = nil, related: [RelatedLocation] = []
    ) -> Diagnostic {
        Diagnostic(.error, rule: rule, at: location, message, expected: expected, actual: actual, related: related)
    }

    public static func warning(
        _ rule: String, at location: SourceLocation?, _ message: String,
        expected: String? = nil, actual: String? = nil, related: [RelatedLocation] = []
    ) -> Diagnostic {
        Diagnostic(.warning, rule: rule, at: location, message, expected: expected, actual: actual, related: related)
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column (diagnostics without a place first), then rule: a stable order.
    public var sortedForDisplay: [Diagnostic] {
        sorted { a, b in
            switch (a.location, b.location) {
            case (nil, .some): return true
            case (.some, nil): return false
            case let (.some(x), .some(y)) where x != y: return x < y
            default: return (a.rule, a.message) < (b.rule, b.message)
            }
        }
    }
}
