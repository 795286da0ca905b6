import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// Every report of the site by year and by agency, in display order: what the home, year,
/// agency and site-map pages, the feed and the site-wide data files are made from. Built from
/// the report summaries only (never from whole reports).
struct SiteIndex {
    let site: SiteConfig
    /// Display order: agencies.yaml's order, then agencies not in the list by slug.
    let agencies: [Agency]
    /// Whether the site has an agency list (without one, every folder is accepted).
    let hasList: Bool
    let agencyBySlug: [String: Agency]
    /// Newest year first; within a year, in agency display order.
    let reports: [ReportSummary]
    /// Newest first.
    let years: [Int]
    let byYear: [Int: [ReportSummary]]
    /// Per agency, newest year first.
    let bySlug: [String: [ReportSummary]]

    init(site: SiteConfig, agencies list: [Agency], hasList: Bool, summaries: [ReportSummary]) {
        self.site = site
        self.hasList = hasList
        var agencies = list
        var known = Set(list.map(\.slug))
        // Agencies without a list entry (only possible without agencies.yaml): named as in their newest report.
        let unlisted = summaries.filter { !known.contains($0.slug) }
        for summary in unlisted.sorted(by: { ($0.slug, $1.year) < ($1.slug, $0.year) }) where known.insert(summary.slug).inserted {
            let kind = AgencyList.kind(of: summary.slug, name: summary.agency, in: nil)
            agencies.append(Agency(slug: summary.slug, name: summary.agency, kind: kind,
                                   location: SourceLocation(file: AgencyList.file, line: 1, column: 1)))
        }
        self.agencies = agencies
        agencyBySlug = Dictionary(agencies.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let order = Dictionary(agencies.enumerated().map { ($0.element.slug, $0.offset) }, uniquingKeysWith: { a, _ in a })
        // Each report's place in the list looked up once, not at every comparison; positions
        // sorted rather than the summaries (no copy of one per move).
        let rank = summaries.map { order[$0.slug] ?? 0 }
        reports = summaries.indices.sorted { a, b in
            summaries[a].year != summaries[b].year
                ? summaries[a].year > summaries[b].year : (rank[a], summaries[a].slug) < (rank[b], summaries[b].slug)
        }.map { summaries[$0] }
        byYear = Dictionary(grouping: reports, by: \.year)
        bySlug = Dictionary(grouping: reports, by: \.slug)
        years = byYear.keys.sorted(by: >)
    }

    func agency(_ slug: String) -> Agency? { agencyBySlug[slug] }

    func isGovernment(_ slug: String) -> Bool { agencyBySlug[slug]?.kind == AgencyList.governmentKind }

    func due(_ report: ReportSummary) -> LocalDate {
        CrossReportRules.due(year: report.year, isGovernment: isGovernment(report.slug))
    }

    /// Published after the legal deadline (条例 第四十九条).
    func isLate(_ report: ReportSummary) -> Bool {
        guard let date = LocalDate(report.published) else { return false }
        return date > due(report)
    }

    /// Agencies of the list (or known from earlier years) with no report for `year`.
    func missing(in year: Int) -> [Agency] {
        let present = Set(byYear[year, default: []].map(\.slug))
        return agencies.filter { !present.contains($0.slug) }
    }

    /// Agencies grouped by kind, in the order of `AgencyList.kinds`.
    func byKind<T>(_ items: [T], slug: (T) -> String) -> [(kind: String, items: [T])] {
        AgencyList.kinds.compactMap { kind in
            let group = items.filter { (agencyBySlug[slug($0)]?.kind ?? "其他") == kind }
            return group.isEmpty ? nil : (kind, group)
        }
    }

    /// The reports of `year` its 汇总 adds up: all but those of bodies covered by another report
    /// of the year (whose figures include theirs); and each such report with the bodies it stands for.
    func reportsToSum(_ year: Int) -> (summed: [ReportSummary], covering: [(ReportSummary, [ReportSummary])]) {
        let reports = byYear[year, default: []]
        let present = Dictionary(reports.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        var covered: Set<String> = []
        var covering: [(ReportSummary, [ReportSummary])] = []
        for report in reports {
            guard let covers = agency(report.slug)?.covers, !covers.isEmpty else { continue }
            let bodies = covers.compactMap { present[$0] }.filter { $0.slug != report.slug }
            guard !bodies.isEmpty else { continue }
            covered.formUnion(bodies.map(\.slug))
            covering.append((report, bodies))
        }
        // A covering report that is itself covered is counted through the one above it.
        return (reports.filter { !covered.contains($0.slug) }, covering.filter { !covered.contains($0.0.slug) })
    }

    // MARK: What each page depends on

    /// The reports of a year (their files and the agency list, via the site configuration).
    func inputs(year: Int) -> ContentHash {
        Self.dataHashes("year \(year)", byYear[year, default: []])
    }

    func inputs(agency slug: String) -> ContentHash {
        Self.dataHashes("agency \(slug)", bySlug[slug, default: []])
    }

    /// What lists of reports show of every report (which reports, their agencies and dates; not
    /// their figures).
    var listing: ContentHash {
        var hash = ContentHash("listing")
        for report in reports {
            hash.combine(report.key)
            hash.combine(report.agency)
            hash.combine(report.published)
        }
        return hash
    }

    /// Every report.
    var inputs: ContentHash { Self.dataHashes("all", reports) }

    /// What pages made from `reports`' figures depend on: each one's `dataHash`, in order.
    private static func dataHashes(_ label: String, _ reports: [ReportSummary]) -> ContentHash {
        var hash = ContentHash(label)
        for report in reports { hash.combine(report.dataHash) }
        return hash
    }
}
