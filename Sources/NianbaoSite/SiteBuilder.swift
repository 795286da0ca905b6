import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoTemplates

/// The build as a short list of named stages that pass values:
/// load → check → plan → render (into the stage) → commit. Each stage is timed for `--verbose`.
public enum SiteBuilder {
    public struct Options: Sendable {
        public var content: String
        /// The site's own templates folder, laid over the default theme; nil for the default theme alone.
        public var templates: String?
        public var output: String
        /// Render every page even when its inputs did not change.
        public var clean = false
        /// `--production`: the footer fields a public government site must show are required.
        public var production = false
        /// False: the output is swapped by renames, as on a file system without the atomic
        /// exchange (`NIANBAO_NO_ATOMIC_EXCHANGE=1` for the command; tests run both paths).
        public var atomicExchange = true
        /// Called from worker threads with (pages done, pages to render).
        public var progress: (@Sendable (Int, Int) -> Void)?
        /// Called with the result of a build that completed, in place of returning it: a
        /// command-line build ends the process there, leaving the build's memory (the summaries,
        /// caches and indexes of every report) to the system instead of freeing it piece by piece
        /// (8–30 ms at 10,000 reports, on every incremental build).
        public var finish: (@Sendable (Result) -> Never)?

        public init(content: String, templates: String?, output: String, clean: Bool = false) {
            self.content = content
            self.templates = templates
            self.output = output
            self.clean = clean
        }
    }

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic] = []
        /// File text by displayed path, to quote source lines in diagnostics.
        public var sources: [String: String] = [:]
        public var reports = 0
        /// Whether the build looked only at what changed (the output was as the last build left it).
        public var incremental = false
        /// Set when the build completed (the output now holds it).
        public var written: OutputWriter.Summary?
        /// Output files of the site.
        public var files = 0
        /// Pages rendered by this build (the others were unchanged since the last build).
        public var rendered = 0
        /// Report folders read and checked by this build (the others had not changed).
        public var read = 0
        public var stageTimes: [(stage: String, duration: Duration)] = []

        public var succeeded: Bool { written != nil }
    }

    /// Loads the content and runs every rule: what `nianbao check` reports.
    public static func check(content folder: String) -> (Content, [Diagnostic]) {
        ContentLoader.load(folder)
    }

    /// Builds the site. On any error, nothing is written and the output folder stays as it was.
    ///
    /// One pass over the report folders that changed since the last build (all of them the first
    /// time): each is read, checked and, if it has no error, its page is rendered into the stage
    /// right away; only a slim copy (for the rules across years) and a summary (for the index)
    /// stay in memory. Then the rules across years, the index, and the commit.
    public static func build(_ options: Options) -> Result {
        var result = Result()
        /// A completed build's result goes to `options.finish` when there is one.
        func finished(_ result: Result) -> Result {
            if result.succeeded, let finish = options.finish { finish(result) }
            return result
        }
        let clock = ContinuousClock()
        var start = clock.now
        func lap(_ stage: String) {
            let now = clock.now
            result.stageTimes.append((stage, now - start))
            start = now
        }

        // load: the layout and the templates
        var found = ContentLoader.discover(options.content, parseAgencies: false)
        result.diagnostics = found.diagnostics
        result.sources = found.sources
        result.reports = found.folders.count
        var theme: Theme?
        do {
            let (loaded, ignored) = try Theme.load(overridesFrom: options.templates)
            theme = loaded
            for name in ignored {
                result.diagnostics.append(.warning(
                    "template.unknown", at: SourceLocation(file: (options.templates ?? "") + "/" + name, line: 1, column: 1),
                    "模板目录中的此文件不会被使用：模板应为顶层的 *.mustache 文件，静态资源应放在 assets/ 下"))
            }
        } catch let error as ThemeError {
            result.diagnostics.append(.error(
                "template.syntax", at: SourceLocation(file: error.file, line: error.line, column: error.column), error.message))
        } catch {
            result.diagnostics.append(.error(
                "template.read", at: SourceLocation(file: options.templates ?? "Templates", line: 1, column: 1),
                "无法读取模板：\(error.localizedDescription)"))
        }
        guard !result.diagnostics.hasErrors, let theme, let site = found.site else { return result }
        lap("discover")
        if options.production { result.diagnostics += site.productionDiagnostics() }
        if let image = site.conacImage, theme.assets[String(image.dropFirst("assets/".count))] == nil {
            result.diagnostics.append(.error(
                "site.asset", at: site.locations["conac.image"] ?? SourceLocation(file: site.file, line: 1, column: 1),
                "「conac.image」指向的图片「\(image)」不在模板的 assets/ 目录中；请把图片放到 \(options.templates ?? "Templates")/\(image)"))
        }
        guard !result.diagnostics.hasErrors else { return result }
        for name in ["index", "report", "year", "agency", "sitemap"] where theme.templates[name] == nil {
            result.diagnostics.append(.error(
                "template.missing", at: SourceLocation(file: options.templates ?? "Templates", line: 1, column: 1),
                "缺少模板「\(name).mustache」"))
            return result
        }

        // plan: what the last build knew, and which folders changed since
        let stateFolder = OutputWriter.stateFolder(for: options.output)
        guard let lock = BuildLock(stateFolder) else {
            result.diagnostics.append(.error(
                "output.busy", at: SourceLocation(file: options.output, line: 1, column: 1),
                "另一个 nianbao 正在构建到同一输出目录；请等它结束后再试"))
            return result
        }
        defer { lock.release() }
        OutputWriter.recover(output: options.output)
        var base = Fingerprints.program
        base.combine(found.configHash)
        var reportBase = base
        reportBase.combine(Fingerprints.templates("report", in: theme))
        var validity = reportBase
        validity.combine(options.content)
        let fingerprints = FolderScan.fingerprints(found.folders.map(\.path), names: [ContentLoader.reportFile] + ReportFormat.narrativeFiles)
        var folderState = ContentHash()
        for (folder, fingerprint) in zip(found.folders, fingerprints) {
            folderState.combine(folder.key)
            folderState.combine(fingerprint)
        }
        lap("scan")

        // The output as the last build left it (no template, asset or setting changed since)?
        let everythingElse = Self.siteInputs(base, theme: theme, content: options.content)
        let outputManifest = FileManager.default.contents(atPath: options.output + "/" + OutputWriter.manifestName).map { [UInt8]($0) }
        var last = options.clean ? nil : LastBuild.read(from: stateFolder)
        if last?.inputs != everythingElse || outputManifest?.withUnsafeBytes({ ContentHash($0) }) != last?.manifest { last = nil }
        // Nothing changed at all, and the last build found nothing to report: the output stays.
        if let last, last.folders == folderState, last.findings == 0 {
            result.files = last.files
            result.written = OutputWriter.Summary(written: 0, unchanged: last.files, removed: 0)
            lap("state")
            return finished(result)
        }

        var cache = options.clean ? nil : ReportCache.read(from: stateFolder, validity: validity)
        var toRead = Array(found.folders.indices)
        /// Cached folders that are gone (`year/slug`).
        var gone: [String] = []
        if let cache {
            let current = Set(found.folders.map(\.key))
            gone = cache.entries.keys.filter { !current.contains($0) }
            var affected = Set(gone.map { String($0.split(separator: "/").last!) })
            for (i, folder) in found.folders.enumerated() where cache.entries[folder.key]?.fingerprint != fingerprints[i] {
                affected.insert(folder.slug)
            }
            toRead = found.folders.indices.filter { affected.contains(found.folders[$0].slug) }
        }
        result.read = toRead.count
        lap("cache")

        // The agency list: needed from here on (a build with nothing to do stopped before).
        let discovered = found.diagnostics.count
        found.parseAgencies(cache: stateFolder.appendingPathComponent("agencies"), validity: Fingerprints.program)
        result.diagnostics += found.diagnostics[discovered...]
        guard !result.diagnostics.hasErrors else { return result }
        // Nothing changed, but the last build had findings: the output stays; they come from the cache.
        if let cache, last != nil, toRead.isEmpty, gone.isEmpty {
            // In the order a build that reads nothing reports them.
            for folder in found.folders { result.diagnostics += cache.diagnostics(folder.key) }
            for slug in cache.crossSlugs { result.diagnostics += cache.crossDiagnostics(slug) }
            result.files = last!.files
            result.written = OutputWriter.Summary(written: 0, unchanged: last!.files, removed: 0)
            lap("state")
            return finished(result)
        }
        let renderer: PageRenderer
        do {
            renderer = try theme.makeRenderer()
        } catch {
            result.diagnostics.append(.error(
                "template.syntax", at: SourceLocation(file: error.file, line: error.line, column: error.column), error.message))
            return result
        }

        // Incremental: only the folders read and, if their figures changed, the pages made from
        // every report are looked at; everything else of the output stays as it is.
        let wanted = Set(toRead.map { ContentHash(SitePaths.reportFolder(year: found.folders[$0].year, slug: found.folders[$0].slug)) })
        var chosen: OutputWriter?
        var state = BuildState()
        if cache != nil, toRead.count <= Self.incrementalLimit, let last, let outputManifest,
            let journal = Journal.read(from: stateFolder), journal.output == last.manifest,
            let partial = BuildState.read(from: stateFolder, manifest: last.manifest, wanted: { path in
                SitePaths.reportFolder(of: path).map { wanted.contains(ContentHash(UnsafeRawBufferPointer($0))) } ?? true
            })
        {
            chosen = OutputWriter(
                incremental: options.output, journal: journal, manifest: outputManifest, files: last.files, atomicExchange: options.atomicExchange)
            state = partial
        }
        if chosen == nil {
            do {
                let full = try OutputWriter(output: options.output, atomicExchange: options.atomicExchange)
                chosen = full
                state = options.clean ? BuildState() : BuildState.read(from: stateFolder, manifest: full.previousManifestText)
            } catch {
                result.diagnostics.append(error)
                return result
            }
        }
        let writer = chosen!
        let incremental = writer.incremental
        result.incremental = incremental
        lap("state")

        // One output: kept from the last build if its inputs did not change, else rendered now.
        let done = Counter()
        let total = toRead.count * (1 + SitePaths.reportDataFiles.count) + (theme.templates["404"] == nil ? 1 : 2) + theme.assets.count
        /// The last build's entry for `path`, if the output still has what it recorded.
        func recorded(_ path: String) -> BuildState.Entry? {
            guard let last = state.entries[path], incremental || writer.previous[path] == last.content else { return nil }
            return last
        }
        /// The last build's entry for `path` when it was made from the same inputs and the output still has it.
        func unchanged(_ path: String, _ inputs: ContentHash) -> BuildState.Entry? {
            recorded(path).flatMap { $0.inputs == inputs ? $0 : nil }
        }
        func produce(_ path: String, _ inputs: ContentHash, render: () throws(Diagnostic) -> Data) throws(Diagnostic) -> (BuildState.Entry, Bool) {
            if let last = unchanged(path, inputs) {
                try writer.keep(path, last.content)
                return (last, false)
            }
            let data = try render()
            try writer.put(path, data)
            options.progress?(done.increment(), total)
            return (BuildState.Entry(inputs: inputs, content: data.withUnsafeBytes { ContentHash($0) }), true)
        }

        /// A report's page (from all its files) and data files (from its figures only).
        func produceReport(_ report: Report, _ inputs: ContentHash, _ summary: ReportSummary) throws(Diagnostic) -> [(String, BuildState.Entry, Bool)] {
            let folder = SitePaths.reportFolder(year: report.year, slug: report.slug)
            let figures = summary.figures
            let dataInputs = Self.dataInputs(base, summary)
            let kind = AgencyList.kind(of: report.slug, name: summary.agency, in: found.agencyIndex)
            let data: [(String, Data)] = [
                (SitePaths.reportJSON, OpenData.reportJSON(summary, figures, site: site, kind: kind)),
                (SitePaths.reportCSV, OpenData.applicationsCSV(figures)),
            ]
            var out: [(String, BuildState.Entry, Bool)] = []
            var sizes: [String: Int] = [:]
            for (name, bytes) in data {
                sizes[name] = bytes.count
                let (entry, rendered) = try produce(folder + name, dataInputs) { () throws(Diagnostic) -> Data in bytes }
                out.append((folder + name, entry, rendered))
            }
            let path = SitePaths.report(year: report.year, slug: report.slug)
            let (entry, rendered) = try produce(path, inputs) { () throws(Diagnostic) -> Data in
                try page("report", PageContexts.report(report, figures: figures, site: site, kind: kind, dataSizes: sizes), renderer: renderer)
            }
            out.append((path, entry, rendered))
            return out
        }

        // check and render the folders that changed, on all cores
        let failed = Flag()
        let passes = Parallel.map(toRead.count) { n -> Pass in
            let folder = found.folders[toRead[n]]
            let (read, diagnostics, files) = ContentLoader.checkedReport(folder.path, slug: folder.slug, year: folder.year, keepNarrative: true, agencies: found.agencyIndex)
            // Keep the text only of files that have something to quote.
            let quoted = Set(diagnostics.compactMap(\.location?.file))
            var pass = Pass(diagnostics: diagnostics, sources: quoted.isEmpty ? [:] : files.filter { quoted.contains($0.key) })
            guard var report = read else { return pass }
            pass.summary = ReportSummary(report)
            if diagnostics.hasErrors { failed.set() }
            if !failed.isSet {
                var inputs = reportBase
                inputs.combine(report.inputHash)
                do throws(Diagnostic) {
                    pass.outputs = try produceReport(report, inputs, pass.summary!)
                } catch {
                    pass.diagnostics.append(error)
                    failed.set()
                }
            }
            report.slimForCrossReportRules()
            pass.report = report
            return pass
        }

        var summaries: [ReportSummary] = []
        var slim: [Report] = []
        /// What this build rendered or kept (everything, unless incremental), and removed.
        var newState = BuildState()
        var removedOutputs: [String] = []
        var records: [String: ReportCache.Record] = [:]
        var readSlugs: Set<String> = []
        /// Whether a page made from every report may change (a report's figures, a report added or gone).
        var indexChanged = !incremental || !gone.isEmpty
        for (n, pass) in zip(toRead, passes) {
            let folder = found.folders[n]
            readSlugs.insert(folder.slug)
            result.diagnostics += pass.diagnostics
            result.sources.merge(pass.sources) { a, _ in a }
            if let report = pass.report { slim.append(report) }
            for (path, entry, rendered) in pass.outputs {
                newState.entries[path] = entry
                if rendered { result.rendered += 1 }
            }
            if let summary = pass.summary {
                summaries.append(summary)
                records[folder.key] = ReportCache.Record(fingerprint: fingerprints[n], summary: summary, diagnostics: pass.diagnostics)
                if !indexChanged, cache?.entries[folder.key]?.dataHash != summary.dataHash { indexChanged = true }
            } else {
                indexChanged = true
            }
        }
        // Folders unchanged since the last build: their findings and pages are those of last time.
        var unread: [(Int, ReportSummary)] = []
        if indexChanged { cache?.loadFigures(from: stateFolder) }
        if let cache {
            let others = found.folders.indices.filter { !readSlugs.contains(found.folders[$0].slug) }
            for n in others { result.diagnostics += cache.diagnostics(found.folders[n].key) }
            if indexChanged {
                let folders = found.folders
                let decoded = Parallel.map(others.count, chunk: 256) { i -> (ReportSummary?, Bool) in
                    let folder = folders[others[i]]
                    if let summary = cache.summary(folder.key) { return (summary, true) }
                    // Its figures were not kept (the file lost or damaged): read the folder again.
                    let read = ContentLoader.checkedReport(folder.path, slug: folder.slug, year: folder.year, keepNarrative: false, agencies: found.agencyIndex).0
                    return (read.map(ReportSummary.init), false)
                }
                for (n, (summary, cached)) in zip(others, decoded) {
                    guard let summary else { continue }
                    if !cached {
                        records[found.folders[n].key] = ReportCache.Record(fingerprint: fingerprints[n], summary: summary, diagnostics: cache.diagnostics(found.folders[n].key))
                    }
                    summaries.append(summary)
                    unread.append((n, summary))
                }
            }
            for slug in cache.crossSlugs where !readSlugs.contains(slug) { result.diagnostics += cache.crossDiagnostics(slug) }
        }

        // Rules across years, for the agencies read.
        let governments = Set(summaries.filter {
            AgencyList.kind(of: $0.slug, name: $0.agency, in: found.agencyIndex) == AgencyList.governmentKind
        }.map(\.slug))
        let cross = CrossReportRules.check(slim.sorted(by: ContentLoader.displayOrder), governments: governments)
        result.diagnostics += cross
        var crossBySlug = Dictionary(uniqueKeysWithValues: readSlugs.map { ($0, [Diagnostic]()) })
        let folderOfFile = { (file: String) in found.folders.first { file.hasPrefix($0.path + "/") } }
        for d in cross {
            if let file = d.location?.file, let folder = folderOfFile(file) { crossBySlug[folder.slug, default: []].append(d) }
        }
        lap("check")
        guard !result.diagnostics.hasErrors else { return result }

        /// The pages and files made from every report, the 404 page and the assets.
        func produceSiteFiles() throws(Diagnostic) {
            let index = SiteIndex(site: site, agencies: found.agencies, hasList: found.agencyIndex != nil, summaries: summaries)
            let everything = index.inputs
            func record(_ path: String, _ outcome: (BuildState.Entry, Bool)) {
                newState.entries[path] = outcome.0
                if outcome.1 { result.rendered += 1 }
            }
            var dataInputs = base
            dataInputs.combine(everything)
            // Written in pieces: memory does not grow with their size. The fragments of reports
            // that did not change are copied from the file the output holds.
            let reportKeys = index.reports.map(\.key)
            let files: [(String, SiteWideFile)] = [
                (SitePaths.reportsJSON, OpenData.reportsJSON(index)),
                (SitePaths.applicationsCSV, OpenData.allApplicationsCSV()),
            ]
            func produceData(_ path: String, _ file: SiteWideFile) throws(Diagnostic) -> (BuildState.Entry, Bool, Int) {
                if let last = unchanged(path, dataInputs), let size = writer.sizeInOutput(path) {
                    try writer.keep(path, last.content)
                    return (last, false, size)
                }
                let previous = SiteWideFile.Layout.read(
                    from: stateFolder, path: path, inputs: base, content: recorded(path)?.content, order: reportKeys
                ).flatMap { layout in
                    (try? Data(contentsOf: URL(fileURLWithPath: options.output + "/" + path), options: .alwaysMapped)).map { (layout, $0) }
                }
                var layout = SiteWideFile.Layout()
                let (hash, size) = try writer.putStreaming(path) { write in
                    layout = file.write(index.reports, names: reportKeys, previous: previous, write: write)
                }
                try? layout.write(to: stateFolder, path: path, inputs: base, content: hash)
                return (BuildState.Entry(inputs: dataInputs, content: hash), true, size)
            }
            // sitemap.xml and the feed show the list of reports, not their figures (the feed: those
            // of its newest reports).
            var listInputs = base
            listInputs.combine(index.listing)
            var listed: [(String, ContentHash, () throws(Diagnostic) -> Data)] = []
            if let base = site.base {
                listed.append((SitePaths.siteMapXML, listInputs, { () throws(Diagnostic) -> Data in SiteFiles.siteMap(index, base: base) }))
                var feedInputs = listInputs
                for report in SiteFiles.newest(index) { feedInputs.combine(report.dataHash) }
                listed.append((SitePaths.feed, feedInputs, { () throws(Diagnostic) -> Data in SiteFiles.feed(index, base: base) }))
            }
            let yearTemplates = Fingerprints.templates("year", in: theme)
            let agencyTemplates = Fingerprints.templates("agency", in: theme)
            for year in index.years {
                var inputs = base
                inputs.combine(yearTemplates)
                inputs.combine(index.inputs(year: year))
                listed.append((SitePaths.year(year), inputs, { () throws(Diagnostic) -> Data in
                    try page("year", SitePages.year(year, index: index), renderer: renderer)
                }))
            }
            for agency in index.agencies {
                var inputs = base
                inputs.combine(agencyTemplates)
                inputs.combine(index.inputs(agency: agency.slug))
                listed.append((SitePaths.agency(agency.slug), inputs, { () throws(Diagnostic) -> Data in
                    try page("agency", SitePages.agency(agency, index: index), renderer: renderer)
                }))
            }
            // The data files on one core while the year and agency pages take the others.
            let outcomes = Parallel.map(files.count + listed.count) { i -> Swift.Result<(BuildState.Entry, Bool, Int), Diagnostic> in
                Swift.Result { () throws(Diagnostic) -> (BuildState.Entry, Bool, Int) in
                    if i < files.count { return try produceData(files[i].0, files[i].1) }
                    let (path, inputs, render) = listed[i - files.count]
                    let (entry, rendered) = try produce(path, inputs, render: render)
                    return (entry, rendered, 0)
                }
            }
            var dataSizes: [String: Int] = [:]
            for (path, outcome) in zip(files.map(\.0) + listed.map(\.0), outcomes) {
                let (entry, rendered, size) = try outcome.get()
                record(path, (entry, rendered))
                if files.contains(where: { $0.0 == path }) { dataSizes[path] = size }
            }
            // The home and site-map pages list reports and show the data files' sizes.
            for (path, template, context) in [
                (SitePaths.home, "index", { SitePages.home(index, dataSizes: dataSizes) }),
                (SitePaths.siteMapPage, "sitemap", { SitePages.siteMap(index, dataSizes: dataSizes) }),
            ] as [(String, String, () -> [String: Any])] {
                var inputs = listInputs
                inputs.combine(Fingerprints.templates(template, in: theme))
                for file in dataSizes.keys.sorted() { inputs.combine(file + " " + OpenData.size(dataSizes[file]!)) }
                record(path, try produce(path, inputs) { () throws(Diagnostic) -> Data in try page(template, context(), renderer: renderer) })
            }
            if theme.templates["404"] != nil {
                var notFound = base
                notFound.combine(Fingerprints.templates("404", in: theme))
                record("404.html", try produce("404.html", notFound) { () throws(Diagnostic) -> Data in
                    try page("404", PageContexts.notFound(site: site), renderer: renderer)
                })
            }
            for (name, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
                var inputs = Fingerprints.program
                data.withUnsafeBytes { inputs.combine($0) }
                record("assets/" + name, try produce("assets/" + name, inputs) { () throws(Diagnostic) -> Data in data })
            }
        }
        // render the rest: unchanged reports (kept, or rendered again if their page was lost), the index, the assets
        do throws(Diagnostic) {
            try writer.begin()
            if incremental {
                // The outputs of unchanged reports stay as they are; those of reports gone go.
                for key in gone {
                    let parts = key.split(separator: "/")
                    guard parts.count == 2, let year = Int(parts[0]) else { continue }
                    for path in SitePaths.reportFiles(year: year, slug: String(parts[1])) {
                        try writer.remove(path)
                        removedOutputs.append(path)
                    }
                }
            } else {
                // Most are unchanged: a quick serial look; the others are rendered in parallel.
                var lost: [(Int, ContentHash, ReportSummary)] = []
                for (n, summary) in unread {
                    var inputs = reportBase
                    inputs.combine(summary.inputHash)
                    let paths = SitePaths.reportFiles(year: summary.year, slug: summary.slug)
                    let dataInputs = Self.dataInputs(base, summary)
                    let kept = paths.enumerated().map { i, path in unchanged(path, i == 0 ? inputs : dataInputs) }
                    if kept.allSatisfy({ $0 != nil }) {
                        for (path, entry) in zip(paths, kept) {
                            try writer.keep(path, entry!.content)
                            newState.entries[path] = entry!
                        }
                    } else {
                        lost.append((n, inputs, summary))
                    }
                }
                let relisted = Parallel.map(lost.count) { i -> Swift.Result<[(String, BuildState.Entry, Bool)], Diagnostic> in
                    let (n, inputs, summary) = lost[i]
                    return Swift.Result { () throws(Diagnostic) -> [(String, BuildState.Entry, Bool)] in
                        let folder = found.folders[n]
                        guard let report = ContentLoader.checkedReport(folder.path, slug: folder.slug, year: folder.year, keepNarrative: true, agencies: found.agencyIndex).0 else {
                            throw .error("file.missing", at: SourceLocation(file: folder.path, line: 1, column: 1), "报告在构建过程中无法读取")
                        }
                        return try produceReport(report, inputs, summary)
                    }
                }
                for outcome in relisted {
                    for (path, entry, wasRendered) in try outcome.get() {
                        newState.entries[path] = entry
                        if wasRendered { result.rendered += 1 }
                    }
                }
            }
            if indexChanged {
                try produceSiteFiles()
                if incremental {
                    // Pages of the last build made from every report that this one no longer makes (a year or agency gone).
                    for path in state.entries.keys where newState.entries[path] == nil {
                        let isReportFile = path.utf8.withContiguousStorageIfAvailable { SitePaths.reportFolder(of: $0) != nil } ?? false
                        if !isReportFile {
                            try writer.remove(path)
                            removedOutputs.append(path)
                        }
                    }
                }
            }
        } catch {
            result.diagnostics.append(error)
            return result
        }

        lap("render")

        // commit: the stage becomes the output in one step
        do throws(Diagnostic) {
            result.written = try writer.commit()
            result.files = writer.fileCount
            let manifestHash = ContentHash(writer.manifestText)
            // The build state and the cache are separate files. Incremental: patched side by side
            // (little memory); otherwise one after the other, so that the memory of writing both
            // whole (tens of MB at 50,000 reports) is not needed at once. The record that names
            // this build as the output's comes last.
            let writeCache = { try? ReportCache.write(to: stateFolder, validity: validity, old: cache, records: records, removed: gone, cross: crossBySlug) }
            if incremental {
                _ = Parallel.map(2) { part in
                    if part == 0 {
                        var changes: [String: BuildState.Entry?] = newState.entries.mapValues { $0 }
                        for path in removedOutputs { changes[path] = .some(nil) }
                        try? state.patch(to: stateFolder, manifest: manifestHash, changes: changes)
                    } else {
                        writeCache()
                    }
                }
            } else {
                try? newState.write(to: stateFolder, manifest: writer.manifestText, unlessSameAs: state, sorted: writer.sortedPaths)
                writeCache()
            }
            try? writer.journal?.write(to: stateFolder)
            try? LastBuild(inputs: everythingElse, manifest: manifestHash, files: result.files, folders: folderState,
                           findings: result.diagnostics.count).write(to: stateFolder)
        } catch {
            result.diagnostics.append(error)
        }
        lap("commit")
        return finished(result)
    }

    /// Everything a build depends on besides the report folders: the program, the site
    /// configuration, every template and asset, the content folder's path.
    static func siteInputs(_ base: ContentHash, theme: Theme, content: String) -> ContentHash {
        var hash = base
        hash.combine(content)
        for name in theme.templates.keys.sorted() {
            hash.combine(name)
            hash.combine(theme.templates[name]!)
        }
        for name in theme.assets.keys.sorted() {
            hash.combine(name)
            theme.assets[name]!.withUnsafeBytes { hash.combine($0) }
        }
        return hash
    }

    /// What a report's data files depend on: the program, the site configuration (its address, the
    /// agency list) and the report's figures.
    static func dataInputs(_ base: ContentHash, _ summary: ReportSummary) -> ContentHash {
        var inputs = base
        inputs.combine(summary.dataHash)
        return inputs
    }

    /// What the pass over one report folder leaves behind.
    struct Pass {
        var diagnostics: [Diagnostic]
        var sources: [String: String]
        var report: Report?
        var summary: ReportSummary?
        var outputs: [(String, BuildState.Entry, Bool)] = []
    }

    /// More changed folders than this: a build that looks at everything is as quick (and keeps
    /// no pages in memory until the checks pass).
    static let incrementalLimit = 500

    static func page(_ template: String, _ context: [String: Any], renderer: PageRenderer) throws(Diagnostic) -> Data {
        do {
            return Data(try renderer.render(template, context).utf8)
        } catch {
            throw .error("template.missing", at: nil, "缺少模板「\(template).mustache」")
        }
    }

}

