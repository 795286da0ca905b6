import NianbaoContent
import NianbaoModel
import NianbaoTemplates

/// `check --format html`: one self-contained page (no script, no request to another origin, its
/// style inline) for a supervising office: totals per year, a table of agencies by years whose
/// counts link to each report's findings, then every finding as `check` prints it, grouped by
/// report. Every text from content is escaped.
public enum ReviewPage {
    public static func html(_ review: Review) -> String {
        var out = ""
        out.reserveCapacity(64 * 1024 + review.entries.count * 256)
        let title = "年度报告检查结果：" + review.siteTitle
        out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\" />\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
        out += "<meta name=\"generator\" content=\"nianbao check\" />\n"
        out += "<title>\(HTML.escape(title))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n<main>\n"
        out += "<h1>\(HTML.escape(title))</h1>\n"
        let errors = review.entries.reduce(0) { $0 + $1.errors } + review.siteFindings.filter { $0.severity == .error }.count
        let findings = review.entries.reduce(0) { $0 + $1.findings.count } + review.siteFindings.count
        out += "<p>内容目录 <code>\(HTML.escape(review.content))</code>：\(review.entries.count) 份报告，"
        out += "\(errors) 个错误，\(findings - errors) 个警告。每个问题注明文件、行、列和规则编号，与 <code>nianbao check</code> 的输出相同。</p>\n"
        totals(review, into: &out)
        matrix(review, into: &out)
        if !review.siteFindings.isEmpty {
            out += "<section aria-labelledby=\"site-h\">\n<h2 id=\"site-h\">站点配置的问题</h2>\n"
            findingList(review.siteFindings, review: review, into: &out)
            out += "</section>\n"
        }
        out += "<section aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">各报告的问题</h2>\n"
        let withFindings = review.entries.filter { !$0.findings.isEmpty }
        if withFindings.isEmpty { out += "<p>没有发现问题。</p>\n" }
        for entry in withFindings { report(entry, review: review, into: &out) }
        out += "</section>\n</main>\n</body>\n</html>\n"
        return out
    }

