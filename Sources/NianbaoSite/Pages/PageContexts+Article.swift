import NianbaoContent
import NianbaoModel

extension PageContexts {
    /// A report's article (`article.html`): the title, the narrative and the three tables, every
    /// style inline, for pasting into a portal's rich-text editor. Nothing of the site around it.
    static func article(_ report: Report, body: ReportBody, site: SiteConfig) -> [String: Any] {
        let sections = Self.sections(body, tables: ReportTables.articleContexts(body)) { ArticleMarkup.narrative($0) }
        var article: [String: Any] = [
            "title": report.title,
            "language": site.language,
            "sections": sections,
        ]
        if let preamble = body.preamble { article["preamble"] = ArticleMarkup.narrative(preamble) }
        return article
    }
}
