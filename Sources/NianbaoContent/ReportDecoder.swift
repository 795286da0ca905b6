import NianbaoModel

/// Decodes a `report.yaml` into the tables of a `Report`, by row key, against `ReportFormat`.
struct ReportDecoder {
    var reader: YAMLReader
    var report: Report

    static let topKeys = ["agency", "year", "published", "as_published", "active_disclosure", "applications", "review_and_litigation"]
    static let requiredTopKeys = topKeys.filter { $0 != "as_published" }

    static let tableThreeColumnLabels = ReportFormat.tableThreeColumnPaths.map(\.leaf.label)

    /// The text of a report.yaml read into `report`, with every problem found. `parse` reads the
    /// text into nodes: `YAMLReader.parse` (libyaml's events), or a reference in the tests.
    static func decode(
        _ text: String, file: String, into report: Report,
        parse: (inout YAMLReader, String) -> YAMLNode? = { reader, text in reader.parse(text) }
    ) -> (report: Report, diagnostics: [Diagnostic]) {
        var reader = YAMLReader(file: file)
        guard let root = parse(&reader, text) else { return (report, reader.diagnostics) }
        var decoder = ReportDecoder(reader: reader, report: report)
        decoder.decode(root)
        return (decoder.report, decoder.reader.diagnostics)
    }

    mutating func decode(_ root: YAMLNode) {
        guard let top = reader.mapping(root, what: "report.yaml", keys: Self.topKeys, required: Self.requiredTopKeys) else { return }
        if let node = top["agency"] { report.agency = reader.string(node, what: "「agency」（机关全称）") }
        if let node = top["year"], let year = reader.count(node, what: "「year」（报告年度）") {
            if year.value.count != report.year {
                reader.report(.error(
                    "report.year", at: year.location,
                    "报告年度 \(year.value.text) 与所在目录的年份 \(report.year) 不一致",
                    expected: String(report.year), actual: year.value.text))
            }
        }
        if let node = top["published"] { report.published = reader.date(node, what: "「published」（发布日期）") }
        if let node = top["as_published"] { report.asPublished = decodeAsPublished(node) }
        if let node = top["active_disclosure"] { decodeTableTwo(node) }
        if let node = top["applications"] { decodeTableThree(node) }
        if let node = top["review_and_litigation"] { decodeTableFour(node) }
    }

    // MARK: Table 二

    mutating func decodeTableTwo(_ node: YAMLNode) {
        let groups = ReportFormat.tableTwo
        let keys = groups.flatMap { $0.rows.map(\.key) }
        guard let rows = reader.mapping(node, what: "表二「二、主动公开政府信息情况」（active_disclosure）", keys: keys) else {
            return
        }
        for group in groups {
            for row in group.rows {
                guard let value = rows[row.key] else { continue }
                let what = "表二「\(row.label)」（\(row.key)）"
                if group.columns.count == 1 {
                    let label = "\(what)的「\(group.columns[0].label)」"
                    let cell = group.isAmount ? reader.amount(value, what: label) : reader.count(value, what: label)
                    report.tableTwo[row.key] = FigureRow(cells: [cell], at: reader.location(value))
                } else {
                    let columnKeys = group.columns.map(\.key)
                    guard let cells = reader.mapping(value, what: what, keys: columnKeys) else { continue }
                    let figures = group.columns.map { column in
                        cells[column.key].flatMap { reader.count($0, what: "\(what)的「\(column.label)」") }
                    }
                    report.tableTwo[row.key] = FigureRow(cells: figures, at: reader.location(value))
                }
            }
        }
    }

    // MARK: Table 三

    mutating func decodeTableThree(_ node: YAMLNode) {
        decodeRows(node, nodes: ReportFormat.tableThreeRows, prefix: [], what: "表三「三、收到和处理政府信息公开申请情况」（applications）")
    }

    private mutating func decodeRows(
        _ node: YAMLNode, nodes: [HeaderNode], prefix: [HeaderNode], prefixKey: String = "", what: @autoclosure () -> String
    ) {
        let keys = nodes.map(\.key)
        func pathKey(_ key: String) -> String { prefixKey.isEmpty ? key : prefixKey + "." + key }
        // Every row is required except the declared （七）总计.
        let required = keys.filter { pathKey($0) != ReportFormat.tableThreeTotalRow }
        guard let mapping = reader.mapping(node, what: what(), keys: keys, required: required) else { return }
        for child in nodes {
            guard let value = mapping[child.key] else { continue }
            let path = prefix + [child]
            let key = pathKey(child.key)
            let label = { "表三「\(path.map(\.label).joined(separator: " / "))」（\(key)）" }
            if child.isLeaf {
                if let row = decodeFigures(value, what: label(), columns: Self.tableThreeColumnLabels) {
                    report.tableThree[key] = row
                }
            } else {
                decodeRows(value, nodes: child.children, prefix: path, prefixKey: key, what: label())
            }
        }
    }

    // MARK: Table 四

    mutating func decodeTableFour(_ node: YAMLNode) {
        let groups = ReportFormat.tableFourGroups
        guard let mapping = reader.mapping(
            node, what: "表四「四、政府信息公开行政复议、行政诉讼情况」（review_and_litigation）", keys: groups.map(\.leaf.key))
        else { return }
        for group in groups {
            guard let value = mapping[group.leaf.key] else { continue }
            let what = "表四「\(group.label)」（\(group.leaf.key)）"
            if let row = decodeFigures(value, what: what, columns: ReportFormat.tableFourOutcomes.map(\.label)) {
                report.tableFour[group.leaf.key] = row
            }
        }
    }

    // MARK: Rows of counts

    /// A row of counts: one per column, the last (总计) optional.
    private mutating func decodeFigures(_ node: YAMLNode, what: @autoclosure () -> String, columns: [String]) -> FigureRow? {
        guard let items = reader.sequence(node, what: what()) else { return nil }
        let withoutTotal = columns.count - 1
        guard items.count == withoutTotal || items.count == columns.count else {
            reader.report(.error(
                "row.length", at: reader.location(node),
                "\(what())应有 \(withoutTotal) 个数（\(columns.dropLast().joined(separator: "、"))），"
                    + "或 \(columns.count) 个数（再加\(columns.last!)），实际为 \(items.count) 个",
                expected: "\(withoutTotal) 或 \(columns.count)", actual: String(items.count)))
            return nil
        }
        let cells = items.enumerated().map { index, item in
            reader.count(item, what: "\(what())的「\(columns[index])」")
        }
        return FigureRow(cells: cells, at: reader.location(node))
    }
}
