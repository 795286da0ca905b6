import NianbaoContent
import NianbaoMarkdown
import NianbaoModel

extension PageContexts {
    /// A report's article (`article.html`): the title, the narrative and the three tables, every
    /// style inline, for pasting into a portal's rich-text editor. Nothing of the site around it.
    static func article(_ report: Report, site: SiteConfig) -> [String: Any] {
        let sections = Self.sections(report, tables: ReportTables.articleContexts(report)) {
            ArticleMarkup.narrative(MarkdownRenderer.html($0))
        }
        var article: [String: Any] = [
            "title": report.title,
            "language": site.language,
            "sections": sections,
        ]
        if let preamble = report.narrative[ReportFormat.preambleFile] {
            let html = MarkdownRenderer.html(preamble)
            if !html.isEmpty { article["preamble"] = ArticleMarkup.narrative(html) }
        }
        return article
    }
}
