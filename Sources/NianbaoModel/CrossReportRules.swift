/// Rules that compare reports with each other and with the calendar (`spec/format.md` §5,
/// "Across years and agencies", and the deadline of 条例 第四十九条).
public enum CrossReportRules {
    /// - Parameter governments: slugs of agencies that are a government itself (本级政府), whose
    ///   report is due by 31 March rather than 31 January.
    public static func check(_ reports: [Report], governments: Set<String>) -> [Diagnostic] {
        // Positions, not copies: a report is a large value, and there may be tens of thousands.
        var position: [String: Int] = [:]
        position.reserveCapacity(reports.count)
        for i in reports.indices { position["\(reports[i].slug)/\(reports[i].year)"] = i }
        var out: [Diagnostic] = []
        for i in reports.indices {
            if let previous = position["\(reports[i].slug)/\(reports[i].year - 1)"] {
                out += carryOver(reports[i], previous: reports[previous])
                out += inForceChain(reports[i], previous: reports[previous])
            }
            out += deadline(reports[i], isGovernment: governments.contains(reports[i].slug))
        }
        return out
    }

    /// `three.carry-over`: this year's 上年结转 equals last year's 结转下年度继续办理, per column.
    static func carryOver(_ report: Report, previous: Report) -> [Diagnostic] {
        guard let now = report.tableThree["carried_over"], let before = previous.tableThree["carried_forward"] else { return [] }
        var out: [Diagnostic] = []
        for column in 0...Rules.threeValues {
            guard let value = Rules.threeValue(now, column), let last = Rules.threeValue(before, column), value != last else {
                continue
            }
            let label = Rules.tableThreeColumnLabel(column)
            let here = column < now.cells.count ? now.cells[column]?.location : nil
            let there = column < before.cells.count ? before.cells[column]?.location : nil
            // Figures kept as published cannot be corrected: the mismatch is reported, not blocking.
            let kept = report.asPublished || previous.asPublished
            out.append(Diagnostic(
                kept ? .warning : .error, rule: "three.carry-over", at: here ?? now.location,
                "表三「二、上年结转政府信息公开申请数量」「\(label)」列为 \(value)，应等于 \(previous.year) 年报告的「四、结转下年度继续办理」（\(last)）"
                    + (kept ? "（as_published：数字按原文照录）" : ""),
                expected: String(last), actual: String(value),
                related: [RelatedLocation(there ?? before.location, "\(previous.year) 年报告的「四、结转下年度继续办理」「\(label)」列为 \(last)")]))
        }
        return out
    }

    /// `two.in-force-chain`: 现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数(N) − 本年废止件数(N).
    static func inForceChain(_ report: Report, previous: Report) -> [Diagnostic] {
        guard let group = ReportFormat.tableTwo.first(where: { $0.columns.count == 3 }) else { return [] }
        var out: [Diagnostic] = []
        for row in group.rows {
            guard let now = report.tableTwo[row.key], let before = previous.tableTwo[row.key],
                let issued = now.count(0), let repealed = now.count(1), let inForce = now.count(2),
                let lastInForce = before.count(2)
            else { continue }
            let expected = lastInForce + issued - repealed
            guard expected != inForce, let cell = now.cells[2] else { continue }
            let message: String =
                "表二「\(row.label)」的「现行有效件数」为 \(inForce)，按 \(previous.year) 年的 \(lastInForce) 件"
                + "加本年制发 \(issued) 件、减本年废止 \(repealed) 件应为 \(expected)"
                + "（文件到期失效、集中清理或机构改革时可能合理，请核实）"
            var related: [RelatedLocation] = []
            if let last = before.cells[2] {
                related.append(RelatedLocation(last.location, "\(previous.year) 年报告的「\(row.label)」现行有效件数为 \(lastInForce)"))
            }
            out.append(.warning(
                "two.in-force-chain", at: cell.location, message,
                expected: String(expected), actual: String(inForce), related: related))
        }
        return out
    }

    /// The last day to publish the report of `year` (条例 第四十九条): 31 January of the next year,
    /// 31 March for a government's own report.
    public static func due(year: Int, isGovernment: Bool) -> LocalDate {
        LocalDate("\(year + 1)-0\(isGovernment ? 3 : 1)-31")!
    }

    /// `deadline.late`: published after 31 January of the next year (a government's own report: 31 March).
    static func deadline(_ report: Report, isGovernment: Bool) -> [Diagnostic] {
        guard let published = report.published else { return [] }
        let due = self.due(year: report.year, isGovernment: isGovernment)
        guard published.value > due else { return [] }
        let whose = isGovernment ? "本级人民政府的年度报告" : "政府部门及其他机关的年度报告"
        return [.warning(
            "deadline.late", at: published.location,
            "发布日期 \(published.value.chinese) 晚于法定期限 \(due.chinese)（条例第四十九条：\(whose)应于 \(due.month) 月 \(due.day) 日前公布）",
            expected: "≤ \(due)", actual: published.value.description)]
    }
}
