import NianbaoContent
import NianbaoModel

/// Writes a report's figures as report.yaml in the layout of the example
/// (`Content/reports/2024/shilong-gov-office/report.yaml`): the same keys in the same order, the
/// official label as a comment after each row, aligned. Rows that are missing are written
/// commented out (so `check` reports them); notes go above the place they concern.
public struct ReportYAMLWriter {
    public var agency: String
    public var year: Int
    public var published: LocalDate?
    public var asPublished = false
    public var report: Report
    /// Comment lines (without `# `) by place: `published`, `active_disclosure`, `applications.results.granted`…
    public var notes: [String: [String]] = [:]
    /// Tables with no text in the source: written as a commented-out form to fill in.
    public var missingTables: Set<String> = []
    /// The imported file's name, for the line that says where the figures came from.
    public var source: String?

    public init(agency: String, year: Int, published: LocalDate?, report: Report) {
        self.agency = agency
        self.year = year
        self.published = published
        self.report = report
    }

    public var text: String {
        var o: [String] = []
        o.append("# \(Self.oneLine(ReportFormat.title(agency: agency, year: year))) · 数据")
        let files = ReportFormat.narrativeFiles.filter { report.narrative[$0] != nil }.map { name in
            let section = ReportFormat.sections.first { $0.file == name }
            return name + "（" + (section.map { String($0.heading.prefix(1)) } ?? "前言") + "）"
        }
        if !files.isEmpty { o.append("# 叙述部分见同目录 \(files.joined(separator: "、"))") }
        if let source {
            o.append("# 由 nianbao import 从「\(Self.oneLine(source))」导入，数字按原文照录；「导入注意」标出需要核对之处。")
        }
        o += comments("report", indent: 0)

        var meta: [(String, String)] = [
            ("agency: \(Self.scalar(agency))", "机关全称"),
            ("year: \(year)", "报告年度，须与目录名一致"),
        ]
        o += comments("published", indent: 0)
        meta.append((published.map { "published: \($0)" } ?? "# published: YYYY-MM-DD", "发布日期"))
        if asPublished { meta.append(("as_published: true", "按原文照录：数字不符合勾稽关系之处，检查时只作警告")) }
        let metaColumn = max(31, meta.map { Self.width($0.0) }.max()! + 3)
        for (content, label) in meta { o.append(Self.pad(content, metaColumn) + "# " + label) }

        o += tableBlock(YAMLPlace.tableTwo, heading: ReportFormat.sections[1].heading, header: [], lines: tableTwoLines)
        let three = ReportFormat.tableThreeColumnPaths.map(\.leaf.label)
        let declaresTotal = report.tableThree.values.contains { $0.cells.count == three.count } || report.tableThree.isEmpty
        let threeColumns = declaresTotal ? three : Array(three.dropLast())
        o += tableBlock(YAMLPlace.tableThree, heading: ReportFormat.sections[2].heading,
                        header: ["每行 \(threeColumns.count) 个数：[\(threeColumns.joined(separator: ", "))]"], lines: tableThreeLines)
        let four = ReportFormat.tableFourOutcomes.map(\.label)
        let fourDeclares = report.tableFour.values.contains { $0.cells.count == four.count } || report.tableFour.isEmpty
        let fourColumns = fourDeclares ? four : Array(four.dropLast())
        o += tableBlock(YAMLPlace.tableFour, heading: ReportFormat.sections[3].heading,
                        header: ["每行 \(fourColumns.count) 个数：[\(fourColumns.joined(separator: ", "))]"], lines: tableFourLines)
        return o.joined(separator: "\n") + "\n"
    }

    // MARK: Blocks

    /// A table: its heading comment, notes, the key and its rows; commented out as a form to fill
    /// in when the table is missing.
    func tableBlock(_ key: String, heading: String, header: [String], lines: (_ template: Bool) -> [String]) -> [String] {
        var o = ["", "# \(heading)"] + header.map { "# " + $0 }
        o += comments(key, indent: 0)
        // A table with no row read is a form to fill in, like a missing one (an empty mapping
        // would read as a wrong value, not as missing rows).
        let empty = switch key {
        case YAMLPlace.tableTwo: report.tableTwo.isEmpty
        case YAMLPlace.tableThree: report.tableThree.isEmpty
        default: report.tableFour.isEmpty
        }
        if missingTables.contains(key) || empty {
            o += ([key + ":"] + lines(true)).map { "# " + $0 }
        } else {
            o.append(key + ":")
            o += lines(false)
        }
        return o
    }

    func tableTwoLines(template: Bool) -> [String] {
        var o: [String] = []
        // Rows with one value (许可, 处罚, 强制, 收费) share one comment column.
        let singles = ReportFormat.tableTwo.filter { $0.columns.count == 1 }.flatMap(\.rows)
        let singleColumn = singles.map { Self.width(tableTwoRow($0, columns: 1, width: 0, template: template)) }.max()! + 3
        for group in ReportFormat.tableTwo {
            o.append("  # \(group.heading)：\(group.columns.map(\.label).joined(separator: "、"))")
            if group.columns.count == 1 {
                for row in group.rows {
                    o += comments(YAMLPlace.two(row.key), indent: 2)
                    o.append(Self.pad(tableTwoRow(row, columns: 1, width: 0, template: template), singleColumn) + "# " + row.label)
                }
            } else {
                let width = group.rows.map(\.key.count).max()! + 1
                let contents = group.rows.map { tableTwoRow($0, columns: group.columns, width: width, template: template) }
                let column = contents.map(Self.width).max()! + 2
                for (row, content) in zip(group.rows, contents) {
                    o += comments(YAMLPlace.two(row.key), indent: 2)
                    o.append(Self.pad(content, column) + "# " + row.label)
                }
            }
        }
        return o
    }

