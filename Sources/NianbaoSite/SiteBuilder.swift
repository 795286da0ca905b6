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
        /// Called from worker threads with (pages done, pages to render).
        public var progress: (@Sendable (Int, Int) -> Void)?

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

    /// One output file of the plan, with the hash of everything it is made from.
    struct Planned {
        enum Job {
            case index
            case report(String)
            case asset(String)
        }

        let path: String
        let inputs: ContentHash
        let job: Job
    }

    /// Builds the site. On any error, nothing is written and the output folder stays as it was.
    public static func build(_ options: Options) -> Result {
        var result = Result()
        let clock = ContinuousClock()
        var start = clock.now
        func lap(_ stage: String) {
            let now = clock.now
            result.stageTimes.append((stage, now - start))
            start = now
        }

        // load: the layout, the templates, then the report folders that changed since the last build
        let found = ContentLoader.discover(options.content)
        result.diagnostics = found.diagnostics
        result.sources = found.sources
        result.reports = found.folders.count
        var renderer: PageRenderer?
        var theme: Theme?
        do {
            let (loaded, ignored) = try Theme.load(overridesFrom: options.templates)
            theme = loaded
            for name in ignored {
                result.diagnostics.append(.warning(
                    "template.unknown", at: SourceLocation(file: (options.templates ?? "") + "/" + name, line: 1, column: 1),
                    "模板目录中的此文件不会被使用：模板应为顶层的 *.mustache 文件，静态资源应放在 assets/ 下"))
            }
            renderer = try loaded.makeRenderer()
        } catch let error as ThemeError {
            result.diagnostics.append(.error(
                "template.syntax", at: SourceLocation(file: error.file, line: error.line, column: error.column), error.message))
        } catch {
            result.diagnostics.append(.error(
                "template.read", at: SourceLocation(file: options.templates ?? "Templates", line: 1, column: 1),
                "无法读取模板：\(error.localizedDescription)"))
        }
        guard let theme else { return result }
        let stateFolder = OutputWriter.stateFolder(for: options.output)
        var validity = Fingerprints.program
        validity.combine(options.content)
        validity.combine(found.configHash)
        validity.combine(Fingerprints.templates("report", in: theme))
        let cache = options.clean ? nil : ReportCache.read(from: stateFolder, validity: validity)
        let fingerprints = Parallel.map(found.folders.count) { ReportCache.fingerprint(found.folders[$0].path) }

        // Folders to read: all without a cache; else the changed ones and the other years of their agencies.
        var toRead = Array(found.folders.indices)
        if let cache {
            let current = Set(found.folders.map(\.key))
            var affected = Set(cache.entries.filter { !current.contains($0.key) }.map(\.value.summary.slug))
            for (i, folder) in found.folders.enumerated() where cache.entries[folder.key]?.fingerprint != fingerprints[i] {
                affected.insert(folder.slug)
            }
            toRead = found.folders.indices.filter { affected.contains(found.folders[$0].slug) }
        }
        let loaded = ContentLoader.loadReports(toRead.map { found.folders[$0] }, keepNarrative: false)
        result.read = toRead.count
        var reports: [String: Report] = [:]
        var summaries: [ReportSummary] = []
        var newCache = ReportCache(validity: validity)
        var readSlugs: Set<String> = []
        for (i, (report, diagnostics, files)) in zip(toRead, loaded) {
            let folder = found.folders[i]
            result.diagnostics += diagnostics
            result.sources.merge(files) { a, _ in a }
            readSlugs.insert(folder.slug)
            guard let report else { continue }
            reports[folder.key] = report
            let summary = ReportSummary(report)
            summaries.append(summary)
            newCache.entries[folder.key] = ReportCache.Entry(fingerprint: fingerprints[i], summary: summary, diagnostics: diagnostics)
        }
        if let cache {
            for (i, folder) in found.folders.enumerated() where !readSlugs.contains(folder.slug) {
                guard let entry = cache.entries[folder.key] else { continue }
                result.diagnostics += entry.diagnostics
                summaries.append(entry.summary)
                newCache.entries[folder.key] = ReportCache.Entry(fingerprint: fingerprints[i], summary: entry.summary, diagnostics: entry.diagnostics)
            }
        }
        summaries.sort { ($0.year, $1.slug) > ($1.year, $0.slug) }

        // Rules across years, for the agencies read; the others' findings are still those of last time.
        var governments = Set(found.agencies.filter { $0.kind == AgencyList.governmentKind }.map(\.slug))
        if found.agencies.isEmpty {
            for summary in summaries where summary.agency.hasSuffix("人民政府") { governments.insert(summary.slug) }
        }
        let cross = CrossReportRules.check(Array(reports.values).sorted(by: ContentLoader.displayOrder), governments: governments)
        result.diagnostics += cross
        for d in cross {
            guard let file = d.location?.file, let folder = found.folders.first(where: { file.hasPrefix($0.path + "/") }) else { continue }
            newCache.crossBySlug[folder.slug, default: []].append(d)
        }
        if let cache {
            for (slug, diagnostics) in cache.crossBySlug where !readSlugs.contains(slug) {
                result.diagnostics += diagnostics
                newCache.crossBySlug[slug] = diagnostics
            }
        }
        lap("load")

        // check
        guard !result.diagnostics.hasErrors, let site = found.site, let renderer else { return result }
        for name in ["index", "report"] where theme.templates[name] == nil {
            result.diagnostics.append(.error(
                "template.missing", at: SourceLocation(file: options.templates ?? "Templates", line: 1, column: 1),
                "缺少模板「\(name).mustache」"))
            return result
        }
        lap("check")

        // plan
        let plan = self.plan(summaries, configHash: found.configHash, theme: theme)
        result.files = plan.count
        let writer: OutputWriter
        do {
            writer = try OutputWriter(output: options.output)
        } catch {
            result.diagnostics.append(error)
            return result
        }
        let state = options.clean ? BuildState() : BuildState.read(from: writer.stateFolder, manifest: writer.previousManifestText)
        lap("plan")

        // render: pages whose inputs changed, straight into the stage, on all cores
        let done = Counter()
        let outcomes = Parallel.map(plan.count) { i -> Swift.Result<(ContentHash, Bool), Diagnostic> in
            let planned = plan[i]
            do throws(Diagnostic) {
                if let last = state.entries[planned.path], last.inputs == planned.inputs, writer.previous[planned.path] == last.content {
                    try writer.keep(planned.path, last.content)
                    return .success((last.content, false))
                }
                let data: Data
                switch planned.job {
                case .index:
                    data = try page("index", PageContexts.index(summaries, site: site), renderer: renderer)
                case .report(let key):
                    guard var report = reports[key] ?? reread(key, in: found.folders) else {
                        throw .error("file.missing", at: nil, "报告「\(key)」在构建过程中被删除")
                    }
                    try readNarrative(&report)
                    data = try page("report", PageContexts.report(report, site: site), renderer: renderer)
                case .asset(let name):
                    data = theme.assets[name]!
                }
                try writer.put(planned.path, data)
                options.progress?(done.increment(), plan.count)
                return .success((data.withUnsafeBytes { ContentHash($0) }, true))
            } catch {
                return .failure(error)
            }
        }
        var newState = BuildState()
        for (planned, outcome) in zip(plan, outcomes) {
            switch outcome {
            case .failure(let error):
                result.diagnostics.append(error)
            case .success(let (hash, rendered)):
                newState.entries[planned.path] = BuildState.Entry(inputs: planned.inputs, content: hash)
                if rendered { result.rendered += 1 }
            }
        }
        lap("render")
        guard !result.diagnostics.hasErrors else { return result }

        // commit: the stage becomes the output in one step
        do {
            result.written = try writer.commit()
            try? newState.write(to: writer.stateFolder, manifest: writer.manifestText)
            try? newCache.write(to: writer.stateFolder)
        } catch {
            result.diagnostics.append(error)
        }
        lap("commit")
        return result
    }

    /// Every output file with the hash of its inputs, in a fixed order.
    static func plan(_ reports: [ReportSummary], configHash: ContentHash, theme: Theme) -> [Planned] {
        var base = Fingerprints.program
        base.combine(configHash)

        var plan: [Planned] = []
        var index = base
        index.combine(Fingerprints.templates("index", in: theme))
        for report in reports {
            index.combine("\(report.year)/\(report.slug)/\(report.title)/\(report.published)")
        }
        plan.append(Planned(path: "index.html", inputs: index, job: .index))

        var reportBase = base
        reportBase.combine(Fingerprints.templates("report", in: theme))
        for report in reports {
            var inputs = reportBase
            inputs.combine(report.inputHash)
            plan.append(Planned(path: PageContexts.reportPath(year: report.year, slug: report.slug), inputs: inputs, job: .report(report.key)))
        }
        for (name, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
            var inputs = Fingerprints.program
            data.withUnsafeBytes { inputs.combine($0) }
            plan.append(Planned(path: "assets/" + name, inputs: inputs, job: .asset(name)))
        }
        return plan
    }

    /// A report that was not read this time but whose page must be rendered (its output was lost).
    static func reread(_ key: String, in folders: [ContentLoader.ReportFolder]) -> Report? {
        guard let folder = folders.first(where: { $0.key == key }) else { return nil }
        return ContentLoader.loadReports([folder], keepNarrative: false).first?.0
    }

    static func page(_ template: String, _ context: [String: Any], renderer: PageRenderer) throws(Diagnostic) -> Data {
        do {
            return Data(try renderer.render(template, context).utf8)
        } catch {
            throw .error("template.missing", at: nil, "缺少模板「\(template).mustache」")
        }
    }

    /// The narrative was checked while loading and then let go; read it again for the page.
    static func readNarrative(_ report: inout Report) throws(Diagnostic) {
        for name in report.narrativeFiles where report.narrative[name] == nil {
            let path = report.folder + "/" + name
            switch SourceFile.read(path, display: path) {
            case .success(let text): report.narrative[name] = text
            case .failure(let d): throw d
            }
        }
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
