import NianbaoModel

/// Tables 二, 三 and 四 as Word tables, laid out as the official format (and the site) lays
/// them out: every label and span from the `HeaderNode` trees of `ReportFormat`, figures as
/// written, a 总计 that was not written computed (as the report page shows it).
enum ReportWordTables {
    /// Table 二: per group a heading row across the table, a row of column headings, its rows;
    /// a group with one value column spans it over the three.
    static func two(_ report: Report, width: Int) -> WordTable {
        let values = ReportFormat.tableTwoValueColumns
        let valueWidth = width * 22 / 100
        var table = WordTable(columnWidths: [width - values * valueWidth] + Array(repeating: valueWidth, count: values), rowCount: 0)
        table.keepTogether = true
        var row = 0
        for group in ReportFormat.tableTwo {
            table.place(group.heading, row: row, column: 0, columnSpan: values + 1)
            table.place(ReportFormat.tableTwoContentLabel, row: row + 1, column: 0)
            let span = group.columns.count == 1 ? values : 1
            for (i, column) in group.columns.enumerated() {
                table.place(column.label, row: row + 1, column: 1 + i * span, columnSpan: span)
            }
            row += 2
            for node in group.rows {
                table.place(node.label, row: row, column: 0)
                for i in group.columns.indices {
                    let text = report.tableTwo[node.key]?.cells[safe: i]??.value.text ?? ""
                    table.place(text, row: row, column: 1 + i * span, columnSpan: span)
                }
                row += 1
            }
        }
        table.rowCount = row
        return table
    }

    /// Table 三: the corner and the three header rows of 申请人情况, then the 25 rows with their
    /// group labels merged down.
    static func three(_ report: Report, width: Int) -> WordTable {
        let columns = ReportFormat.tableThreeColumnPaths.count
        let depth = ReportFormat.tableThreeRows.depth
        let head = ReportFormat.tableThreeColumns.depth
        let dataWidth = width * 7 / 100
        let labels = width - columns * dataWidth
        let labelWidths = [labels * 22 / 100, labels * 24 / 100, labels - labels * 22 / 100 - labels * 24 / 100]
        var table = WordTable(columnWidths: labelWidths + Array(repeating: dataWidth, count: columns),
                              rowCount: head + ReportFormat.tableThreeRowPaths.count)
        table.headerRows = head
        table.place(ReportFormat.tableThreeCorner, row: 0, column: 0, rowSpan: head, columnSpan: depth)
        placeHead(ReportFormat.tableThreeColumns, in: &table, column: depth)
        let totals = TableTexts.resultTotals(report)
        for (index, path) in ReportFormat.tableThreeRowPaths.enumerated() {
            let row = head + index
            for (level, node) in path.nodes.enumerated() {
                // A group label is written once, on the first row it covers.
                let parents = Array(path.nodes[..<level])
                guard node.isLeaf || [node].leafPaths.first.map({ HeaderPath(nodes: parents + $0.nodes) }) == path else { continue }
                table.place(node.label, row: row, column: level, rowSpan: node.leafCount,
                            columnSpan: node.isLeaf ? depth - level : 1, leftAligned: node.isLeaf)
            }
            var texts = TableTexts.row(report.tableThree[path.key], columns: columns)
            if path.key == ReportFormat.tableThreeTotalRow, report.tableThree[path.key] == nil {
                texts = totals.map { $0.map(String.init) ?? "" }
            }
            for (i, text) in texts.enumerated() { table.place(text, row: row, column: depth + i) }
        }
        return table
    }

    /// Table 四: 行政复议 and 行政诉讼 over their outcome columns, then one row of 15 figures.
    static func four(_ report: Report, width: Int) -> WordTable {
        let outcomes = ReportFormat.tableFourOutcomes.count
        let count = ReportFormat.tableFourGroups.count * outcomes
        let head = ReportFormat.tableFourColumns.depth
        var widths = Array(repeating: width / count, count: count)
        widths[count - 1] += width - widths.reduce(0, +)
        var table = WordTable(columnWidths: widths, rowCount: head + 1)
        table.headerRows = head
        table.keepTogether = true
        placeHead(ReportFormat.tableFourColumns, in: &table, column: 0)
        var column = 0
        for group in ReportFormat.tableFourGroups {
            for text in TableTexts.row(report.tableFour[group.leaf.key], columns: outcomes) {
                table.place(text, row: head, column: column)
                column += 1
            }
        }
        return table
    }

    /// Header rows from a column tree: a node spans its leaves; a leaf reaches down to the last
    /// header row.
    static func placeHead(_ nodes: [HeaderNode], in table: inout WordTable, column start: Int) {
        let depth = nodes.depth
        var column = start
        func walk(_ nodes: [HeaderNode], level: Int) {
            for node in nodes {
                table.place(node.label, row: level, column: column, rowSpan: node.isLeaf ? depth - level : 1, columnSpan: node.leafCount)
                if node.isLeaf { column += 1 } else { walk(node.children, level: level + 1) }
            }
        }
        walk(nodes, level: 0)
    }
}
