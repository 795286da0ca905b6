import Foundation
import NianbaoContent
import NianbaoModel

/// The open-data files: per report `report.json` (every table, typed, with labels and units) and
/// one CSV per table; for the site `data/reports.json` and `data/applications.csv`. CSV files are
/// UTF-8 with a byte-order mark and CRLF line ends (what spreadsheet programs in China open
/// correctly); their header cells are the official labels, a nested header flattened with `/`.
enum OpenData {
    // MARK: Labels

    /// Table 三's column headers below 申请人情况: `自然人`, `法人或其他组织/商业企业` … `总计`.
    static let threeColumnLabels: [String] = ReportFormat.tableThreeColumnPaths.map { path in
        path.nodes.dropFirst().map(\.label).joined(separator: "/")
    }

    /// Table 三's row labels with their groups: `三、本年度办理结果/（三）不予公开/1.属于国家秘密`.
    static let threeRowLabels: [String] = ReportFormat.tableThreeRowPaths.map { $0.nodes.map(\.label).joined(separator: "/") }

    /// Table 四's columns: `行政复议/结果维持` … `行政诉讼/复议后起诉/总计`.
    static let fourColumnLabels: [String] = ReportFormat.tableFourGroups.flatMap { group in
        ReportFormat.tableFourOutcomes.map { (group.nodes.map(\.label) + [$0.label]).joined(separator: "/") }
    }

    /// Table 二's cells in data-cell order: (条款, 信息内容, 列, unit).
    static let twoCells: [(group: String, row: String, rowKey: String, column: String, columnKey: String, unit: String)] =
        ReportFormat.tableTwo.flatMap { group in
            group.rows.flatMap { row in
                group.columns.map { (group.heading, row.label, row.key, $0.label, $0.key, group.isAmount ? "万元" : "件") }
            }
        }

    // MARK: CSV

