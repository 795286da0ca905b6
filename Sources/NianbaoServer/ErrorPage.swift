import NianbaoContent
import NianbaoModel
import NianbaoSite
import NianbaoTemplates

/// The page `serve` shows for every page of the site while the content has errors: what is
/// wrong and where, instead of the stale site. Everything from content or messages is escaped.
enum ErrorPage {
    /// - Parameters:
    ///   - diagnostics: The last build's findings (errors and warnings).
    ///   - sources: File text by displayed path, to quote the lines (else read from disk).
    ///   - path: The path that was asked for (decoded), shown so the user knows where they will return.
    static func html(diagnostics: [Diagnostic], sources: [String: String], path: String, generation: String) -> String {
        let formatter = DiagnosticFormatter(sources: sources)
        let errors = diagnostics.filter { $0.severity == .error }.sortedForDisplay
        let warnings = diagnostics.filter { $0.severity == .warning }.sortedForDisplay
        var out = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="robots" content="noindex" />
            <title>内容有错误，网站未更新 - nianbao 预览</title>
            <style>\(style)</style>
            </head>
            <body>
            <main id="main">
            <h1>内容有错误，网站未更新</h1>
            <p class="summary" role="alert">检查内容时发现 \(errors.count) 个错误\(warnings.isEmpty ? "" : "、\(warnings.count) 个警告")。网站仍是上次成功生成的版本，未发布任何有错误的页面。</p>
            <p>改正并保存后，nianbao 会自动重新生成，此页会自动刷新并回到您正在查看的页面（<code>
            """
        HTML.escape(path, into: &out)
        out += "</code>）。</p>\n"
        section("错误", errors, id: "errors", formatter: formatter, into: &out)
        section("警告", warnings, id: "warnings", formatter: formatter, into: &out)
        out += "</main>\n"
        out += ReloadHub.script(generation: generation)
        out += "</body>\n</html>\n"
        return out
    }

    private static func section(_ title: String, _ diagnostics: [Diagnostic], id: String, formatter: DiagnosticFormatter, into out: inout String) {
        guard !diagnostics.isEmpty else { return }
        out += "<section aria-labelledby=\"\(id)-h\">\n<h2 id=\"\(id)-h\">\(title)（\(diagnostics.count)）</h2>\n<ol class=\"diagnostics\">\n"
        for diagnostic in diagnostics {
            item(diagnostic, formatter: formatter, into: &out)
        }
        out += "</ol>\n</section>\n"
    }

    private static func item(_ d: Diagnostic, formatter: DiagnosticFormatter, into out: inout String) {
        out += "<li class=\"\(d.severity.rawValue)\">\n<p class=\"head\"><span class=\"severity\">\(d.severity.label)</span> "
        if let at = d.location {
            out += "<code class=\"location\">"
            HTML.escape("\(at.file):\(at.line):\(at.column)", into: &out)
            out += "</code>"
        }
        out += "</p>\n<p class=\"message\">"
        HTML.escape(d.message, into: &out)
        out += "</p>\n<dl>\n"
        if let expected = d.expected {
            out += "<dt>应为</dt><dd>"
            HTML.escape(expected, into: &out)
            out += "</dd>\n"
        }
        if let actual = d.actual {
            out += "<dt>实际</dt><dd>"
            HTML.escape(actual, into: &out)
            out += "</dd>\n"
        }
        out += "<dt>规则</dt><dd><code class=\"rule\">"
        HTML.escape(d.rule, into: &out)
        out += "</code></dd>\n</dl>\n"
        if let at = d.location, let excerpt = formatter.excerpt(at) {
            out += "<pre aria-label=\"源文件第 \(at.line) 行\">"
            HTML.escape(excerpt, into: &out)
            out += "</pre>\n"
        }
        for related in d.related {
            let at = related.location
            out += "<p class=\"related\">注：<code class=\"location\">"
            HTML.escape("\(at.file):\(at.line):\(at.column)", into: &out)
            out += "</code> "
            HTML.escape(related.note, into: &out)
            out += "</p>\n"
            if let excerpt = formatter.excerpt(at) {
                out += "<pre aria-label=\"源文件第 \(at.line) 行\">"
                HTML.escape(excerpt, into: &out)
                out += "</pre>\n"
            }
        }
        out += "</li>\n"
    }

    /// Readable without the site's stylesheet (which may be what is broken); high contrast.
    static let style = """
        body{margin:0;font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;\
        line-height:1.6;color:#1a1a1a;background:#fff}main{max-width:60rem;margin:0 auto;padding:1.5rem}\
        h1{color:#a4000f;font-size:1.6rem}.summary{font-weight:bold}ol.diagnostics{padding-left:1.5rem}\
        li{margin:0 0 1.5rem;padding:.5rem .75rem;border-left:4px solid #a4000f;background:#fdf3f4}\
        li.warning{border-color:#7a5200;background:#fdf8ec}.head{margin:0}.severity{font-weight:bold}\
        .message{margin:.25rem 0;font-size:1.05rem}dl{display:grid;grid-template-columns:auto 1fr;gap:0 1rem;margin:.25rem 0}\
        dt{font-weight:bold}dd{margin:0}pre{overflow-x:auto;background:#f4f4f4;padding:.5rem;\
        font-family:"Noto Sans Mono CJK SC","Sarasa Mono SC",monospace}.related{margin:.25rem 0}
        """
}
