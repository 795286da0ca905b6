import NianbaoContent
import NianbaoModel

/// What `check --format html|csv` shows of a content folder: every report with its findings,
/// the findings of the site's own files, and per year who published late and who is missing.
/// Built from what `check` found; the order is fixed (years newest first, agencies in the
/// list's order), so the same content gives the same bytes.
public struct Review: Sendable {
    /// One report folder and what was found in it.
    public struct Entry: Sendable {
        public let key: String
        public let year: Int
        public let slug: String
        public let agency: String
        public let published: String
        /// Kept as published (`as_published: true`): its inconsistencies are the publisher's.
        public let asPublished: Bool
        public let findings: [Diagnostic]
        public var errors: Int { findings.filter { $0.severity == .error }.count }
        public var warnings: Int { findings.count - errors }
        public var late: Bool { findings.contains { $0.rule == "deadline.late" } }
        /// The anchor of its findings on the page.
        public var anchor: String { "r-\(year)-\(slug)" }
    }

    public let siteTitle: String
    public let content: String
    /// Newest first.
    public let years: [Int]
    /// Agencies in the list's order, then those with reports but not in the list, by slug.
    public let agencies: [Agency]
    /// Every report folder (loaded or not), newest year first, then in agency order.
    public let entries: [Entry]
    /// Findings in no report folder (site.yaml, agencies.yaml, the folder layout).
    public let siteFindings: [Diagnostic]
    /// Per year, the listed agencies without a report that year.
    public let missing: [Int: [Agency]]
    /// For quoting source lines.
    public let sources: [String: String]

    public init(content folder: String, loaded: Content, diagnostics: [Diagnostic]) {
        let found = ContentLoader.discover(folder)
        content = folder
        siteTitle = loaded.site?.title ?? "政府信息公开工作年度报告"
        sources = loaded.sources
        var agencies = found.agencies
        var known = Set(agencies.map(\.slug))
        let names = Dictionary(loaded.reports.map { ($0.slug, $0.agency?.value ?? $0.slug) }, uniquingKeysWith: { a, _ in a })
        for folder in found.folders.sorted(by: { $0.slug < $1.slug }) where known.insert(folder.slug).inserted {
            let name = names[folder.slug] ?? folder.slug
            agencies.append(Agency(slug: folder.slug, name: name, kind: AgencyList.kind(of: folder.slug, name: name, in: nil),
                                   location: SourceLocation(file: AgencyList.file, line: 1, column: 1)))
        }
        self.agencies = agencies
        years = Array(Set(found.folders.map(\.year))).sorted(by: >)

        // Each finding goes to the report folder its file is in, else to the site's.
        var byFolder: [String: [Diagnostic]] = [:]
        var site: [Diagnostic] = []
        // A report's findings are in its folder's files (report.yaml, the Markdown files) or on the folder itself.
        let folders = Dictionary(found.folders.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        func reportFolder(of file: String) -> ContentLoader.ReportFolder? {
            folders[file] ?? file.lastIndex(of: "/").flatMap { folders[String(file[..<$0])] }
        }
        for diagnostic in diagnostics.sortedForDisplay {
            if let file = diagnostic.location?.file, let folder = reportFolder(of: file) {
                byFolder[folder.key, default: []].append(diagnostic)
            } else {
                site.append(diagnostic)
            }
        }
        siteFindings = site
        let reports = Dictionary(loaded.reports.map { ("\($0.year)/\($0.slug)", $0) }, uniquingKeysWith: { a, _ in a })
        let order = Dictionary(agencies.enumerated().map { ($0.element.slug, $0.offset) }, uniquingKeysWith: { a, _ in a })
        entries = found.folders.sorted { a, b in
            a.year != b.year ? a.year > b.year : (order[a.slug] ?? 0, a.slug) < (order[b.slug] ?? 0, b.slug)
        }.map { folder in
            let report = reports[folder.key]
            return Entry(
                key: folder.key, year: folder.year, slug: folder.slug,
                agency: report?.agency?.value ?? names[folder.slug] ?? folder.slug,
                published: report?.published?.value.description ?? "",
                asPublished: report?.asPublished ?? false, findings: byFolder[folder.key] ?? [])
        }
        let present = Set(found.folders.map(\.key))
        var missing: [Int: [Agency]] = [:]
        if !found.agencies.isEmpty {
            for year in years { missing[year] = found.agencies.filter { !present.contains("\(year)/\($0.slug)") } }
        }
        self.missing = missing
    }

    public func entries(in year: Int) -> [Entry] { entries.filter { $0.year == year } }
}
