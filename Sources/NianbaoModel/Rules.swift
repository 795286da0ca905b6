/// The consistency rules (勾稽关系) of `spec/format.md` §5 that need one report.
///
/// Rules look only at cells the loader could read; a cell it could not read has already been
/// reported and is skipped here, so an unreadable value never adds sum errors. A readable but
/// wrong figure is reported by every rule it breaks (a wrong 总计 of a row, say, by
/// `three.row-total` and by `three.balance` on the 总计 column): each names its own place.
public enum Rules {
    public static func check(_ report: Report) -> [Diagnostic] {
        threeRowTotal(report) + threeResultsTotal(report) + threeBalance(report) + fourGroupTotal(report)
    }

    /// Number of value columns of table 三 before 总计.
    static let threeValues = ReportFormat.tableThreeColumnPaths.count - 1
    /// Number of outcome columns of table 四 before 总计.
    static let fourValues = ReportFormat.tableFourOutcomes.count - 1

    /// Column label without the top heading 申请人情况: `自然人`, `法人或其他组织 / 商业企业`, `总计`.
    public static func tableThreeColumnLabel(_ index: Int) -> String {
        ReportFormat.tableThreeColumnPaths[index].nodes.dropFirst().map(\.label).joined(separator: " / ")
    }

    /// The value of a table 三 cell: written, or for 总计 the written total or else the row sum.
    static func threeValue(_ row: FigureRow?, _ column: Int) -> Int? {
        guard let row else { return nil }
        if column < threeValues || row.cells.count > threeValues { return row.count(column) }
        return rowSum(row, count: threeValues)
    }

    static func rowSum(_ row: FigureRow, count: Int) -> Int? {
        var sum = 0
        for i in 0..<count {
            guard let n = row.count(i) else { return nil }
            sum += n
        }
        return sum
    }

    /// `three.row-total`: in every body row, 总计 = the sum of the six applicant columns.
    static func threeRowTotal(_ report: Report) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for path in ReportFormat.tableThreeRowPaths {
            guard let row = report.tableThree[path.key], row.cells.count > threeValues,
                let declared = row.cells[threeValues], let total = declared.value.count,
                let sum = rowSum(row, count: threeValues), sum != total
            else { continue }
            out.append(.error(
                "three.row-total", at: declared.location,
                "表三「\(path.leaf.label)」行的「总计」应为 \(sum)（自然人与法人或其他组织各列之和），实际为 \(total)",
                expected: String(sum), actual: String(total)))
        }
        return out
    }

    /// The computed （七）总计 of a column: the sum of the 21 outcome rows.
    static func resultsSum(_ report: Report, column: Int) -> Int? {
        var sum = 0
        for path in ReportFormat.tableThreeResultRows {
            guard let n = threeValue(report.tableThree[path.key], column) else { return nil }
            sum += n
        }
        return sum
    }

    /// `three.results-total`: a declared （七）总计 equals the sum of （一）…（六）.
    static func threeResultsTotal(_ report: Report) -> [Diagnostic] {
        guard let totalRow = report.tableThree[ReportFormat.tableThreeTotalRow] else { return [] }
        var out: [Diagnostic] = []
        for column in 0..<totalRow.cells.count where column <= threeValues {
            guard let declared = totalRow.cells[column], let total = declared.value.count,
                let sum = resultsSum(report, column: column), sum != total
            else { continue }
            out.append(.error(
                "three.results-total", at: declared.location,
                "表三「（七）总计」行「\(tableThreeColumnLabel(column))」列应为 \(sum)（（一）至（六）各项之和），实际为 \(total)",
                expected: String(sum), actual: String(total)))
        }
        return out
    }

    /// `three.balance`: per column, 一 + 二 = 三（七）总计 + 四.
    static func threeBalance(_ report: Report) -> [Diagnostic] {
        let rows = report.tableThree
        var out: [Diagnostic] = []
        for column in 0...threeValues {
            let totalRow = rows[ReportFormat.tableThreeTotalRow]
            let concluded = totalRow.map { threeValue($0, column) } ?? resultsSum(report, column: column)
            guard let received = threeValue(rows["received"], column),
                let carriedOver = threeValue(rows["carried_over"], column),
                let concluded,
                let carriedForward = threeValue(rows["carried_forward"], column),
                received + carriedOver != concluded + carriedForward
            else { continue }
            let forwardRow = rows["carried_forward"]!
            let location = column < forwardRow.cells.count ? forwardRow.cells[column]?.location : nil
            let left = received + carriedOver
            let right = concluded + carriedForward
            out.append(.error(
                "three.balance", at: location ?? forwardRow.location,
                "表三「\(tableThreeColumnLabel(column))」列不平衡：第一项加第二项之和（\(received) + \(carriedOver) = \(left)）"
                    + "应等于第三项加第四项之和（\(concluded) + \(carriedForward) = \(right)）",
                expected: String(left), actual: String(right)))
        }
        return out
    }

    /// `four.group-total`: in each group of table 四, 总计 = the sum of the four outcomes.
    static func fourGroupTotal(_ report: Report) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for group in ReportFormat.tableFourGroups {
            guard let row = report.tableFour[group.leaf.key], row.cells.count > fourValues,
                let declared = row.cells[fourValues], let total = declared.value.count,
                let sum = rowSum(row, count: fourValues), sum != total
            else { continue }
            out.append(.error(
                "four.group-total", at: declared.location,
                "表四「\(group.label)」的「总计」应为 \(sum)（结果维持、结果纠正、其他结果、尚未审结之和），实际为 \(total)",
                expected: String(sum), actual: String(total)))
        }
        return out
    }
}
