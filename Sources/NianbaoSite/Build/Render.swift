import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// Stage 4, render: the stage gets the rest of the new generation. Incremental: the outputs of
/// reports gone are removed, the others stay as they are. Otherwise: the outputs of unchanged
/// reports are kept (or rendered again if the output lost them). Then, if the index changed, the
/// pages and files made from every report, the 404 page and the assets.
enum Render {
    /// The outputs rendered or kept, and those removed, added to `checked`'s; nil on an error.
    static func run(_ producer: OutputProducer, _ checked: inout Checked, _ run: inout BuildRun) -> [String]? {
        let plan = producer.plan
        var removed: [String] = []
        do throws(Diagnostic) {
            try plan.writer.begin()
            if plan.incremental {
                for key in plan.gone {
                    let parts = key.split(separator: "/")
                    guard parts.count == 2, let year = Int(parts[0]) else { continue }
                    // (An incremental build has the last one's settings: a Word document if this one makes them.)
                    for path in SitePaths.reportFiles(year: year, slug: String(parts[1]), docx: plan.discovered.reference != nil) {
                        try plan.writer.remove(path)
                        removed.append(path)
                    }
                }
            } else {
                try keepUnread(producer, &checked, &run.result.rendered)
            }
            if checked.indexChanged {
                for (path, entry, rendered) in try siteWide(producer, &checked) {
                    checked.state.entries[path] = entry
                    if rendered { run.result.rendered += 1 }
                }
                run.result.recalled = checked.unread.count
                if plan.incremental, checked.correction == nil {
                    // Pages of the last build made from every report that this one no longer makes (a year or agency gone).
                    for path in plan.state.entries.keys where checked.state.entries[path] == nil {
                        let isReportFile = path.utf8.withContiguousStorageIfAvailable { SitePaths.reportFolder(of: $0) != nil } ?? false
                        if !isReportFile {
                            try plan.writer.remove(path)
                            removed.append(path)
                        }
                    }
                }
            }
        } catch {
            run.result.diagnostics.append(error)
            return nil
        }
        run.lap("render")
        return removed
    }

    /// The outputs made from every report: of a correction of figures, only its years' and
    /// agencies' when that is all that changes; otherwise all of them, from every report's summary.
    static func siteWide(_ producer: OutputProducer, _ checked: inout Checked) throws(Diagnostic) -> [(String, BuildState.Entry, Bool)] {
        let plan = producer.plan
        var made: [String: SiteWideOutputs.Made] = [:]
        if let correction = checked.correction {
            switch try SiteWideOutputs(producer: producer, index: index(plan, checked.summaries)).correct(correction) {
            case .done(let outputs):
                return outputs
            case .needsEveryReport(let files):
                made = files
                Check.recallRest(plan, &checked)
            }
        }
        let index = index(plan, checked.summaries)
        let newest = SiteFiles.newest(index)
        checked.newest = newest.map(\.key)
        return try SiteWideOutputs(producer: producer, index: index, made: made).make(newest: newest)
    }

    private static func index(_ plan: BuildPlan, _ summaries: [ReportSummary]) -> SiteIndex {
        SiteIndex(site: plan.discovered.site, agencies: plan.found.agencies, hasList: plan.found.agencyIndex != nil, summaries: summaries)
    }

    /// A full build: the outputs of every report not read are kept; those the output lost are
    /// rendered again. Most are unchanged: a quick serial look; the others are rendered in parallel.
    static func keepUnread(_ producer: OutputProducer, _ checked: inout Checked, _ rendered: inout Int) throws(Diagnostic) {
        let plan = producer.plan
        var lost: [(Int, ContentHash, ReportSummary)] = []
        for (n, summary) in checked.unread {
            let inputs = plan.inputs.reportPage(summary.inputHash)
            let docx = plan.discovered.reference != nil
            let paths = SitePaths.reportFiles(year: summary.year, slug: summary.slug, docx: docx)
            let dataInputs = plan.inputs.reportData(summary)
            let kept = paths.enumerated().map { i, path in producer.unchanged(path, i < SitePaths.reportPageCount(docx: docx) ? inputs : dataInputs) }
            if kept.allSatisfy({ $0 != nil }) {
                for (path, entry) in zip(paths, kept) {
                    try plan.writer.keep(path, entry!.content)
                    checked.state.entries[path] = entry!
                }
            } else {
                lost.append((n, inputs, summary))
            }
        }
        let found = plan.found
        let relisted = Parallel.map(lost.count) { i -> Swift.Result<[(String, BuildState.Entry, Bool)], Diagnostic> in
            let (n, inputs, summary) = lost[i]
            return Swift.Result { () throws(Diagnostic) -> [(String, BuildState.Entry, Bool)] in
                let folder = found.folders[n]
                // Read to be rendered again: its findings are the cache's, so the rules beyond
                // the loader's own are not run again.
                var sources: [String: String] = [:]
                guard let report = ContentLoader.loadReport(folder.path, slug: folder.slug, year: folder.year, sources: &sources).0
                else {
                    throw .error("file.missing", at: SourceLocation(file: folder.path, line: 1, column: 1), "报告在构建过程中无法读取")
                }
                return try producer.report(report, inputs, summary)
            }
        }
        for outcome in relisted {
            for (path, entry, wasRendered) in try outcome.get() {
                checked.state.entries[path] = entry
                if wasRendered { rendered += 1 }
            }
        }
    }
}
