import Foundation
import NianbaoContent
import NianbaoModel

/// The open-data files: per report `report.json` (every table, typed, with labels and units) and
/// one CSV per table; per year `data/<year>/reports.json` and `data/<year>/applications.csv`,
/// listed in `data/index.json`. CSV files are
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

    /// Table 二's cells in data-cell order: (条款, 信息内容, 列, unit).
    static let twoCells: [(group: String, row: String, rowKey: String, column: String, columnKey: String, unit: String)] =
        ReportFormat.tableTwo.flatMap { group in
            group.rows.flatMap { row in
                group.columns.map { (group.heading, row.label, row.key, $0.label, $0.key, group.isAmount ? "万元" : "件") }
            }
        }

    // MARK: CSV

    /// A field, quoted only when it holds a comma, a quote or a line break.
    static func csvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Table 三's header: 项目 and the seven column paths (after `lead` columns).
    static func applicationsHeader(lead: [String] = []) -> String {
        "\u{FEFF}" + (lead + ["项目"] + threeColumnLabels).map(csvField).joined(separator: ",") + "\r\n"
    }

    static let quotedThreeRowLabels = threeRowLabels.map { Array(csvField($0).utf8) }

    /// Table 三's 25 rows, each after `lead` (empty, or `year,agency,slug,date,`): the row's label
    /// path, then its seven figures.
    static func appendApplicationRows(_ figures: ReportFigures, lead: [UInt8], to out: inout [UInt8]) {
        let width = threeColumnLabels.count
        out.reserveCapacity(out.count + quotedThreeRowLabels.count * (lead.count + 80))
        for (r, label) in quotedThreeRowLabels.enumerated() {
            out += lead
            out += label
            for value in figures.three[(r * width)..<((r + 1) * width)] {
                out.append(0x2C)
                appendDigits(value, to: &out)
            }
            out += [0x0D, 0x0A]
        }
    }

    /// Table 三: 项目 and the seven columns, one row per row of the table.
    static func applicationsCSV(_ figures: ReportFigures) -> Data {
        var out = Array(applicationsHeader().utf8)
        appendApplicationRows(figures, lead: [], to: &out)
        return Data(out)
    }

    // MARK: JSON

    /// A JSON writer for the few shapes nianbao writes: keys in the order given, strings escaped,
    /// numbers written as their text (an amount keeps its digits, `0.0350`).
    enum JSON {
        static func string(_ s: String) -> String {
            // Most texts need no escaping at all.
            if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) { return "\"" + s + "\"" }
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
        var values = [
            JSON.string(report.title), JSON.string(report.agency), JSON.string(report.slug), JSON.string(kind),
            String(report.year), JSON.string(report.published), JSON.string(due.description), late ? "true" : "false",
        ]
        if let base = site.base { values.append(JSON.string(base + SitePaths.reportFolder(year: report.year, slug: report.slug))) }
        values += figures.two
        values += figures.three.map(String.init)
        values += figures.four.map(String.init)
        let template = site.base == nil ? reportJSONPlain : reportJSONWithURL
        precondition(values.count == template.count - 1, "report.json: \(values.count) values for \(template.count - 1) slots")
        var out = template[0]
        out.reserveCapacity(template.reduce(0) { $0 + $1.utf8.count } + values.count * 4)
        for (value, segment) in zip(values, template.dropFirst()) {
            out += value
            out += segment
        }
        return Data(out.utf8)
    }

    /// `report.json` cut at its values (`segments[0] value₀ segments[1] …`), built once (each
    /// form when first needed): the labels and structure never change, only the figures and the
    /// report's metadata.
    static let reportJSONPlain = compileReportJSON(hasURL: false)
    static let reportJSONWithURL = compileReportJSON(hasURL: true)

    private static func compileReportJSON(hasURL: Bool) -> [String] {
        let n = 8 + (hasURL ? 1 : 0) + ReportFigures.twoCount + ReportFigures.threeCount + ReportFigures.fourCount
        return CompiledTable.cut(reportJSONDocument(Array(repeating: String(CompiledTable.slot), count: n), hasURL: hasURL))
    }

    /// The document around already-encoded values, in order: title, agency, slug, kind, year,
    /// published, due, late, url (if any), then every figure of tables 二, 三 and 四.
    static func reportJSONDocument(_ values: [String], hasURL: Bool) -> String {
        var next = values.makeIterator()
        var meta: [(String, String)] = [
            ("title", next.next()!), ("agency", next.next()!), ("slug", next.next()!), ("kind", next.next()!),
            ("year", next.next()!), ("published", next.next()!), ("due", next.next()!), ("late", next.next()!),
            ("format", JSON.string("国办公开办函〔2021〕30号")),
        ]
        if hasURL { meta.append(("url", next.next()!)) }
        let two = twoCells.map { cell in
            JSON.object([
                ("group", JSON.string(cell.group)), ("row", JSON.string(cell.rowKey)), ("row_label", JSON.string(cell.row)),
                ("column", JSON.string(cell.columnKey)), ("column_label", JSON.string(cell.column)),
                ("value", next.next()!), ("unit", JSON.string(cell.unit)),
            ], indent: 4)
        }
        let width = threeColumnLabels.count
        let threeColumns = zip(ReportFormat.tableThreeColumnPaths, threeColumnLabels).map { path, label in
            JSON.object([("key", JSON.string(path.leaf.key)), ("label", JSON.string(label))], indent: 4)
        }
        let threeRows = ReportFormat.tableThreeRowPaths.enumerated().map { r, path in
            JSON.object([
                ("key", JSON.string(path.key)), ("label", JSON.string(threeRowLabels[r])),
                ("values", JSON.array((0..<width).map { _ in next.next()! }, inline: true)),
            ], indent: 4)
        }
        let fourGroups = ReportFormat.tableFourGroups.map { group in
            JSON.object([
                ("key", JSON.string(group.leaf.key)), ("label", JSON.string(group.nodes.map(\.label).joined(separator: "/"))),
                ("values", JSON.array(ReportFormat.tableFourOutcomes.map { _ in next.next()! }, inline: true)),
            ], indent: 4)
        }
        precondition(next.next() == nil, "report.json: values left over")
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
        return JSON.object(meta + [("tables", tables)]) + "\n"
    }

    /// Reports handled per piece of a site-wide file: memory holds one piece, not the file.
    static let piece = 512

    /// `data/<year>/reports.json`: one entry per report of `year`, with its key figures and links
    /// to its files.
    static func reportsJSON(_ index: SiteIndex, year: Int) -> SiteWideFile {
        let slot = "\u{FFFF}"
        let doc = JSON.object([
            ("site", JSON.string(index.site.title)),
            ("year", String(year)),
            ("format", JSON.string("国办公开办函〔2021〕30号")),
            ("fields", JSON.object([
                ("received", JSON.string("表三「一、本年新收政府信息公开申请数量」总计")),
                ("granted", JSON.string("表三「（一）予以公开」与「（二）部分公开」总计之和")),
                ("not_granted", JSON.string("表三「（七）总计」减去予以公开和部分公开")),
                ("reviews", JSON.string("表四「行政复议」总计")),
                ("lawsuits", JSON.string("表四「行政诉讼」总计（未经复议直接起诉与复议后起诉之和）")),
            ], indent: 1)),
            ("reports", index.byYear[year, default: []].isEmpty ? "[]" : JSON.array([slot], indent: 1)),
        ]) + "\n"
        let around = doc.split(separator: Character(slot), omittingEmptySubsequences: false).map(String.init)
        return SiteWideFile(
            head: around[0], separator: ",\n    ", tail: around.count > 1 ? around[1] : "",
            key: { report in
                // Besides the report's summary, its agency's kind (without a list, from its newest
                // report). Whether it was late follows from these two (its date, its year, and
                // whether the kind is 本级政府), so it needs no part of its own.
                var key = report.dataHash
                key.combine(index.agency(report.slug)?.kind ?? "其他")
                return key
            },
            fragment: { Array(reportEntry($0, index: index).utf8) })
    }

    /// Written in pieces of `piece` reports.
    static func reportsJSON(_ index: SiteIndex, year: Int, piece: Int = piece, write: (UnsafeRawBufferPointer) -> Void) {
        _ = reportsJSON(index, year: year).write(index.byYear[year, default: []], piece: piece, write: write)
    }

    static func reportEntry(_ report: ReportSummary, index: SiteIndex) -> String {
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

    /// `data/<year>/applications.csv`: table 三 of every report of a year, one row per report and row of the table.
    static func allApplicationsCSV() -> SiteWideFile {
        SiteWideFile(
            head: applicationsHeader(lead: ["年度", "发布机关", "目录名", "发布日期"]), separator: "", tail: "",
            key: \.dataHash,
            fragment: { report in
                let lead = Array(([String(report.year), csvField(report.agency), report.slug, report.published].joined(separator: ",") + ",").utf8)
                var out: [UInt8] = []
                appendApplicationRows(report.figures, lead: lead, to: &out)
                return out
            })
    }

    /// Written in pieces of `piece` reports.
    static func allApplicationsCSV(_ index: SiteIndex, year: Int, piece: Int = piece, write: (UnsafeRawBufferPointer) -> Void) {
        _ = allApplicationsCSV().write(index.byYear[year, default: []], piece: piece, write: write)
    }

    /// The year's two files with what each holds, for the data index and the download links.
    static func yearFiles(_ year: Int) -> [(path: String, label: String, format: String)] {
        [
            (SitePaths.reportsJSON(year: year), "\(year)年度全部报告的目录及主要数字", "JSON"),
            (SitePaths.applicationsCSV(year: year), "\(year)年度全部报告的表三（收到和处理政府信息公开申请情况），每份报告每行一条", "CSV"),
        ]
    }

    /// `data/index.json`: every year with its number of reports and its files (path from the
    /// site's root, format, size in bytes, and the address with base_url).
    static func dataIndex(_ index: SiteIndex, sizes: [String: Int]) -> Data {
        let years = index.years.map { year in
            let files = yearFiles(year).map { file in
                var pairs = [("path", JSON.string(file.path)), ("format", JSON.string(file.format)),
                             ("bytes", String(sizes[file.path] ?? 0)), ("description", JSON.string(file.label))]
                if let base = index.site.base { pairs.append(("url", JSON.string(base + file.path))) }
                return JSON.object(pairs, indent: 4)
            }
            return JSON.object([
                ("year", String(year)), ("reports", String(index.byYear[year, default: []].count)),
                ("files", JSON.array(files, indent: 3)),
            ], indent: 2)
        }
        return Data((JSON.object([
            ("site", JSON.string(index.site.title)),
            ("format", JSON.string("国办公开办函〔2021〕30号")),
            ("years", JSON.array(years, indent: 1)),
        ]) + "\n").utf8)
    }

    /// A non-negative count in decimal.
    static func appendDigits(_ value: Int, to out: inout [UInt8]) {
        if value < 10 { out.append(UInt8(48 + value)); return }
        var digits: [UInt8] = []
        var n = value
        while n > 0 { digits.append(UInt8(48 + n % 10)); n /= 10 }
        out += digits.reversed()
    }

    /// `1.2 KB`: a file size for a download link, with one decimal as `%.1f` rounds it (an exact
    /// half to even), in integers: `String(format:)` costs more than the rest of a report's context.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) 字节" }
        let (unit, divisor) = bytes < 1024 * 1024 ? ("KB", 1024) : ("MB", 1024 * 1024)
        var tenths = bytes * 10 / divisor
        let rest = bytes * 10 % divisor
        if rest * 2 > divisor || (rest * 2 == divisor && tenths % 2 == 1) { tenths += 1 }
        return "\(tenths / 10).\(tenths % 10) \(unit)"
    }
}
