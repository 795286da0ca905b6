import NianbaoModel

/// `check --format csv`: one row per finding, for a spreadsheet. UTF-8 with a byte-order mark
/// and CRLF line ends, like the site's CSV files.
public enum ReviewCSV {
    static let header = ["年度", "机关", "目录", "严重程度", "规则", "文件", "行", "列", "说明", "应为", "实际", "按原文照录"]

    public static func csv(_ review: Review) -> String {
        var out = "\u{FEFF}" + header.joined(separator: ",") + "\r\n"
        func row(_ entry: Review.Entry?, _ finding: Diagnostic) {
            let at = finding.location
            let fields = [
                entry.map { String($0.year) } ?? "", entry?.agency ?? "", entry?.key ?? "", finding.severity.label, finding.rule,
                at?.file ?? "", at.map { String($0.line) } ?? "", at.map { String($0.column) } ?? "", finding.message,
                finding.expected ?? "", finding.actual ?? "", entry?.asPublished == true ? "是" : "",
            ]
            out += fields.map(field).joined(separator: ",") + "\r\n"
        }
        for finding in review.siteFindings { row(nil, finding) }
        for entry in review.entries { for finding in entry.findings { row(entry, finding) } }
        return out
    }

    /// A field, quoted only when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
