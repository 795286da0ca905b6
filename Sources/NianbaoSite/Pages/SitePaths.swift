import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// Paths of the site's pages and files, relative to the output folder.
enum SitePaths {
    static let home = "index.html"
    static let siteMapPage = "sitemap.html"
    static let siteMapXML = "sitemap.xml"
    static let feed = "feed.xml"
    static let notFound = "404.html"
    /// The open data of the whole site: the list of the years' files.
    static let dataIndex = "data/index.json"

    /// A year's open data: every report of the year with its key figures, and table 三 of each.
    static func reportsJSON(year: Int) -> String { "data/\(year)/reports.json" }
    static func applicationsCSV(year: Int) -> String { "data/\(year)/applications.csv" }

    static func year(_ year: Int) -> String { "\(year)/index.html" }
    static func agency(_ slug: String) -> String { "agencies/\(slug)/index.html" }
    static func report(year: Int, slug: String) -> String { "\(year)/\(slug)/index.html" }
    static func reportFolder(year: Int, slug: String) -> String { "\(year)/\(slug)/" }

    /// The report made to be pasted into a portal's editor, beside its page: made from the same inputs.
    static let article = "article.html"
    static func article(year: Int, slug: String) -> String { reportFolder(year: year, slug: slug) + article }
    /// The report as a Word document (`downloads: [docx]` in site.yaml): made from the same inputs.
    static let docx = "report.docx"
    /// The files of one report made from all its files: its page, its article, and with `docx` its Word document.
    static func reportPageCount(docx: Bool) -> Int { docx ? 3 : 2 }

    /// The files of one report made from its figures alone.
    static let reportJSON = "report.json"
    static let reportCSV = "report.csv"
    static let reportDataFiles = [reportJSON, reportCSV]

    /// Every file of one report: its page, article and Word document (`reportPageCount`), then its data files.
    static func reportFiles(year: Int, slug: String, docx: Bool) -> [String] {
        let folder = reportFolder(year: year, slug: slug)
        return [report(year: year, slug: slug), folder + article] + (docx ? [folder + Self.docx] : []) + reportDataFiles.map { folder + $0 }
    }

    /// The `YYYY/slug/` part of a report's file (`YYYY/slug/name`), from its bytes; nil for
    /// any other output (year pages are `YYYY/index.html`, agency pages `agencies/…`).
    static func reportFolder(of path: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard path.count > 6, path[4] == 0x2F, path[0] >= 0x30, path[0] <= 0x39, path[1] >= 0x30, path[1] <= 0x39,
            path[2] >= 0x30, path[2] <= 0x39, path[3] >= 0x30, path[3] <= 0x39,
            let slash = path[5...].firstIndex(of: 0x2F)
        else { return nil }
        return UnsafeBufferPointer(rebasing: path[0...slash])
    }

    /// A folder's `index.html` as a link (`2024/` rather than `2024/index.html`), for absolute URLs.
    static func pretty(_ path: String) -> String {
        path == home ? "" : path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path
    }
}
