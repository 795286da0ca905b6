/// `aggregate.sum`: a government's report (one whose agency lists `covers:` in agencies.yaml)
/// compared, cell by cell, with the sum of the reports of the bodies it covers, same year.
public enum AggregateRules {
    /// - Parameters:
    ///   - covers: government slug → the slugs of the bodies its report covers.
    ///   - names: agency names by slug, for naming a covered body that has no report.
    public static func check(_ reports: [Report], covers: [String: [String]], names: [String: String] = [:]) -> [Diagnostic] {
        guard !covers.isEmpty else { return [] }
        var byKey: [String: Report] = [:]
        for report in reports { byKey["\(report.year)/\(report.slug)"] = report }
        var out: [Diagnostic] = []
        for report in reports {
            guard let bodies = covers[report.slug] else { continue }
            let present = bodies.compactMap { byKey["\(report.year)/\($0)"] }
            let missing = bodies.filter { byKey["\(report.year)/\($0)"] == nil }
            let at = report.agency?.location ?? SourceLocation(file: report.folder + "/report.yaml", line: 1, column: 1)
            if !missing.isEmpty {
                out.append(.warning(
                    "aggregate.sum", at: at,
                    "covers 列出的机关中，\(missing.map { names[$0] ?? $0 }.joined(separator: "、")) 没有 \(report.year) 年度报告，与汇总比较时未计入其数字"))
            }
            guard !present.isEmpty else { continue }
            out += differences(report, AggregateSum(bodies: present), bodies: present.count)
        }
        return out
    }

    /// A warning per cell where the government's figure differs from the sum of its bodies'.
    static func differences(_ report: Report, _ sum: AggregateSum, bodies: Int) -> [Diagnostic] {
        sum.cells.compactMap { cell -> Diagnostic? in
            guard let total = cell.sum, let (own, location) = AggregateSum.value(of: cell, in: report), !same(own, total) else { return nil }
            let parts = cell.parts.map { "\($0.agency) \($0.value)" }.joined(separator: "、")
            return .warning(
                "aggregate.sum", at: location,
                "\(cell.label)为 \(own.text)，所涵盖的 \(bodies) 个机关中有此数字的 \(cell.parts.count) 个之和为 \(total.text)（\(parts)）",
                expected: total.text, actual: own.text)
        }
    }

    /// Equal as numbers (`1.50` and `1.5` are the same amount).
    static func same(_ a: Figure, _ b: Figure) -> Bool {
        if let x = a.count, let y = b.count { return x == y }
        return normalized(a.text) == normalized(b.text)
    }

    static func normalized(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var out = Substring(text)
        while out.hasSuffix("0") { out = out.dropLast() }
        if out.hasSuffix(".") { out = out.dropLast() }
        return String(out)
    }
}
