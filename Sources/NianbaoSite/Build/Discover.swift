import NianbaoContent
import NianbaoExport
import NianbaoModel
import NianbaoTemplates

/// Stage 1, discover: the content folder's layout and the templates, with the checks that need
/// nothing else (production fields, the 党政机关网站标识 image, the templates every site needs).
enum Discover {
    static func run(_ run: inout BuildRun) -> Discovered? {
        let options = run.options
        let found = ContentLoader.discover(options.content, parseAgencies: false)
        run.result.diagnostics = found.diagnostics
        run.result.sources = found.sources
        run.result.reports = found.folders.count
        let theme = loadTheme(options.templates, &run.result.diagnostics)
        guard !run.hasErrors, let theme, let site = found.site else { return nil }
        run.lap("discover")
        if options.production { run.result.diagnostics += site.productionDiagnostics() }
        if let image = site.conacImage, theme.assets[String(image.dropFirst("assets/".count))] == nil {
            run.result.diagnostics.append(.error(
                "site.asset", at: site.locations["conac.image"] ?? SourceLocation(file: site.file, line: 1, column: 1),
                "「conac.image」指向的图片「\(image)」不在模板的 assets/ 目录中；请把图片放到 \(options.templates ?? "Templates")/\(image)"))
        }
        guard !run.hasErrors else { return nil }
        for name in ["index", "report", "year", "agency", "sitemap"] where theme.templates[name] == nil {
            run.result.diagnostics.append(.error(
                "template.missing", at: SourceLocation(file: options.templates ?? "Templates", line: 1, column: 1),
                "缺少模板「\(name).mustache」"))
            return nil
        }
        var discovered = Discovered(found: found, theme: theme, site: site)
        if site.downloads.contains("docx") {
            guard let reference = reference(theme, &run.result.diagnostics) else { return nil }
            discovered.reference = reference
        }
        return discovered
    }

    /// The site's `reference.docx` (in its templates folder), else the built-in one.
    static func reference(_ theme: Theme, _ diagnostics: inout [Diagnostic]) -> ReferenceDocument? {
        guard let path = theme.reference?.path else { return .standard }
        do {
            return try ReferenceDocument.load(path: path)
        } catch let failure as ReferenceDocument.Failure {
            diagnostics.append(.error("export.reference", at: SourceLocation(file: path, line: 1, column: 1), failure.message))
        } catch {
            diagnostics.append(.error("export.reference", at: SourceLocation(file: path, line: 1, column: 1), "无法读取参考文档：\(error)"))
        }
        return nil
    }

    /// The default theme with the site's templates folder laid over it.
    static func loadTheme(_ templates: String?, _ diagnostics: inout [Diagnostic]) -> Theme? {
        do {
            let (loaded, ignored) = try Theme.load(overridesFrom: templates)
            for name in ignored {
                diagnostics.append(.warning(
                    "template.unknown", at: SourceLocation(file: (templates ?? "") + "/" + name, line: 1, column: 1),
                    "模板目录中的此文件不会被使用：模板应为顶层的 *.mustache 文件，静态资源应放在 assets/ 下"))
            }
            return loaded
        } catch let error as ThemeError {
            diagnostics.append(.error(
                "template.syntax", at: SourceLocation(file: error.file, line: error.line, column: error.column), error.message))
        } catch {
            diagnostics.append(.error(
                "template.read", at: SourceLocation(file: templates ?? "Templates", line: 1, column: 1),
                "无法读取模板：\(error.localizedDescription)"))
        }
        return nil
    }
}
