import NianbaoContent
import NianbaoMarkdown
import NianbaoModel

/// The values each template receives. Everything from content is plain text here (the templates
/// escape it); the only HTML is what nianbao made itself: rendered Markdown and nothing else.
enum PageContexts {
    static func site(_ config: SiteConfig) -> [String: Any] {
        var site: [String: Any] = ["title": config.title, "language": config.language]
        if let organization = config.organization { site["organization"] = organization }
        if let footer = config.footer { site["footer"] = footer }
        return site
    }

    /// `Site/<year>/<slug>/index.html`
    static func reportPath(_ report: Report) -> String {
        reportPath(year: report.year, slug: report.slug)
    }

    static func reportPath(year: Int, slug: String) -> String {
        "\(year)/\(slug)/index.html"
    }

    static func report(_ report: Report, site: SiteConfig) -> [String: Any] {
        var sections: [[String: Any]] = []
        let tables = ReportTables.contexts(report)
        for section in ReportFormat.sections {
            var context: [String: Any] = ["id": section.id, "heading": section.heading]
            switch section.id {
            case "active-disclosure": context["table"] = tables.two
            case "applications": context["table"] = tables.three
            case "review-litigation": context["table"] = tables.four
            default:
                if let file = section.file, let markdown = report.narrative[file] {
                    context["narrative"] = MarkdownRenderer.html(markdown)
                }
            }
            sections.append(context)
        }
        var page: [String: Any] = [
            "site": self.site(site),
            "root": "../../",
            "pageTitle": "\(report.title) - \(site.title)",
            "title": report.title,
            "agency": report.agency?.value ?? report.slug,
            "year": String(report.year),
            "slug": report.slug,
            "published": report.published?.value.description ?? "",
            "publishedChinese": report.published?.value.chinese ?? "",
            "sections": sections,
        ]
        if let preamble = report.narrative[ReportFormat.preambleFile] {
            let html = MarkdownRenderer.html(preamble)
            if !html.isEmpty { page["preamble"] = html }
        }
        if let note = asPublishedNote(report) { page["asPublishedNote"] = note }
        return page
    }

    /// `as_published: true` with figures that break a 勾稽关系: the findings, for a short note on
    /// the page (plain text, escaped by the template). Nil otherwise, and the page is unchanged.
    static func asPublishedNote(_ report: Report) -> [String: Any]? {
        guard report.asPublished else { return nil }
        let items = Rules.check(report).filter { Rules.isConsistencyRule($0.rule) }.map(\.message)
        return items.isEmpty ? nil : ["items": items]
    }

    /// `Site/404.html`, the page a web server shows for a path that is not in the site. Its links
    /// are relative to the site root (a server that shows it for deeper paths needs `<base href="/">`).
    static func notFound(site: SiteConfig) -> [String: Any] {
        [
            "site": self.site(site),
            "root": "",
            "pageTitle": "页面不存在 - \(site.title)",
        ]
    }

    static func index(_ reports: [ReportSummary], site: SiteConfig) -> [String: Any] {
        var years: [[String: Any]] = []
        var current: (year: Int, reports: [[String: Any]])?
        for report in reports {
            let entry: [String: Any] = [
                "title": report.title,
                "href": reportPath(year: report.year, slug: report.slug),
                "published": report.published,
                "publishedChinese": LocalDate(report.published)?.chinese ?? "",
            ]
            if current?.year == report.year {
                current!.reports.append(entry)
            } else {
                if let done = current { years.append(["year": String(done.year), "reports": done.reports]) }
                current = (report.year, [entry])
            }
        }
        if let done = current { years.append(["year": String(done.year), "reports": done.reports]) }
        return [
            "site": self.site(site),
            "root": "",
            "pageTitle": site.title,
            "years": years,
            "hasYears": !years.isEmpty,
        ]
    }
}
