import Foundation
import NianbaoContent
import NianbaoModel

/// The values each template receives. Everything from content is plain text here (the templates
/// escape it); the only HTML is what nianbao made itself: rendered Markdown and nothing else.
enum PageContexts {
    static func site(_ config: SiteConfig) -> [String: Any] {
        var site: [String: Any] = ["title": config.title, "language": config.language]
        if let organization = config.organization { site["organization"] = organization }
        if let contact = config.contact { site["contact"] = contact }
        if let code = config.siteCode { site["siteCode"] = code }
        if let icp = config.icp { site["icp"] = icp }
        if let record = config.policeRecord {
            // The record site looks a number up by its digits (e.g. 44030002000001).
            let digits = String(record.filter { $0.isASCII && $0.isNumber })
            site["policeRecord"] = ["text": record, "code": digits]
        }
        if config.conacLink != nil || config.conacImage != nil {
            var conac: [String: Any] = [:]
            if let link = config.conacLink { conac["link"] = link }
            if let image = config.conacImage { conac["image"] = image }
            site["conac"] = conac
        }
        if let footer = config.footer { site["footer"] = footer }
        if config.siteCode != nil || config.icp != nil || config.policeRecord != nil { site["hasRecords"] = true }
        return site
    }

    /// A report's page. `dataSizes`: the sizes of its data files by name, for the download links.
    static func report(_ report: Report, body: ReportBody, figures: ReportFigures, site: SiteConfig, kind: String?, dataSizes: [String: Int]) -> [String: Any] {
        let sections: [[String: Any]]
        var tables = ReportTables.contexts(body)
        func downloads(_ csv: String?) -> [String: Any]? {
            let files = (csv.map { [($0, "CSV", "text/csv")] } ?? []) + [(SitePaths.reportJSON, "JSON", "application/json")]
            let items = files.compactMap { name, format, type in
                dataSizes[name].map { ["href": name, "format": format, "type": type, "size": OpenData.size($0)] }
            }
            return items.isEmpty ? nil : ["items": items]
        }
        // Table 三 has its CSV; every table is in the report's JSON.
        tables.two["downloads"] = downloads(nil)
        tables.three["downloads"] = downloads(SitePaths.reportCSV)
        tables.four["downloads"] = downloads(nil)
        sections = Self.sections(body, tables: tables) { $0 }
        let agency = report.agency?.value ?? report.slug
        let published = report.published?.value.description ?? ""
        var meta: [(String, String)] = [("ArticleTitle", report.title)]
        if !published.isEmpty { meta.append(("PubDate", published)) }
        meta += [
            ("ContentSource", agency),
            ("Keywords", "政府信息公开,年度报告,\(report.year)年,\(agency)"),
            ("Description", description(report, figures)),
        ]
        var page = SitePages.base(
            site, path: SitePaths.report(year: report.year, slug: report.slug), title: report.title,
            crumbs: [SitePages.homeCrumb, SitePages.yearCrumb(report.year)], current: agency, meta: meta)
        page["description"] = description(report, figures)
        page["agencyHref"] = "../../" + SitePaths.pretty(SitePaths.agency(report.slug))
        if let kind { page["kind"] = kind }
        page.merge([
            "title": report.title,
            "agency": report.agency?.value ?? report.slug,
            "year": String(report.year),
            "slug": report.slug,
            "published": report.published?.value.description ?? "",
            "publishedChinese": report.published?.value.chinese ?? "",
            "sections": sections,
        ]) { _, new in new }
        if let preamble = body.preamble { page["preamble"] = preamble }
        if let note = asPublishedNote(report) { page["asPublishedNote"] = note }
        if let size = dataSizes[SitePaths.docx] { page["docx"] = ["href": SitePaths.docx, "size": OpenData.size(size)] }
        return page
    }

    /// The six sections: each its heading, and its table (二, 三, 四) or its narrative's HTML as `html` makes it.
    static func sections(
        _ body: ReportBody, tables: (two: [String: Any], three: [String: Any], four: [String: Any]), html: (String) -> String
    ) -> [[String: Any]] {
        ReportFormat.sections.map { section in
            var context: [String: Any] = ["id": section.id, "heading": section.heading]
            switch section.id {
            case "active-disclosure": context["table"] = tables.two
            case "applications": context["table"] = tables.three
            case "review-litigation": context["table"] = tables.four
            default:
                if let file = section.file, let rendered = body.narrative[file] { context["narrative"] = html(rendered) }
            }
            return context
        }
    }

    /// One sentence for the `Description` meta tag: who, which year, the main figures.
    static func description(_ report: Report, _ figures: ReportFigures) -> String {
        return "\(report.agency?.value ?? report.slug)\(report.year)年政府信息公开工作年度报告：本年新收政府信息公开申请 \(figures.received) 件，"
            + "予以公开（含部分公开）\(figures.granted) 件；政府信息公开行政复议 \(figures.reviews) 件，行政诉讼 \(figures.lawsuits) 件。"
    }

    /// `as_published: true` with figures that break a 勾稽关系: the findings, for a short note on
    /// the page (plain text, escaped by the template). Nil otherwise, and the page is unchanged.
    static func asPublishedNote(_ report: Report) -> [String: Any]? {
        guard report.asPublished else { return nil }
        let items = Rules.check(report).filter { Rules.isConsistencyRule($0.rule) }.map(\.message)
        return items.isEmpty ? nil : ["items": items]
    }

    /// `Site/404.html`, the page a web server shows for a path that is not in the site, at any
    /// depth: so its links start from the site's root path, absolute (base_url's path, else `/`).
    static func notFound(site: SiteConfig) -> [String: Any] {
        SitePages.base(
            site, path: SitePaths.notFound, title: "页面不存在", crumbs: [SitePages.homeCrumb], current: "页面不存在",
            root: rootPath(site))
    }

    /// The path the site is served from: `/ndbg/` for base_url `https://example.gov.cn/ndbg/`; `/` without base_url.
    static func rootPath(_ site: SiteConfig) -> String {
        guard let base = site.base, let path = URL(string: base)?.path, !path.isEmpty else { return "/" }
        return path.hasSuffix("/") ? path : path + "/"
    }
}
