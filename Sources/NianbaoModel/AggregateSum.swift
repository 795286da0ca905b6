/// The figures of tables 二, 三 and 四 summed, cell by cell, over the reports of the bodies a
/// government's report covers (`covers:` in agencies.yaml). A cell sums the bodies that have a
/// value there; counts as integers, amounts (万元) exactly as decimals.
public struct AggregateSum: Sendable {
    /// One cell: where it is, its official labels, the sum and who contributed what.
    public struct Cell: Sendable {
        /// `二`, `三` or `四`.
        public let table: String
        public let rowKey: String
        public let column: Int
        /// `表三「一、本年新收政府信息公开申请数量」「自然人」`.
        public let label: String
        public let sum: Figure?
        /// (agency name, its figure as written).
        public let parts: [(agency: String, value: String)]
    }

    public let cells: [Cell]

    public init(bodies: [Report]) {
        var cells: [Cell] = []
        for group in ReportFormat.tableTwo {
            for row in group.rows {
                for (c, column) in group.columns.enumerated() {
                    let parts = bodies.compactMap { body in (body.tableTwo[row.key]?.cells[safe: c] ?? nil).map { (Self.name(body), $0.value.text) } }
                    let sum: Figure? = parts.isEmpty ? nil
                        : group.isAmount ? .amount(parts.dropFirst().reduce(into: DecimalText.Sum(parts[0].1)) { $0.add($1.1) }.text) : .count(parts.reduce(0) { $0 + (Int($1.1) ?? 0) })
                    cells.append(Cell(table: "二", rowKey: row.key, column: c,
                                      label: "表二「\(group.heading) \(row.label)」「\(column.label)」", sum: sum, parts: parts))
                }
            }
        }
        for path in ReportFormat.tableThreeRowPaths {
            for c in 0...Rules.threeValues {
                let parts = bodies.compactMap { body in Rules.threeValue(body.tableThree[path.key], c).map { (Self.name(body), String($0)) } }
                cells.append(Cell(table: "三", rowKey: path.key, column: c,
                                  label: "表三「\(path.leaf.label)」「\(Rules.tableThreeColumnLabel(c))」",
                                  sum: parts.isEmpty ? nil : .count(parts.reduce(0) { $0 + Int($1.1)! }), parts: parts))
            }
        }
        for group in ReportFormat.tableFourGroups {
            for (c, outcome) in ReportFormat.tableFourOutcomes.enumerated() {
                let parts = bodies.compactMap { body in Self.fourValue(body.tableFour[group.leaf.key], c).map { (Self.name(body), String($0)) } }
                cells.append(Cell(table: "四", rowKey: group.leaf.key, column: c,
                                  label: "表四「\(group.nodes.map(\.label).joined(separator: " / "))」「\(outcome.label)」",
                                  sum: parts.isEmpty ? nil : .count(parts.reduce(0) { $0 + Int($1.1)! }), parts: parts))
            }
        }
        self.cells = cells
    }

    /// A cell's value in `report` (a 总计 not written is the sum of its row), and where it is written.
    public static func value(of cell: Cell, in report: Report) -> (Figure, SourceLocation?)? {
        switch cell.table {
        case "二":
            guard let row = report.tableTwo[cell.rowKey], let located = row.cells[safe: cell.column] ?? nil else { return nil }
            return (located.value, located.location)
        case "三":
            guard let row = report.tableThree[cell.rowKey], let n = Rules.threeValue(row, cell.column) else { return nil }
            return (.count(n), row.cells[safe: cell.column]??.location ?? row.location)
        default:
            guard let row = report.tableFour[cell.rowKey], let n = fourValue(row, cell.column) else { return nil }
            return (.count(n), row.cells[safe: cell.column]??.location ?? row.location)
        }
    }

    static func fourValue(_ row: FigureRow?, _ column: Int) -> Int? {
        guard let row else { return nil }
        if column < Rules.fourValues || row.cells.count > Rules.fourValues { return row.count(column) }
        return Rules.rowSum(row, count: Rules.fourValues)
    }

    static func name(_ report: Report) -> String { report.agency?.value ?? report.slug }
}