    /// 总体情况: per year, reports, with errors, with warnings, late, listed agencies without a report.
    static func totals(_ review: Review, into out: inout String) {
        out += "<section aria-labelledby=\"totals-h\">\n<h2 id=\"totals-h\">总体情况</h2>\n"
        out += "<table>\n<caption>各年度报告数及问题</caption>\n<thead><tr><th scope=\"col\">年度</th><th scope=\"col\">报告</th>"
        out += "<th scope=\"col\">有错误</th><th scope=\"col\">有警告</th><th scope=\"col\">逾期发布</th><th scope=\"col\">机关列表中未见报告</th></tr></thead>\n<tbody>\n"
        for year in review.years {
            let entries = review.entries(in: year)
            let cells = [
                entries.count, entries.filter { $0.errors > 0 }.count, entries.filter { $0.warnings > 0 }.count,
                entries.filter(\.late).count, review.missing[year]?.count ?? 0,
            ]
            out += "<tr><th scope=\"row\">\(year)年度</th>" + cells.map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        for year in review.years {
            guard let missing = review.missing[year], !missing.isEmpty else { continue }
            out += "<p>\(year)年度机关列表中未见报告（\(missing.count) 个）：\(HTML.escape(missing.map(\.name).joined(separator: "、")))。</p>\n"
        }
        out += "</section>\n"
    }

    /// 各机关各年度: a row per agency, a column per year; a cell links to that report's findings.
    static func matrix(_ review: Review, into out: inout String) {
        out += "<section aria-labelledby=\"matrix-h\">\n<h2 id=\"matrix-h\">各机关各年度</h2>\n"
        out += "<div class=\"wide\" role=\"region\" aria-labelledby=\"matrix-caption\" tabindex=\"0\">\n<table>\n"
        out += "<caption id=\"matrix-caption\">每格为该机关该年度报告的错误和警告数，点击查看详情</caption>\n<thead><tr><th scope=\"col\">机关</th>"
        for year in review.years { out += "<th scope=\"col\">\(year)年度</th>" }
        out += "</tr></thead>\n<tbody>\n"
        let byKey = Dictionary(review.entries.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        for agency in review.agencies {
            out += "<tr><th scope=\"row\">\(HTML.escape(agency.name))</th>"
            for year in review.years {
                guard let entry = byKey["\(year)/\(agency.slug)"] else {
                    let listed = review.missing[year]?.contains { $0.slug == agency.slug } ?? false
                    out += listed ? "<td class=\"missing\">未见报告</td>" : "<td>—</td>"
                    continue
                }
                if entry.findings.isEmpty {
                    out += "<td class=\"ok\">无问题</td>"
                } else {
                    var counts: [String] = []
                    if entry.errors > 0 { counts.append("\(entry.errors) 个错误") }
                    if entry.warnings > 0 { counts.append("\(entry.warnings) 个警告") }
                    out += "<td class=\"\(entry.errors > 0 ? "error" : "warning")\"><a href=\"#\(HTML.escape(entry.anchor))\">\(counts.joined(separator: "，"))</a></td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n</section>\n"
    }

    static func report(_ entry: Review.Entry, review: Review, into out: inout String) {
        out += "<section id=\"\(HTML.escape(entry.anchor))\" aria-labelledby=\"\(HTML.escape(entry.anchor))-h\">\n"
        out += "<h3 id=\"\(HTML.escape(entry.anchor))-h\">\(entry.year)年度 · \(HTML.escape(entry.agency))</h3>\n"
        var meta = "目录 <code>\(HTML.escape(entry.key))</code>"
        if !entry.published.isEmpty { meta += "，发布日期 \(HTML.escape(entry.published))" }
        out += "<p class=\"meta\">\(meta)。</p>\n"
        if entry.asPublished {
            out += "<p class=\"note\">本报告按原文照录（as_published）：表格之间的不一致是原报告发布时即有的，并非导入或录入造成。</p>\n"
        }
        findingList(entry.findings, review: review, into: &out, asPublished: entry.asPublished)
        out += "</section>\n"
    }

    static func findingList(_ findings: [Diagnostic], review: Review, into out: inout String, asPublished: Bool = false) {
        let formatter = DiagnosticFormatter(sources: review.sources)
        out += "<ol class=\"findings\">\n"
        for finding in findings {
            out += "<li class=\"\(finding.severity.rawValue)\">\n<p><strong>\(finding.severity.label)</strong> "
            if asPublished, Rules.isConsistencyRule(finding.rule) { out += "<span class=\"tag\">原文如此</span> " }
            out += "\(HTML.escape(finding.message)) <code>[\(HTML.escape(finding.rule))]</code></p>\n"
            if let at = finding.location { out += "<p class=\"place\">\(HTML.escape("\(at.file):\(at.line):\(at.column)"))</p>\n" }
            if finding.expected != nil || finding.actual != nil {
                out += "<p>应为 <strong>\(HTML.escape(finding.expected ?? "—"))</strong>，实际 <strong>\(HTML.escape(finding.actual ?? "—"))</strong></p>\n"
            }
            if let at = finding.location, let excerpt = formatter.excerpt(at) { out += "<pre>\(HTML.escape(excerpt))</pre>\n" }
            for related in finding.related {
                let at = related.location
                out += "<p class=\"place\">注：\(HTML.escape(related.note))（\(HTML.escape("\(at.file):\(at.line):\(at.column)"))）</p>\n"
                if let excerpt = formatter.excerpt(at) { out += "<pre>\(HTML.escape(excerpt))</pre>\n" }
            }
            out += "</li>\n"
        }
        out += "</ol>\n"
    }

    static let style = """
        body { margin: 0; color: #1b1b1b; background: #fff; font: 16px/1.7 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; overflow-wrap: anywhere; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.6rem; line-height: 1.4; } h2 { font-size: 1.3rem; border-bottom: 1px solid #c8c8c8; margin-top: 2rem; }
        h3 { font-size: 1.1rem; margin: 1.5rem 0 0.25rem; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
        caption { text-align: left; color: #4a4a4a; padding: 0.25rem 0; }
        th, td { border: 1px solid #767676; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
        thead th { background: #eef1f5; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.error { background: #fbe9e9; } td.warning { background: #fff6dc; } td.missing { color: #9e1b1b; } td.ok { color: #4a4a4a; }
        a { color: #0b4f9c; } :focus-visible { outline: 3px solid #ffbf47; }
        .wide { overflow-x: auto; } .meta, .place { color: #4a4a4a; margin: 0.25rem 0; }
        .note { border-left: 4px solid #767676; background: #f6f6f6; padding: 0.25rem 0.75rem; }
        .tag { border: 1px solid #767676; padding: 0 0.25rem; font-size: 0.875rem; }
        .findings li { margin: 0.75rem 0; } .findings li.error > p:first-child strong { color: #9e1b1b; }
        pre { background: #f6f6f6; padding: 0.5rem; white-space: pre-wrap; font: 14px/1.5 "Noto Sans Mono CJK SC", monospace; margin: 0.25rem 0; }
        @media print { .wide { overflow: visible; } section[id^="r-"] { break-inside: avoid-page; } a { color: inherit; } }

        """
}