/// What the last successful build was made from and what it left: lets a build with nothing to
/// do stop after the scan (`.<name>.nianbao/last-build`).
struct LastBuild: Equatable {
    var inputs: ContentHash
    /// The hash of the output's manifest as that build wrote it.
    var manifest: ContentHash
    var files: Int
    /// Every report folder's key and fingerprint, in order.
    var folders: ContentHash
    /// How many diagnostics it reported (a build with nothing to do repeats them from the cache).
    var findings: Int

    static let fileName = "last-build"

    static func read(from folder: URL) -> LastBuild? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8) else { return nil }
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard parts.count == 6, parts[0] == "nianbao-last-build-2", let inputs = ContentHash(hex: parts[1]),
            let manifest = ContentHash(hex: parts[2]), let files = Int(parts[3]), let folders = ContentHash(hex: parts[4]),
            let findings = Int(parts[5])
        else { return nil }
        return LastBuild(inputs: inputs, manifest: manifest, files: files, folders: folders, findings: findings)
    }

    func write(to folder: URL) throws {
        try Data("nianbao-last-build-2 \(inputs) \(manifest) \(files) \(folders) \(findings)\n".utf8)
            .write(to: folder.appendingPathComponent(Self.fileName), options: .atomic)
    }
}

/// One build at a time per output folder: an advisory lock on `.<name>.nianbao/lock`, released
/// by the kernel if the process dies.
final class BuildLock {
    private let fd: Int32

    init?(_ stateFolder: URL) {
        try? FileManager.default.createDirectory(at: stateFolder, withIntermediateDirectories: true)
        fd = open(stateFolder.appendingPathComponent("lock").path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// A flag any thread may raise, e.g. "an error was found: stop rendering".
final class Flag: @unchecked Sendable {
    private var raised = false
    private let lock = NSLock()

    func set() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }
}

/// A thread-safe count, for progress.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
