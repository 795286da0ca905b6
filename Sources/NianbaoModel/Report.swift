/// A value read from a content file, with the place it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public let value: Value
    public let location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A calendar date as written (`YYYY-MM-DD`), with no time zone.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses `YYYY-MM-DD` and checks that the day exists.
    public init?(_ text: String) {
        // Exactly "DDDD-DD-DD" in ASCII digits.
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard bytes[i] >= 0x30, bytes[i] <= 0x39 else { return nil }
                n = n * 10 + Int(bytes[i] - 0x30)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        guard (1...12).contains(m), d >= 1, d <= LocalDate.daysIn(month: m, year: y) else { return nil }
        year = y
        month = m
        day = d
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `2025年1月20日`
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// A figure of a table: a count, or an amount kept exactly as written (e.g. `0.0350` 万元).
public enum Figure: Sendable, Hashable {
    case count(Int)
    case amount(String)

    /// The text printed in the table.
    public var text: String {
        switch self {
        case .count(let n): String(n)
        case .amount(let s): s
        }
    }

    public var count: Int? {
        if case .count(let n) = self { return n }
        return nil
    }
}

/// One row of figures as written in `report.yaml`. A cell is nil where the file had no valid value
/// (the loader has reported it); rules skip such cells.
public struct FigureRow: Sendable, Hashable {
    public var cells: [Located<Figure>?]
    /// Where the row itself was written (its key).
    public let location: SourceLocation

    public init(cells: [Located<Figure>?], at location: SourceLocation) {
        self.cells = cells
        self.location = location
    }

    public func count(_ index: Int) -> Int? {
        index < cells.count ? cells[index]?.value.count : nil
    }
}

/// One annual report: metadata, the figures of tables 二, 三 and 四 (by row key), and the narrative.
public struct Report: Sendable {
    /// The folder name, used in URLs.
    public let slug: String
    /// The year given by the folder.
    public let year: Int
    /// The folder, as shown in diagnostics (e.g. `Content/reports/2024/x`).
    public let folder: String
    public var agency: Located<String>?
    public var published: Located<LocalDate>?
    /// `as_published: true`: the figures are the public record, kept as published; the 勾稽关系
    /// rules report warnings instead of errors, and the page notes the inconsistencies.
    public var asPublished = false
    /// Table 二: row key (e.g. `normative_documents`) → its values in column order.
    public var tableTwo: [String: FigureRow] = [:]
    /// Table 三: row key path (e.g. `results.denied.state_secret`) → 6 values, or 7 with a declared 总计.
    public var tableThree: [String: FigureRow] = [:]
    /// Table 四: group key (e.g. `review`) → 4 values, or 5 with a declared 总计.
    public var tableFour: [String: FigureRow] = [:]
    /// Markdown source by file name (`overview.md` …); absent files are absent keys.
    public var narrative: [String: String] = [:]

    public init(slug: String, year: Int, folder: String) {
        self.slug = slug
        self.year = year
        self.folder = folder
    }

    /// Drops what only this report's own page needs, keeping what the rules across years read
    /// (so that tens of thousands of reports fit in memory during a build).
    public mutating func slimForCrossReportRules() {
        narrative = [:]
        tableThree = tableThree.filter { $0.key == "carried_over" || $0.key == "carried_forward" }
        tableTwo = tableTwo.filter { ["regulations", "normative_documents"].contains($0.key) }
        tableFour = [:]
    }

    public var title: String {
        ReportFormat.title(agency: agency?.value ?? slug, year: year)
    }
}
