import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords
import NianbaoTemplates

/// Stage 2, plan (timed as scan, cache and state): which report folders changed since the last
/// build, whether there is anything to do at all, and which stage the build fills.
enum Plan {
    enum Outcome {
        /// An error was found (in the result).
        case stop
        /// Nothing changed: the output stays, the result says so.
        case upToDate
        case build(BuildPlan)
    }

    /// More changed folders than this: a build that looks at everything is as quick (and keeps
    /// no pages in memory until the checks pass).
    static let incrementalLimit = 500

    /// - Parameter records: the state folder's records (the caller holds its lock).
    static func make(_ discovered: Discovered, _ records: BuildRecords, _ run: inout BuildRun) -> Outcome {
        let options = run.options
        var discovered = discovered
        let inputs = BuildInputs(configTexts: discovered.found.configTexts, theme: discovered.theme, content: options.content)
        let folders = discovered.found.folders
        let names = [ContentLoader.reportFile] + ReportFormat.narrativeFiles
        let absentValidity = AbsentFiles.validity(content: options.content, names: names, folders: folders)
        let known = options.clean ? nil : AbsentFiles.read(records, validity: absentValidity, count: folders.count)
        let scan = FolderFingerprints.scan(folders, names: names, known: known)
        // A hint for the next scan, true whatever this build does.
        if scan.absent != known { try? scan.absent.write(records, validity: absentValidity) }
        let fingerprints = scan.fingerprints
        var folderState = ContentHash()
        for (folder, fingerprint) in zip(folders, fingerprints) {
            folderState.combine(folder.key)
            folderState.combine(fingerprint)
        }
        run.lap("scan")

        // The output as the last build left it (no template, asset or setting changed since)?
        let outputManifest = try? FileBytes.read(options.output + "/" + OutputWriter.manifestName).get()
        var last = options.clean ? nil : outputManifest.flatMap { manifest in
            LastBuild.read(records, manifest: manifest.withUnsafeBytes { ContentHash($0) })
        }
        if last?.inputs != inputs.site { last = nil }
        // Nothing changed at all, and the last build found nothing to report: the output stays.
        if let last, last.folders == folderState, last.findings == 0 {
            run.result.files = last.files
            run.result.written = OutputWriter.Summary(written: 0, unchanged: last.files, removed: 0)
            run.lap("state")
            return .upToDate
        }

        // The cache and the templates do not depend on each other: read and compiled at once (the
        // templates for nothing only when nothing changed but the last build had findings).
        let theme = discovered.theme
        let (cache, compiled) = Parallel.both(
            { options.clean ? nil : ReportCache.read(records, validity: inputs.cacheValidity) },
            { Swift.Result { () throws(ThemeError) -> PageRenderer in try theme.makeRenderer(compiling: options.compiledPages) } })
        let (toRead, gone, diagnosed) = changedFolders(folders, fingerprints, cache)
        run.result.read = toRead.count
        run.lap("cache")

        // The agency list: needed from here on (a build with nothing to do stopped before).
        let before = discovered.found.diagnostics.count
        AgencyRecord.parse(&discovered.found, records, validity: Fingerprints.program)
        run.result.diagnostics += discovered.found.diagnostics[before...]
        guard !run.hasErrors else { return .stop }
        // Nothing changed, but the last build had findings: the output stays; they come from the cache.
        if let cache, let last, toRead.isEmpty, gone.isEmpty {
            // In the order a build that reads nothing reports them.
            for n in diagnosed { run.result.diagnostics += cache.diagnostics(folders[n].key) }
            for slug in cache.crossSlugs { run.result.diagnostics += cache.crossDiagnostics(slug) }
            run.result.files = last.files
            run.result.written = OutputWriter.Summary(written: 0, unchanged: last.files, removed: 0)
            run.lap("state")
            return .upToDate
        }
        let renderer: PageRenderer
        do {
            renderer = try compiled.get()
        } catch {
            run.result.diagnostics.append(.error(
                "template.syntax", at: SourceLocation(file: error.file, line: error.line, column: error.column), error.message))
            return .stop
        }
        var stage: (writer: any OutputStage, state: BuildState)?
        if cache != nil, toRead.count <= incrementalLimit, let last, let outputManifest {
            stage = incrementalStage(options, records, last, outputManifest, toRead.map { folders[$0] })
        }
        if stage == nil {
            do {
                stage = try fullStage(options, records)
            } catch {
                run.result.diagnostics.append(error)
                return .stop
            }
        }
        let (writer, state) = stage!
        run.result.incremental = writer.incremental
        run.lap("state")
        return .build(BuildPlan(
            output: options.output, discovered: discovered, renderer: renderer, records: records, inputs: inputs, fingerprints: fingerprints,
            folderState: folderState, cache: cache, toRead: toRead, gone: gone, diagnosed: diagnosed, writer: writer, state: state))
    }

    /// The folders to read: those whose fingerprint differs from the cache's, with every other
    /// year of the same agencies (for the rules across years); all of them without a cache.
    /// And the cached folders that are gone, and those the cache holds findings of.
    static func changedFolders(
        _ folders: [ContentLoader.ReportFolder], _ fingerprints: [ContentHash], _ cache: ReportCache?
    ) -> (toRead: [Int], gone: [String], diagnosed: [Int]) {
        guard let cache else { return (Array(folders.indices), [], []) }
        var affected = Set<String>()
        var cached = 0
        var diagnosed: [Int] = []
        for (i, folder) in folders.enumerated() {
            let entry = cache.entries[folder.key]
            if entry != nil { cached += 1 }
            if entry?.fingerprint != fingerprints[i] { affected.insert(folder.slug) }
            if let entry, entry.diagnosticCount > 0 { diagnosed.append(i) }
        }
        // Every cached folder is still there unless fewer were found than the cache holds.
        var gone: [String] = []
        if cached < cache.entries.count {
            let current = Set(folders.map(\.key))
            gone = cache.entries.keys.filter { !current.contains($0) }
            for key in gone { affected.insert(String(key.split(separator: "/").last!)) }
        }
        return (folders.indices.filter { affected.contains(folders[$0].slug) }, gone, diagnosed)
    }

    /// Incremental: only the folders read and, if their figures changed, the pages made from every
    /// report are looked at; everything else of the output stays as it is. Nil when the journal,
    /// the stage or the build state is not what the last build left.
    static func incrementalStage(
        _ options: SiteBuilder.Options, _ records: BuildRecords, _ last: LastBuild, _ outputManifest: [UInt8], _ changed: [ContentLoader.ReportFolder]
    ) -> (any OutputStage, BuildState)? {
        let wanted = Set(changed.map { ContentHash(SitePaths.reportFolder(year: $0.year, slug: $0.slug)) })
        guard let journal = Journal.read(records, output: last.manifest),
            let partial = BuildState.read(records, manifest: last.manifest, wanted: { path in
                SitePaths.reportFolder(of: path).map { wanted.contains(ContentHash(UnsafeRawBufferPointer($0))) } ?? true
            }),
            let stage = IncrementalStage(
                output: options.output, journal: journal, manifest: outputManifest, files: last.files, atomicExchange: options.atomicExchange)
        else { return nil }
        return (stage, partial)
    }

    /// A stage that compares every file, and the last build's whole record (none with `--clean`).
    static func fullStage(_ options: SiteBuilder.Options, _ records: BuildRecords) throws(Diagnostic) -> (any OutputStage, BuildState) {
        let stage = try FullStage(output: options.output, atomicExchange: options.atomicExchange)
        return (stage, options.clean ? BuildState() : BuildState.read(records, manifest: stage.previousManifestText))
    }
}
