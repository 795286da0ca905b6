import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// What the check stage knows of every report: the summaries the index pages are made from,
/// what it rendered, and the records the commit keeps for the next build.
struct Checked {
    /// Every report's summary: those read now, then (when the index changed) those of the cache;
    /// of a correction of figures, only those of its years.
    var summaries: [ReportSummary] = []
    /// The folders not read, with their cached summary (only when the index changed).
    var unread: [(Int, ReportSummary)] = []
    /// Set when the build is a correction of figures, until it needs the summary of every report.
    var correction: FigureCorrection?
    /// The reports the feed shows, when this build made the index of every report (for the cache).
    var newest: [String]?
    /// The outputs rendered or kept so far.
    var state = BuildState()
    /// The cache's records of the folders read (and of those whose kept figures were lost).
    var records: [String: ReportCache.Record] = [:]
    /// The findings across years, by agency slug, of the agencies read.
    var crossBySlug: [String: [Diagnostic]] = [:]
    /// Whether a page made from every report may change (a report's figures, a report added or gone).
    var indexChanged: Bool
    /// The cache, with the figures loaded of the years whose summaries were recalled (every year's,
    /// unless the build is a correction of figures).
    var cache: ReportCache?
}
