import NianbaoMarkdown
import NianbaoModel

/// What a report's page and its article both print, made once for the two: its narrative files
/// rendered (libcmark, safe mode) and its tables' figures as text, in data-cell order.
struct ReportBody {
    /// Rendered HTML by narrative file name (`overview.md`, …); the preamble too, when it has any.
    let narrative: [String: String]
    let two: [String]
    let three: [String]
    let four: [String]

    init(_ report: Report) {
        narrative = report.narrative.mapValues { MarkdownRenderer.html($0) }
        two = ReportTables.tableTwoValues(report)
        three = ReportTables.tableThreeValues(report)
        four = ReportTables.tableFourValues(report)
    }

    /// The preamble's HTML, nil when there is none or it renders to nothing.
    var preamble: String? {
        narrative[ReportFormat.preambleFile].flatMap { $0.isEmpty ? nil : $0 }
    }
}
