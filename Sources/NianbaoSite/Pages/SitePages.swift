import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoTemplates

/// The values of the index pages (home, year, agency, site map) and what every page shares:
/// the site's footer fields, the portal's meta tags, breadcrumbs. Plain text only (the templates
/// escape it), except the SVG of the charts and the tables' rows, which nianbao builds itself.
enum SitePages {
    /// A breadcrumb link: label and path from the site root.
    typealias Crumb = (label: String, path: String)

    /// The context every page starts from. `path` is the page's own path (for the `Url` meta tag
    /// and the links back to the root, relative unless `root` is given).
    static func base(
        _ site: SiteConfig, path: String, title: String, crumbs: [Crumb], current: String, meta: [(String, String)] = [],
        root: String? = nil
    ) -> [String: Any] {
        let depth = path.split(separator: "/").count - 1
        let root = root ?? String(repeating: "../", count: depth)
        var tags: [(String, String)] = [("SiteName", site.title)]
        if let domain = site.domain { tags.append(("SiteDomain", domain)) }
        if let code = site.siteCode { tags.append(("SiteIDCode", code)) }
        tags += [("ColumnName", site.columnName), ("ColumnType", site.columnType)]
        tags += meta
        if let base = site.base { tags.append(("Url", base + SitePaths.pretty(path))) }
        var context: [String: Any] = [
            "site": PageContexts.site(site),
            "root": root,
            "pageTitle": title == site.title ? title : "\(title) - \(site.title)",
            "meta": tags.map { ["name": $0.0, "content": $0.1] },
            "breadcrumbs": crumbs.map { ["label": $0.label, "href": root + $0.path] },
            "current": current,
        ]
        if let base = site.base {
            context["canonical"] = base + SitePaths.pretty(path)
            context["feed"] = root + SitePaths.feed
        }
        return context
    }

    static let homeCrumb: Crumb = ("首页", SitePaths.home)

    static func yearCrumb(_ year: Int) -> Crumb { ("\(year)年度", SitePaths.year(year)) }

    /// One report in a list: its link (relative to `root`), date, and whether it was late.
    static func entry(_ report: ReportSummary, index: SiteIndex, root: String, label: String) -> [String: Any] {
        var entry: [String: Any] = [
            "label": label,
            "href": root + SitePaths.reportFolder(year: report.year, slug: report.slug),
            "agencyHref": root + SitePaths.pretty(SitePaths.agency(report.slug)),
            "agency": report.agency,
            "kind": index.agency(report.slug)?.kind ?? "其他",
            "year": String(report.year),
            "published": report.published,
            "publishedChinese": LocalDate(report.published)?.chinese ?? report.published,
        ]
        if index.isLate(report) { entry["late"] = ["due": index.due(report).chinese] }
        return entry
    }

    /// A list of reports as the templates get it: `reports`, each one's values (`entry`), and
    /// `reportItems`, its HTML (the `report-list` partial for each).
    static func reportList(_ entries: [[String: Any]], renderer: PageRenderer) throws(Diagnostic) -> [String: Any] {
        ["reports": entries, "reportItems": try renderer.reportItems(entries)]
    }

    // MARK: Home

    static func home(_ index: SiteIndex, dataSizes: [String: Int], renderer: PageRenderer) throws(Diagnostic) -> [String: Any] {
        var page = base(index.site, path: SitePaths.home, title: index.site.title, crumbs: [], current: "首页")
        page["heading"] = index.site.title
        if let latest = index.years.first {
            let reports = index.byYear[latest, default: []]
            var newest: [String: Any] = [
                "year": String(latest),
                "href": SitePaths.pretty(SitePaths.year(latest)),
                "count": reports.count,
                "groups": try index.byKind(reports, slug: \.slug).map { group throws(Diagnostic) -> [String: Any] in
                    let list = try reportList(group.items.map { entry($0, index: index, root: "", label: $0.agency) }, renderer: renderer)
                    return list.merging(["kind": group.kind]) { $1 }
                },
            ]
            let late = reports.filter(index.isLate).count
            if late > 0 { newest["lateCount"] = late }  // absent rather than 0: Mustache treats 0 as true
            page["latest"] = newest
            let missing = index.missing(in: latest)
            page["missing"] = [
                "year": String(latest),
                "hasList": index.hasList,
                "any": !missing.isEmpty,
                "count": missing.count,
                "agencies": missing.map { ["name": $0.name, "kind": $0.kind, "href": SitePaths.pretty(SitePaths.agency($0.slug))] },
            ] as [String: Any]
        }
        page["years"] = index.years.map { year in
            ["year": String(year), "href": SitePaths.pretty(SitePaths.year(year)), "count": index.byYear[year, default: []].count] as [String: Any]
        }
        page["agencyGroups"] = agencyGroups(index, root: "")
        page["data"] = dataLinks(dataSizes, root: "", years: index.years)
        return page
    }

    static func agencyGroups(_ index: SiteIndex, root: String) -> [[String: Any]] {
        index.byKind(index.agencies, slug: \.slug).map { group in
            [
                "kind": group.kind,
                "agencies": group.items.map { agency -> [String: Any] in
                    ["name": agency.name, "href": root + SitePaths.pretty(SitePaths.agency(agency.slug)),
                     "count": index.bySlug[agency.slug, default: []].count]
                },
            ]
        }
    }

