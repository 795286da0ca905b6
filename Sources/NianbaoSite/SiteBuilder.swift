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
            case report(Int)
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

        // load
        let (content, found) = ContentLoader.load(options.content, keepNarrative: false)
        result.diagnostics = found
        result.sources = content.sources
        result.reports = content.reports.count
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
        lap("load")

        // check
        guard !result.diagnostics.hasErrors, let site = content.site, let renderer, let theme else { return result }
        for name in ["index", "report"] where theme.templates[name] == nil {
            result.diagnostics.append(.error(
                "template.missing", at: SourceLocation(file: options.templates ?? "Templates", line: 1, column: 1),
                "缺少模板「\(name).mustache」"))
            return result
        }
        lap("check")

        // plan
        let plan = self.plan(content, theme: theme)
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
        let reports = content.reports
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
                    data = try page("index", PageContexts.index(reports, site: site), renderer: renderer)
                case .report(let index):
                    var report = reports[index]
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
        } catch {
            result.diagnostics.append(error)
        }
        lap("commit")
        return result
    }

    /// Every output file with the hash of its inputs, in a fixed order.
    static func plan(_ content: Content, theme: Theme) -> [Planned] {
        var base = Fingerprints.program
        base.combine(content.configHash)

        var plan: [Planned] = []
        var index = base
        index.combine(Fingerprints.templates("index", in: theme))
        for report in content.reports {
            index.combine("\(report.year)/\(report.slug)/\(report.title)/\(report.published?.value.description ?? "")")
        }
        plan.append(Planned(path: "index.html", inputs: index, job: .index))

        var reportBase = base
        reportBase.combine(Fingerprints.templates("report", in: theme))
        for (i, report) in content.reports.enumerated() {
            var inputs = reportBase
            inputs.combine(report.inputHash)
            plan.append(Planned(path: PageContexts.reportPath(report), inputs: inputs, job: .report(i)))
        }
        for (name, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
            var inputs = Fingerprints.program
            data.withUnsafeBytes { inputs.combine($0) }
            plan.append(Planned(path: "assets/" + name, inputs: inputs, job: .asset(name)))
        }
        return plan
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
