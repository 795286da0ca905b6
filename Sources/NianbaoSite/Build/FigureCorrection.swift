import NianbaoRecords

/// An incremental build whose only change to the pages made from every report is some reports'
/// figures: no report added or gone, none under another agency name or date. Of those pages,
/// only the changed reports' years (data files and year pages) and agencies (their pages) can
/// change; the build makes them from those years' summaries alone, not from every report's.
/// Every other page made from every report depends on nothing that changed (its inputs are the
/// templates and settings, unchanged in an incremental build, and the list of reports with their
/// agencies and dates), so it stays as the last build left it.
struct FigureCorrection {
    /// The reports whose figures changed (`year/slug`), their years and their agencies.
    let keys: Set<String>
    let years: Set<Int>
    let slugs: Set<String>
    /// The reports the feed shows (`year/slug`), as the last build made it.
    let newest: [String]

    /// Nil unless the build is such a correction.
    /// - Parameter read: the summaries of the folders this build read.
    init?(_ plan: BuildPlan, read: [ReportSummary]) {
        guard plan.incremental, plan.gone.isEmpty, let cache = plan.cache, let newest = cache.newest else { return nil }
        var keys: Set<String> = []
        for summary in read {
            let key = summary.key
            // A folder new to the cache, or another name or date: the lists of reports change.
            guard let entry = cache.entries[key], let listed = cache.listing(key), listed.agency == summary.agency,
                listed.published == summary.published
            else { return nil }
            if entry.dataHash != summary.dataHash { keys.insert(key) }
        }
        guard !keys.isEmpty else { return nil }
        let changed = read.filter { keys.contains($0.key) }
        self.keys = keys
        years = Set(changed.map(\.year))
        slugs = Set(changed.map(\.slug))
        self.newest = newest
    }
}