    func tableTwoRow(_ row: HeaderNode, columns: Int, width: Int, template: Bool) -> String {
        let group = ReportFormat.tableTwo.first { $0.rows.contains(row) }!
        return tableTwoRow(row, columns: group.columns, width: width, template: template)
    }

    /// `  regulations:         {issued: 0, repealed: 0, in_force: 0}` or `  licensing: 0`.
    func tableTwoRow(_ row: HeaderNode, columns: [HeaderNode], width: Int, template: Bool) -> String {
        let figures = template ? nil : report.tableTwo[row.key]
        let key = Self.padKey(row.key + ":", width)
        let missing = !template && figures == nil
        let value: String
        if columns.count == 1 {
            value = figures?.cells.first??.value.text ?? ""
        } else {
            value = "{" + columns.enumerated().map { i, column in
                "\(column.key): \(figures?.cells[safe: i]??.value.text ?? "")"
            }.joined(separator: ", ") + "}"
        }
        let line = value.isEmpty ? key : key + " " + value
        return "  " + (missing ? "# " : "") + line
    }

    func tableThreeLines(template: Bool) -> [String] {
        var o: [String] = []
        func level(_ nodes: [HeaderNode], prefix: [HeaderNode], indent: Int) {
            let leaves = nodes.filter(\.isLeaf)
            let width = leaves.map(\.key.count).max().map { $0 + 1 } ?? 0
            let spaces = String(repeating: " ", count: indent)
            func content(_ node: HeaderNode) -> String {
                let key = HeaderPath(nodes: prefix + [node]).key
                let row = template ? nil : report.tableThree[key]
                let commented = !template && row == nil
                return spaces + (commented ? "# " : "") + Self.padKey(node.key + ":", width) + " " + Self.list(row)
            }
            let present = leaves.filter { template || $0.key != "total" || report.tableThree[HeaderPath(nodes: prefix + [$0]).key] != nil }
            let column = (present.map { Self.width(content($0)) }.max() ?? 0) + 2
            for node in nodes {
                let path = prefix + [node]
                let place = YAMLPlace.three(HeaderPath(nodes: path).key)
                if node.isLeaf {
                    // （七）总计 is optional: left out when the source has none.
                    guard present.contains(node) else { continue }
                    o += comments(place, indent: indent)
                    o.append(Self.pad(content(node), column) + "# " + node.label)
                } else {
                    // A group with no row read is left out whole, so `check` names it as missing.
                    let read = template || [node].leafPaths.contains { report.tableThree[HeaderPath(nodes: prefix + $0.nodes).key] != nil }
                    o += comments(place, indent: indent)
                    o.append(Self.pad(spaces + (read ? "" : "# ") + node.key + ":", column) + "# " + node.label)
                    level(node.children, prefix: path, indent: indent + 2)
                }
            }
        }
        level(ReportFormat.tableThreeRows, prefix: [], indent: 2)
        return o
    }

    func tableFourLines(template: Bool) -> [String] {
        let groups = ReportFormat.tableFourGroups
        let width = groups.map(\.leaf.key.count).max()! + 1
        let contents = groups.map { group -> String in
            let row = template ? nil : report.tableFour[group.leaf.key]
            return "  " + (!template && row == nil ? "# " : "") + Self.padKey(group.leaf.key + ":", width) + " " + Self.list(row)
        }
        let column = contents.map(Self.width).max()! + 2
        var o: [String] = []
        for (group, content) in zip(groups, contents) {
            o += comments(YAMLPlace.four(group.leaf.key), indent: 2)
            o.append(Self.pad(content, column) + "# " + group.nodes.map(\.label).joined(separator: "："))
        }
        return o
    }

    // MARK: Formatting

    func comments(_ place: String, indent: Int) -> [String] {
        (notes[place] ?? []).map { String(repeating: " ", count: indent) + "# " + Self.oneLine($0) }
    }

    /// Text for a comment: line breaks would end it, and YAML allows no control characters.
    static func oneLine(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if c == "\n" || c == "\r" || c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}" {
                out.append(" ")
            } else {
                out.append(isPrintable(c) ? c : "\u{FFFD}")
            }
        }
        return String(out)
    }

    static func isPrintable(_ c: Unicode.Scalar) -> Bool { YAMLText.isPrintable(c) }

    /// `[9, 0, 0, 0, 0, 0, 9]`, or `[]` for a row to fill in.
    static func list(_ row: FigureRow?) -> String {
        guard let row else { return "[]" }
        return "[" + row.cells.map { $0?.value.text ?? "" }.joined(separator: ", ") + "]"
    }

    static func padKey(_ key: String, _ width: Int) -> String {
        key + String(repeating: " ", count: max(0, width - key.count))
    }

    /// `content` followed by spaces up to display column `column` (CJK characters count two).
    static func pad(_ content: String, _ column: Int) -> String {
        content + String(repeating: " ", count: max(1, column - width(content)))
    }

    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (LineBuilder.isWide($1) ? 2 : 1) }
    }

    /// A plain scalar when YAML reads it back as the same text, else double-quoted.
    static func scalar(_ s: String) -> String {
        YAMLText.scalar(s)
    }
}

