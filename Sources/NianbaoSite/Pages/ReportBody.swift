import NianbaoMarkdown
import NianbaoModel

/// A report's narrative files rendered once (libcmark, safe mode), for its page and its article.
struct NarrativeHTML {
    /// Rendered HTML by narrative file name (`overview.md`, …); the preamble too, when it has any.
    let files: [String: String]

    init(_ report: Report) {
        files = report.narrative.mapValues { MarkdownRenderer.html($0) }
    }

    /// The preamble's HTML, nil when there is none or it renders to nothing.
    var preamble: String? {
        files[ReportFormat.preambleFile].flatMap { $0.isEmpty ? nil : $0 }
    }
}
