import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoTemplates

/// The build as a short list of named stages that pass values:
/// load → check → plan and render → write. Each stage is timed for `--verbose`.
public enum SiteBuilder {
    public struct Options: Sendable {
        public var content: String
        /// The site's own templates folder, laid over the default theme; nil for the default theme alone.
        public var templates: String?
        public var output: String

        public init(content: String, templates: String?, output: String) {
            self.content = content
            self.templates = templates
            self.output = output
        }
    }

    public struct Result: Sendable {
        public var diagnostics: [Diagnostic] = []
        /// File text by displayed path, to quote source lines in diagnostics.
        public var sources: [String: String] = [:]
        public var reports = 0
        /// Set when files were written.
        public var written: OutputWriter.Summary?
        public var files = 0
        public var stageTimes: [(stage: String, duration: Duration)] = []

        public var succeeded: Bool { written != nil }
    }

    /// Loads the content and runs every rule: what `nianbao check` reports.
    public static func check(content folder: String) -> (Content, [Diagnostic]) {
        ContentLoader.load(folder)
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
        let (content, found) = ContentLoader.load(options.content)
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
        lap("check")

        // plan and render
        let files: [OutputFile]
        do {
            files = try render(content.reports, site: site, renderer: renderer, theme: theme)
        } catch {
            result.diagnostics.append(.error(
                "template.missing", at: SourceLocation(file: options.templates ?? "Templates", line: 1, column: 1),
                "缺少模板「\(error)」"))
            return result
        }
        result.files = files.count
        lap("render")

        // write
        do {
            result.written = try OutputWriter.write(files, to: options.output)
        } catch {
            result.diagnostics.append(error)
        }
        lap("write")
        return result
    }

    /// Every output file, in a fixed order.
    public static func render(
        _ reports: [Report], site: SiteConfig, renderer: PageRenderer, theme: Theme
    ) throws(PageRenderer.Failure) -> [OutputFile] {
        var files: [OutputFile] = []
        files.append(OutputFile(path: "index.html", data: Data(try renderer.render("index", PageContexts.index(reports, site: site)).utf8)))
        for report in reports {
            let html = try renderer.render("report", PageContexts.report(report, site: site))
            files.append(OutputFile(path: PageContexts.reportPath(report), data: Data(html.utf8)))
        }
        for (name, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
            files.append(OutputFile(path: "assets/" + name, data: data))
        }
        return files
    }
}
