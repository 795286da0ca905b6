import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// Stage 5, commit: the stage becomes the output in one step, then the records of this build are
/// written for the next one. The build state and the cache are separate files, written side by
/// side: patched (incremental), or whole (tens of MB at 50,000 reports, within the memory the
/// benchmark allows). The record that names this build as the output's (`last-build`) comes
/// last: a kill before it leaves records the next build does not trust.
enum Commit {
    static func run(_ plan: BuildPlan, _ checked: Checked, removed: [String], _ run: inout BuildRun) {
        let writer = plan.writer, records = plan.records
        do throws(Diagnostic) {
            run.result.written = try writer.commit()
            run.result.files = writer.fileCount
            let manifestHash = writer.manifestHash
            let writeCache = {
                try? ReportCache.write(
                    records, validity: plan.inputs.cacheValidity, old: checked.cache, records: checked.records,
                    removed: plan.gone, cross: checked.crossBySlug, newest: checked.newest)
            }
            _ = Parallel.map(2) { part in
                if part == 1 {
                    writeCache()
                } else if plan.incremental {
                    var changes: [String: BuildState.Entry?] = checked.state.entries.mapValues { $0 }
                    for path in removed { changes[path] = .some(nil) }
                    try? plan.state.patch(records, manifest: manifestHash, changes: changes)
                } else {
                    try? checked.state.write(records, manifest: writer.manifestText, unlessSameAs: plan.state, sorted: writer.sortedPaths)
                }
            }
            try? writer.journal?.write(records)
            try? LastBuild(inputs: plan.inputs.site, manifest: manifestHash, files: run.result.files, folders: plan.folderState,
                           findings: run.result.diagnostics.count).write(records)
        } catch {
            run.result.diagnostics.append(error)
        }
        run.lap("commit")
    }
}