    static func csv(_ rows: [[String]]) -> Data {
        var out = "\u{FEFF}"
        for row in rows {
            out += row.map(csvField).joined(separator: ",")
            out += "\r\n"
        }
        return Data(out.utf8)
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Table 三: 项目 and the seven columns, one row per row of the table.
    static func applicationsCSV(_ figures: ReportFigures) -> Data {
        var rows = [["项目"] + threeColumnLabels]
        let width = threeColumnLabels.count
        for (r, label) in threeRowLabels.enumerated() {
            rows.append([label] + figures.three[(r * width)..<((r + 1) * width)].map(String.init))
        }
        return csv(rows)
    }

    /// Table 二: one row per figure (its groups have different columns).
    static func activeDisclosureCSV(_ figures: ReportFigures) -> Data {
        var rows = [["条款", "信息内容", "项目", "数值", "单位"]]
        for (cell, value) in zip(twoCells, figures.two) { rows.append([cell.group, cell.row, cell.column, value, cell.unit]) }
        return csv(rows)
    }

    /// Table 四: its fifteen columns, one row.
    static func reviewCSV(_ figures: ReportFigures) -> Data {
        csv([fourColumnLabels, figures.four.map(String.init)])
    }

    // MARK: JSON

    /// A JSON writer for the few shapes nianbao writes: keys in the order given, strings escaped,
    /// numbers written as their text (an amount keeps its digits, `0.0350`).
    struct JSON {
        var text = ""
        var indent = 0

        static func string(_ s: String) -> String {
            var out = "\""
            for c in s.unicodeScalars {
                switch c {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{2028}": out += "\\u2028"
                case "\u{2029}": out += "\\u2029"
                default:
                    if c.value < 0x20 {
                        let hex = String(c.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(c)
                    }
                }
            }
            return out + "\""
        }

        /// An object from (key, already-encoded value) pairs.
        static func object(_ pairs: [(String, String)], indent: Int = 0) -> String {
            guard !pairs.isEmpty else { return "{}" }
            let pad = String(repeating: "  ", count: indent + 1)
            return "{\n" + pairs.map { pad + string($0.0) + ": " + $0.1 }.joined(separator: ",\n") + "\n"
                + String(repeating: "  ", count: indent) + "}"
        }

        static func array(_ items: [String], indent: Int = 0, inline: Bool = false) -> String {
            guard !items.isEmpty else { return "[]" }
            if inline { return "[" + items.joined(separator: ", ") + "]" }
            let pad = String(repeating: "  ", count: indent + 1)
            return "[\n" + items.map { pad + $0 }.joined(separator: ",\n") + "\n" + String(repeating: "  ", count: indent) + "]"
        }
    }

    /// `report.json`: the report's metadata and every figure with its labels and unit.
    static func reportJSON(_ report: ReportSummary, _ figures: ReportFigures, site: SiteConfig, kind: String) -> Data {
        let due = CrossReportRules.due(year: report.year, isGovernment: kind == AgencyList.governmentKind)
        let late = LocalDate(report.published).map { $0 > due } ?? false
        var meta: [(String, String)] = [
            ("title", JSON.string(report.title)),
            ("agency", JSON.string(report.agency)),
            ("slug", JSON.string(report.slug)),
            ("kind", JSON.string(kind)),
            ("year", String(report.year)),
            ("published", JSON.string(report.published)),
            ("due", JSON.string(due.description)),
            ("late", late ? "true" : "false"),
            ("format", JSON.string("国办公开办函〔2021〕30号")),
        ]
        if let base = site.base {
            meta.append(("url", JSON.string(base + SitePaths.reportFolder(year: report.year, slug: report.slug))))
        }
        let two = zip(twoCells, figures.two).map { cell, value in
            JSON.object([
                ("group", JSON.string(cell.group)), ("row", JSON.string(cell.rowKey)), ("row_label", JSON.string(cell.row)),
                ("column", JSON.string(cell.columnKey)), ("column_label", JSON.string(cell.column)),
                ("value", value), ("unit", JSON.string(cell.unit)),
            ], indent: 4)
        }
        let width = threeColumnLabels.count
        let threeColumns = zip(ReportFormat.tableThreeColumnPaths, threeColumnLabels).map { path, label in
            JSON.object([("key", JSON.string(path.leaf.key)), ("label", JSON.string(label))], indent: 4)
        }
        let threeRows = ReportFormat.tableThreeRowPaths.enumerated().map { r, path in
            JSON.object([
                ("key", JSON.string(path.key)), ("label", JSON.string(threeRowLabels[r])),
                ("values", JSON.array(figures.three[(r * width)..<((r + 1) * width)].map(String.init), inline: true)),
            ], indent: 4)
        }
        let fourGroups = ReportFormat.tableFourGroups.enumerated().map { g, group in
            let n = ReportFormat.tableFourOutcomes.count
            return JSON.object([
                ("key", JSON.string(group.leaf.key)), ("label", JSON.string(group.nodes.map(\.label).joined(separator: "/"))),
                ("values", JSON.array(figures.four[(g * n)..<((g + 1) * n)].map(String.init), inline: true)),
            ], indent: 4)
        }
        let sections = ReportFormat.sections
        let tables = JSON.object([
            ("active_disclosure", JSON.object([
                ("label", JSON.string(sections[1].heading)),
                ("cells", JSON.array(two, indent: 3)),
            ], indent: 2)),
            ("applications", JSON.object([
                ("label", JSON.string(sections[2].heading)), ("unit", JSON.string("件")),
                ("columns", JSON.array(threeColumns, indent: 3)),
                ("rows", JSON.array(threeRows, indent: 3)),
            ], indent: 2)),
            ("review_and_litigation", JSON.object([
                ("label", JSON.string(sections[3].heading)), ("unit", JSON.string("件")),
                ("columns", JSON.array(ReportFormat.tableFourOutcomes.map { JSON.string($0.label) }, inline: true)),
                ("groups", JSON.array(fourGroups, indent: 3)),
            ], indent: 2)),
        ], indent: 1)
        return Data((JSON.object(meta + [("tables", tables)]) + "\n").utf8)
    }

    /// `data/reports.json`: one entry per report, with its key figures and links to its files.
    static func reportsJSON(_ index: SiteIndex) -> Data {
        let items = index.reports.map { report -> String in
            let figures = report.figures
            let folder = SitePaths.reportFolder(year: report.year, slug: report.slug)
            var pairs: [(String, String)] = [
                ("year", String(report.year)), ("agency", JSON.string(report.agency)), ("slug", JSON.string(report.slug)),
                ("kind", JSON.string(index.agency(report.slug)?.kind ?? "其他")), ("title", JSON.string(report.title)),
                ("published", JSON.string(report.published)), ("late", index.isLate(report) ? "true" : "false"),
                ("page", JSON.string(folder)), ("json", JSON.string(folder + SitePaths.reportJSON)),
                ("csv", JSON.string(folder + SitePaths.reportCSV)),
                ("received", String(figures.received)), ("granted", String(figures.granted)),
                ("not_granted", String(figures.notGranted)), ("reviews", String(figures.reviews)),
                ("lawsuits", String(figures.lawsuits)),
            ]
            if let base = index.site.base { pairs.append(("url", JSON.string(base + folder))) }
            return JSON.object(pairs, indent: 2)
        }
        let doc = JSON.object([
            ("site", JSON.string(index.site.title)),
            ("format", JSON.string("国办公开办函〔2021〕30号")),
            ("fields", JSON.object([
                ("received", JSON.string("表三「一、本年新收政府信息公开申请数量」总计")),
                ("granted", JSON.string("表三「（一）予以公开」与「（二）部分公开」总计之和")),
                ("not_granted", JSON.string("表三「（七）总计」减去予以公开和部分公开")),
                ("reviews", JSON.string("表四「行政复议」总计")),
                ("lawsuits", JSON.string("表四「行政诉讼」总计（未经复议直接起诉与复议后起诉之和）")),
            ], indent: 1)),
            ("reports", JSON.array(items, indent: 1)),
        ])
        return Data((doc + "\n").utf8)
    }

    /// `data/applications.csv`: table 三 of every report, one row per report and row of the table.
    static func allApplicationsCSV(_ index: SiteIndex) -> Data {
        var out = "\u{FEFF}" + (["年度", "发布机关", "目录名", "发布日期", "项目"] + threeColumnLabels).map(csvField).joined(separator: ",") + "\r\n"
        let width = threeColumnLabels.count
        for report in index.reports {
            let figures = report.figures
            let lead = [String(report.year), csvField(report.agency), report.slug, report.published].joined(separator: ",")
            for (r, label) in threeRowLabels.enumerated() {
                out += lead + "," + csvField(label)
                for value in figures.three[(r * width)..<((r + 1) * width)] { out += ","; out += String(value) }
                out += "\r\n"
            }
        }
        return Data(out.utf8)
    }

    /// `1.2 KB`: a file size for a download link.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) 字节" }
        let kb = Double(bytes) / 1024
        if kb < 1024 { return String(format: "%.1f KB", kb) }
        return String(format: "%.1f MB", kb / 1024)
    }
}