    /// The open-data links: the data index, then each year's files (or only `year`'s), newest first.
    static func dataLinks(_ sizes: [String: Int], root: String, years: [Int], only year: Int? = nil) -> [[String: Any]] {
        let index = year == nil ? [(SitePaths.dataIndex, "各年度开放数据文件的目录（年度、报告数、文件及大小）", "JSON")] : []
        return (index + (year.map { [$0] } ?? years).flatMap(OpenData.yearFiles)).compactMap { path, label, format in
            guard let size = sizes[path] else { return nil }
            return ["href": root + path, "label": label, "format": format, "type": format == "CSV" ? "text/csv" : "application/json", "size": OpenData.size(size)]
        }
    }

    // MARK: Year

    static func year(_ year: Int, index: SiteIndex, dataSizes: [String: Int], renderer: PageRenderer) throws(Diagnostic) -> [String: Any] {
        let path = SitePaths.year(year)
        let heading = "\(year)年度政府信息公开工作年度报告"
        var page = base(index.site, path: path, title: heading, crumbs: [homeCrumb], current: "\(year)年度")
        let reports = index.byYear[year, default: []]
        page["heading"] = heading
        page["year"] = String(year)
        page["count"] = reports.count
        let late = reports.filter(index.isLate).count
        if late > 0 { page["lateCount"] = late }
        page.merge(try reportList(reports.map { entry($0, index: index, root: "../", label: $0.agency) }, renderer: renderer)) { $1 }
        // Only a list says who should have published (without one, agencies come and go with their reports).
        let missing = index.hasList ? index.missing(in: year) : []
        if !missing.isEmpty { page["missing"] = ["count": missing.count, "names": missing.map(\.name).joined(separator: "、")] as [String: Any] }

        // 汇总: tables 二, 三 and 四 summed over the year's reports, in the official layout. A
        // report whose agency covers others (covers: in agencies.yaml) stands for them: their own
        // reports are not counted a second time.
        let (summed, covering) = index.reportsToSum(year)
        let total = ReportFigures.sum(summed.lazy.map(\.figures))
        var two = ReportTables.compiledTwo.context(total.two)
        two["caption"] = "\(year)年度汇总：主动公开政府信息情况"
        var three = ReportTables.compiledThree.context(total.three.map(String.init))
        three["caption"] = "\(year)年度汇总：收到和处理政府信息公开申请情况（单位：件）"
        var four = ReportTables.compiledFour.context(total.four.map(String.init))
        four["caption"] = "\(year)年度汇总：政府信息公开行政复议、行政诉讼情况（单位：件）"
        var summary: [String: Any] = [
            "count": summed.count,
            "agencies": summed.map(\.agency).joined(separator: "、"),
            "tables": [two, three, four],
        ]
        if !covering.isEmpty {
            summary["covered"] = covering.map { government, bodies in
                ["government": government.agency, "count": bodies.count, "bodies": bodies.map(\.agency).joined(separator: "、")] as [String: Any]
            }
        }
        page["summary"] = summary
        let data = dataLinks(dataSizes, root: "../", years: index.years, only: year)
        if !data.isEmpty {
            page["data"] = data
            page["hasData"] = true
        }
        return page
    }

    // MARK: Agency

    static func agency(_ agency: Agency, index: SiteIndex, renderer: PageRenderer) throws(Diagnostic) -> [String: Any] {
        let path = SitePaths.agency(agency.slug)
        var page = base(index.site, path: path, title: "\(agency.name)政府信息公开工作年度报告", crumbs: [homeCrumb], current: agency.name)
        let reports = index.bySlug[agency.slug, default: []]
        page["heading"] = agency.name
        page["kind"] = agency.kind
        page.merge(try reportList(reports.map { entry($0, index: index, root: "../../", label: "\($0.year)年度报告") }, renderer: renderer)) { $1 }
        page["count"] = reports.count
        // Trends, oldest year first.
        let ordered = reports.reversed().map { ($0.year, $0.figures) }
        if !ordered.isEmpty {
            let years = ordered.map { "\($0.0)年" }
            let applications = TrendChart(
                id: "chart-applications", heading: "申请办理情况", title: "\(agency.name)历年政府信息公开申请办理情况", unit: "件", categories: years,
                series: [
                    .init(name: "收到申请", values: ordered.map(\.1.received)),
                    .init(name: "予以公开（含部分公开）", values: ordered.map(\.1.granted)),
                    .init(name: "未予公开（其他办理结果）", values: ordered.map(\.1.notGranted)),
                ])
            let disputes = TrendChart(
                id: "chart-disputes", heading: "行政复议、行政诉讼情况", title: "\(agency.name)历年政府信息公开行政复议、行政诉讼情况", unit: "件", categories: years,
                series: [
                    .init(name: "行政复议", values: ordered.map(\.1.reviews)),
                    .init(name: "行政诉讼", values: ordered.map(\.1.lawsuits)),
                ])
            page["charts"] = [applications.context, disputes.context]
        }
        return page
    }

    // MARK: Site map

    static func siteMap(_ index: SiteIndex, dataSizes: [String: Int]) -> [String: Any] {
        var page = base(index.site, path: SitePaths.siteMapPage, title: "网站地图", crumbs: [homeCrumb], current: "网站地图")
        page["heading"] = "网站地图"
        // The site's structure: every report is one link away, on its year's and its agency's page.
        page["years"] = index.years.map { year -> [String: Any] in
            ["year": String(year), "href": SitePaths.pretty(SitePaths.year(year)), "count": index.byYear[year, default: []].count]
        }
        page["agencyGroups"] = agencyGroups(index, root: "")
        page["data"] = dataLinks(dataSizes, root: "", years: index.years)
        return page
    }
}
