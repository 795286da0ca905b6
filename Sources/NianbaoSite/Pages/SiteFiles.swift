import Foundation
import NianbaoModel
import NianbaoTemplates

/// `sitemap.xml` and the Atom feed: absolute URLs, so both are made only when `site.yaml` gives
/// `base_url` (nianbao never guesses the site's address).
enum SiteFiles {
    static func xml(_ text: String) -> String {
        HTML.escape(text)
    }

    /// Every page of the site (not the data files), with the publication date of report pages.
    static func siteMap(_ index: SiteIndex, base: String) -> Data {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        func url(_ path: String, _ lastmod: String? = nil) {
            out += "<url><loc>\(xml(base + SitePaths.pretty(path)))</loc>"
            if let lastmod, LocalDate(lastmod) != nil { out += "<lastmod>\(lastmod)</lastmod>" }
            out += "</url>\n"
        }
        url(SitePaths.home)
        url(SitePaths.siteMapPage)
        for year in index.years { url(SitePaths.year(year)) }
        for agency in index.agencies where index.bySlug[agency.slug] != nil || index.hasList { url(SitePaths.agency(agency.slug)) }
        for report in index.reports { url(SitePaths.report(year: report.year, slug: report.slug), report.published) }
        out += "</urlset>\n"
        return Data(out.utf8)
    }

    /// How many reports the feed lists.
    static let feedSize = 50

    /// The reports the feed lists: the newest by publication date, then year and agency order.
    static func newest(_ index: SiteIndex) -> [ReportSummary] {
        let reports = index.reports
        // The first `feedSize` in that order, kept sorted while the list is read once (not a sort
        // of every report): a report goes after those of its date or newer, which come earlier.
        var top: [Int] = []
        top.reserveCapacity(feedSize + 1)
        for i in reports.indices {
            let date = reports[i].published
            if top.count == feedSize, date <= reports[top[top.count - 1]].published { continue }
            var low = 0, high = top.count
            while low < high {
                let middle = (low + high) / 2
                if reports[top[middle]].published >= date { low = middle + 1 } else { high = middle }
            }
            top.insert(i, at: low)
            if top.count > feedSize { top.removeLast() }
        }
        return top.map { reports[$0] }
    }

    /// An Atom feed of the newest reports (by publication date, then year and agency order).
    /// - Parameter newest: `newest(index)`.
    static func feed(_ index: SiteIndex, newest: [ReportSummary], base: String) -> Data {
        let updated = newest.first.map { "\($0.published)T00:00:00+08:00" } ?? "2021-01-01T00:00:00+08:00"
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(xml(index.site.language))\">\n"
        out += "<title>\(xml(index.site.title))：最新报告</title>\n"
        out += "<id>\(xml(base))</id>\n"
        out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(xml(base))\"/>\n"
        out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(xml(base + SitePaths.feed))\"/>\n"
        out += "<updated>\(updated)</updated>\n"
        out += "<author><name>\(xml(index.site.organization ?? index.site.title))</name></author>\n"
        for report in newest {
            let link = base + SitePaths.reportFolder(year: report.year, slug: report.slug)
            let date = LocalDate(report.published) != nil ? "\(report.published)T00:00:00+08:00" : updated
            let figures = report.figures
            out += "<entry>\n<title>\(xml(report.title))</title>\n<id>\(xml(link))</id>\n"
            out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(xml(link))\"/>\n"
            out += "<published>\(date)</published>\n<updated>\(date)</updated>\n"
            out += "<author><name>\(xml(report.agency))</name></author>\n"
            out += "<summary>\(xml("本年新收政府信息公开申请 \(figures.received) 件，予以公开（含部分公开）\(figures.granted) 件；行政复议 \(figures.reviews) 件，行政诉讼 \(figures.lawsuits) 件。"))</summary>\n"
            out += "</entry>\n"
        }
        out += "</feed>\n"
        return Data(out.utf8)
    }
}
