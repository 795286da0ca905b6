import NianbaoModel

/// Tables 二, 三 and 四 of one report, from the canonical definition in `ReportFormat`. The
/// markup of each table (spans, `id`s, `headers`) is built once; a report only fills in its
/// figures, printed as written (`0` as `0`); a 总计 that was not written is computed.
public enum ReportTables {
    // MARK: Layouts, built once

    static func tableTwoGrid(_ values: (String, Int) -> String) -> TableGrid {
        var grid = TableGrid(id: "t2", caption: "主动公开政府信息情况", className: "table-two")
        let width = ReportFormat.tableTwoValueColumns
        for group in ReportFormat.tableTwo {
            let groupId = "t2-\(group.key)"
            var heading = GridCell(kind: .header, text: group.heading, id: groupId, scope: "colgroup")
            heading.colspan = width + 1
            heading.classes = ["group"]
            grid.body.append(GridRow(cells: [heading]))

            let contentId = "\(groupId)-content"
            var columnRow = [GridCell(kind: .header, text: ReportFormat.tableTwoContentLabel, id: contentId, scope: "col", headers: [groupId])]
            for column in group.columns {
                var cell = GridCell(kind: .header, text: column.label, id: "\(groupId)-\(column.key)", scope: "col", headers: [groupId])
                cell.colspan = group.columns.count == 1 ? width : 1
                columnRow.append(cell)
            }
            grid.body.append(GridRow(cells: columnRow, classes: ["column-heads"]))

            for row in group.rows {
                let rowId = "t2-\(row.key)"
                var cells = [GridCell(kind: .header, text: row.label, id: rowId, scope: "row", headers: [groupId, contentId])]
                for (index, column) in group.columns.enumerated() {
                    var cell = GridCell(kind: .data, text: values(row.key, index))
                    cell.headers = [groupId, rowId, "\(groupId)-\(column.key)"]
                    cell.colspan = group.columns.count == 1 ? width : 1
                    cell.classes = ["num"]
                    cells.append(cell)
                }
                grid.body.append(GridRow(cells: cells))
            }
        }
        return grid
    }

    static func tableThreeGrid(_ values: (HeaderPath) -> [String]) -> TableGrid {
        var grid = TableGrid(id: "t3", caption: "收到和处理政府信息公开申请情况（单位：件）", className: "table-three")
        var corner = GridCell(kind: .header, text: ReportFormat.tableThreeCorner, id: "t3-corner")
        corner.colspan = ReportFormat.tableThreeRows.depth
        corner.classes = ["corner"]
        grid.head = GridLayout.headRows(columns: ReportFormat.tableThreeColumns, prefix: "t3-c", corner: corner)
        grid.body = GridLayout.bodyRows(
            rows: ReportFormat.tableThreeRows, prefix: "t3-r", columns: ReportFormat.tableThreeColumnPaths,
            columnPrefix: "t3-c", values: values)
        return grid
    }

    static func tableFourGrid(_ values: (String) -> [String]) -> TableGrid {
        var grid = TableGrid(id: "t4", caption: "政府信息公开行政复议、行政诉讼情况（单位：件）", className: "table-four")
        grid.head = GridLayout.headRows(columns: ReportFormat.tableFourColumns, prefix: "t4-c", corner: nil)
        var cells: [GridCell] = []
        for group in ReportFormat.tableFourGroups {
            for (outcome, text) in zip(ReportFormat.tableFourOutcomes, values(group.leaf.key)) {
                var cell = GridCell(kind: .data, text: text)
                cell.headers = GridLayout.columnHeaders(HeaderPath(nodes: group.nodes + [outcome]), prefix: "t4-c")
                cell.classes = ["num"] + (outcome.key == "total" ? ["total"] : [])
                cells.append(cell)
            }
        }
        grid.body = [GridRow(cells: cells)]
        return grid
    }

    /// The layouts with their data cells empty: each built once, compiled for the page and the article.
    private static let layoutTwo = tableTwoGrid { _, _ in "" }
    private static let layoutThree = tableThreeGrid { _ in Array(repeating: "", count: ReportFormat.tableThreeColumnPaths.count) }
    private static let layoutFour = tableFourGrid { _ in Array(repeating: "", count: ReportFormat.tableFourOutcomes.count) }

    static let compiledTwo = layoutTwo.compiled
    static let compiledThree = layoutThree.compiled
    static let compiledFour = layoutFour.compiled

    /// The same tables for the article (inline styles, no classes).
    static let articleTwo = layoutTwo.compiled(.article)
    static let articleThree = layoutThree.compiled(.article)
    static let articleFour = layoutFour.compiled(.article)

    // MARK: A report's figures, in data-cell order

    static func tableTwoValues(_ report: Report) -> [String] {
        ReportFormat.tableTwo.flatMap { group in
            group.rows.flatMap { row in
                group.columns.indices.map { report.tableTwo[row.key]?.cells[safe: $0]??.value.text ?? "" }
            }
        }
    }

    static func tableThreeValues(_ report: Report) -> [String] {
        let columns = ReportFormat.tableThreeColumnPaths.count
        return ReportFormat.tableThreeRowPaths.flatMap { path in
            if path.key == ReportFormat.tableThreeTotalRow, report.tableThree[path.key] == nil {
                return TableTexts.resultTotals(report).map { $0.map(String.init) ?? "" }
            }
            return TableTexts.row(report.tableThree[path.key], columns: columns)
        }
    }

    static func tableFourValues(_ report: Report) -> [String] {
        ReportFormat.tableFourGroups.flatMap { TableTexts.row(report.tableFour[$0.leaf.key], columns: ReportFormat.tableFourOutcomes.count) }
    }

    static func contexts(_ body: ReportBody) -> (two: [String: Any], three: [String: Any], four: [String: Any]) {
        (compiledTwo.context(body.two), compiledThree.context(body.three), compiledFour.context(body.four))
    }

    static func articleContexts(_ body: ReportBody) -> (two: [String: Any], three: [String: Any], four: [String: Any]) {
        (articleTwo.context(body.two), articleThree.context(body.three), articleFour.context(body.four))
    }
}
