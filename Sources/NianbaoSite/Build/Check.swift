import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// Stage 3, check: the changed report folders read and checked on all cores (each report's page
/// and data files rendered as soon as it passed, so memory holds no page or narrative), the
/// unchanged ones recalled from the cache, then the rules across years. Stops on any error.
enum Check {
    static func run(_ producer: OutputProducer, _ run: inout BuildRun) -> Checked? {
        let plan = producer.plan
        let passes = readChanged(producer)
        var checked = Checked(indexChanged: !plan.incremental || !plan.gone.isEmpty, cache: plan.cache)
        var slim: [Report] = []
        var readSlugs: Set<String> = []
        for (n, pass) in zip(plan.toRead, passes) {
            let folder = plan.found.folders[n]
            readSlugs.insert(folder.slug)
            run.result.diagnostics += pass.diagnostics
            run.result.sources.merge(pass.sources) { a, _ in a }
            if let report = pass.report { slim.append(report) }
            for (path, entry, rendered) in pass.outputs {
                checked.state.entries[path] = entry
                if rendered { run.result.rendered += 1 }
            }
            if let summary = pass.summary {
                checked.summaries.append(summary)
                checked.records[folder.key] = ReportCache.Record(fingerprint: plan.fingerprints[n], summary: summary, diagnostics: pass.diagnostics)
                if !checked.indexChanged, plan.cache?.entries[folder.key]?.dataHash != summary.dataHash { checked.indexChanged = true }
            } else {
                checked.indexChanged = true
            }
        }
        if checked.indexChanged { checked.correction = FigureCorrection(plan, read: checked.summaries) }
        recallUnread(plan, readSlugs, &checked, &run.result.diagnostics)
        slim.sort(by: ContentLoader.displayOrder)  // in place: a report is a large value to copy
        crossReportRules(plan, slim, readSlugs, &checked, &run.result.diagnostics)
        run.lap("check")
        return run.hasErrors ? nil : checked
    }

    /// Every changed folder read, checked and, if it has no error, rendered, on all cores.
    static func readChanged(_ producer: OutputProducer) -> [FolderPass] {
        let plan = producer.plan
        let failed = Flag()
        return Parallel.map(plan.toRead.count) { n -> FolderPass in
            let folder = plan.found.folders[plan.toRead[n]]
            let (read, diagnostics, files) = ContentLoader.checkedReport(
                folder.path, slug: folder.slug, year: folder.year, keepNarrative: true, agencies: plan.found.agencyIndex)
            // Keep the text only of files that have something to quote.
            let quoted = Set(diagnostics.compactMap(\.location?.file))
            var pass = FolderPass(diagnostics: diagnostics, sources: quoted.isEmpty ? [:] : files.filter { quoted.contains($0.key) })
            guard var report = read else { return pass }
            let inputHash = ReportInputs.hash(folder: folder.path, files: files)
            let figures = ReportFigures(report)
            pass.summary = ReportSummary(report, figures: figures, inputHash: inputHash)
            if diagnostics.hasErrors { failed.set() }
            if !failed.isSet {
                do throws(Diagnostic) {
                    pass.outputs = try producer.report(report, plan.inputs.reportPage(inputHash), pass.summary!, figures: figures)
                } catch {
                    pass.diagnostics.append(error)
                    failed.set()
                }
            }
            report.slimForCrossReportRules()
            pass.report = report
            return pass
        }
    }

    /// Folders unchanged since the last build: their findings and pages are those of last time;
    /// their summaries are needed when the index changed (of a correction of figures, only those
    /// of its years).
    static func recallUnread(_ plan: BuildPlan, _ readSlugs: Set<String>, _ checked: inout Checked, _ diagnostics: inout [Diagnostic]) {
        guard let cache = checked.cache else { return }
        let folders = plan.found.folders
        for n in plan.diagnosed where !readSlugs.contains(folders[n].slug) { diagnostics += cache.diagnostics(folders[n].key) }
        if checked.indexChanged {
            let years = checked.correction?.years
            let others = folders.indices.filter { years?.contains(folders[$0].year) != false && !readSlugs.contains(folders[$0].slug) }
            let allKept = recallSummaries(plan, others, &checked)
            // Kept figures lost or damaged: every folder's are looked at, and written anew whole.
            if !allKept { recallRest(plan, &checked) }
        }
        for slug in cache.crossSlugs where !readSlugs.contains(slug) { diagnostics += cache.crossDiagnostics(slug) }
    }

    /// A correction of figures that needs the summary of every report after all: those of the
    /// folders not read and not of its years are recalled too, and it is no longer a correction.
    static func recallRest(_ plan: BuildPlan, _ checked: inout Checked) {
        guard let correction = checked.correction else { return }
        checked.correction = nil
        let folders = plan.found.folders
        let read = Set(plan.toRead)
        recallSummaries(plan, folders.indices.filter { !read.contains($0) && !correction.years.contains(folders[$0].year) }, &checked)
    }

    /// The summaries of the folders `others` (not read): decoded from the cache, or the folder read
    /// again when its kept figures were lost. Returns whether every summary was decoded from the cache.
    @discardableResult
    private static func recallSummaries(_ plan: BuildPlan, _ others: [Int], _ checked: inout Checked) -> Bool {
        let folders = plan.found.folders
        checked.cache?.loadFigures(plan.records, years: Set(others.map { folders[$0].year }))
        guard let cache = checked.cache else { return true }
        let decoded = Parallel.map(others.count, chunk: 256) { i -> (ReportSummary?, Bool) in
            let folder = folders[others[i]]
            if let summary = cache.summary(folder.key) { return (summary, true) }
            // Its figures were not kept (the file lost or damaged): read the folder again (with
            // every file's text, for its input hash).
            let (read, _, files) = ContentLoader.checkedReport(
                folder.path, slug: folder.slug, year: folder.year, keepNarrative: true, agencies: plan.found.agencyIndex)
            return (read.map { ReportSummary($0, inputHash: ReportInputs.hash(folder: folder.path, files: files)) }, false)
        }
        for (n, (summary, cached)) in zip(others, decoded) {
            guard let summary else { continue }
            if !cached {
                checked.records[folders[n].key] = ReportCache.Record(
                    fingerprint: plan.fingerprints[n], summary: summary, diagnostics: cache.diagnostics(folders[n].key))
            }
            checked.summaries.append(summary)
            checked.unread.append((n, summary))
        }
        return decoded.allSatisfy(\.1)
    }

    /// The rules across years, for the agencies read (`slim`, in display order); their findings
    /// kept by agency for the cache.
    static func crossReportRules(_ plan: BuildPlan, _ slim: [Report], _ readSlugs: Set<String>, _ checked: inout Checked, _ diagnostics: inout [Diagnostic]) {
        let found = plan.found
        let governments = Set(checked.summaries.filter {
            AgencyList.kind(of: $0.slug, name: $0.agency, in: found.agencyIndex) == AgencyList.governmentKind
        }.map(\.slug))
        let cross = CrossReportRules.check(slim, governments: governments)
        diagnostics += cross
        checked.crossBySlug = Dictionary(uniqueKeysWithValues: readSlugs.map { ($0, [Diagnostic]()) })
        // A finding's file is in its report's folder.
        let slugByPath = cross.isEmpty ? [:] : Dictionary(found.folders.map { ($0.path, $0.slug) }, uniquingKeysWith: { a, _ in a })
        for d in cross {
            if let file = d.location?.file, let slash = file.utf8.lastIndex(of: 0x2F), let slug = slugByPath[String(file[..<slash])] {
                checked.crossBySlug[slug, default: []].append(d)
            }
        }
    }
}
