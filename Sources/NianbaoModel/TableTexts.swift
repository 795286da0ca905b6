/// A report's figures as they are printed, for every output that shows the tables (the site's
/// pages and the Word export): written figures as written, and a 总计 that was not written
/// computed.
public enum TableTexts {
    /// The texts of a row: the written figures, and the 总计 (last column) computed when not written.
    public static func row(_ row: FigureRow?, columns: Int) -> [String] {
        guard let row else { return Array(repeating: "", count: columns) }
        var texts = (0..<columns).map { row.cells[safe: $0]??.value.text ?? "" }
        if row.cells.count == columns - 1 {
            let values = row.cells.compactMap { $0?.value.count }
            if values.count == columns - 1 { texts[columns - 1] = String(values.reduce(0, +)) }
        }
        return texts
    }

    /// Table 三's （七）总计 per column, computed from the 21 outcome rows (nil where a figure is missing).
    public static func resultTotals(_ report: Report) -> [Int?] {
        let columns = ReportFormat.tableThreeColumnPaths.count
        return (0..<columns).map { column in
            var sum = 0
            for path in ReportFormat.tableThreeResultRows {
                guard let n = Int(row(report.tableThree[path.key], columns: columns)[column]) else { return nil }
                sum += n
            }
            return sum
        }
    }
}

extension Array {
    /// The element at `index`, or nil past the end.
    public subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
