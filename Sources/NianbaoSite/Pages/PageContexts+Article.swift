import NianbaoContent
import NianbaoMarkdown
import NianbaoModel

extension PageContexts {
    /// A report's article (`article.html`): the title, the narrative and the three tables, every
    /// style inline, for pasting into a portal's rich-text editor. Nothing of the site around it.
    static func article(_ report: Report, site: SiteConfig) -> [String: Any] {
        let tables = ReportTables.articleContexts(report)
        var sections: [[String: Any]] = []
        for section in ReportFormat.sections {
            var context: [String: Any] = ["id": section.id, "heading": section.heading]
            switch section.id {
            case "active-disclosure": context["table"] = tables.two
            case "applications": context["table"] = tables.three
            case "review-litigation": context["table"] = tables.four
            default:
                if let file = section.file, let markdown = report.narrative[file] {
                    context["narrative"] = ArticleMarkup.narrative(MarkdownRenderer.html(markdown))
                }
            }
            sections.append(context)
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
