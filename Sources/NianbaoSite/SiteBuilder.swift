import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords
import NianbaoTemplates

/// The build as a short list of named stages that pass values: discover → plan → check → render
/// → commit (each in `Build/`). Each stage is timed for `--verbose`.
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
        /// False: every page is rendered by swift-mustache as it is, none from a compiled page
        /// (`CompiledPages`; tests compare the two).
        public var compiledPages = true
        /// Called from worker threads with (pages done, pages to render).
        public var progress: (@Sendable (Int, Int) -> Void)?
        /// Called with the result of a build that completed, in place of returning it: a
        /// command-line build ends the process there, leaving the build's memory (the summaries,
        /// caches and indexes of every report) to the system instead of freeing it piece by piece.
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
        /// Report folders not read whose summaries this build took from the cache, for the pages
        /// made from every report (of a correction of figures, only those of its years).
        public var recalled = 0
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
        var run = BuildRun(options)
        guard let discovered = Discover.run(&run) else { return run.result }
        let records = BuildRecords(folder: OutputWriter.stateFolder(for: options.output))
        guard let lock = BuildLock(records.folder) else {
            run.result.diagnostics.append(.error(
                "output.busy", at: SourceLocation(file: options.output, line: 1, column: 1),
                "另一个 nianbao 正在构建到同一输出目录；请等它结束后再试"))
            return run.result
        }
        defer { lock.release() }
        OutputWriter.recover(output: options.output)
        let plan: BuildPlan
        switch Plan.make(discovered, records, &run) {
        case .stop: return run.result
        case .upToDate: return run.finished()
        case .build(let made): plan = made
        }
        let producer = OutputProducer(plan, progress: options.progress)
        guard var checked = Check.run(producer, &run) else { return run.result }
        guard let removed = Render.run(producer, &checked, &run) else { return run.result }
        Commit.run(plan, checked, removed: removed, &run)
        // The plan, the summaries and the records stay alive until the result is handed over
        // (a command-line build ends the process there instead of freeing them).
        return withExtendedLifetime((plan, checked)) { run.finished() }
    }
}
