import Foundation
import NianbaoContent
import NianbaoImport
import NianbaoModel

/// `nianbao aggregate --year Y --into SLUG`: a government's tables 二, 三 and 四 as the sum of
/// the reports of the bodies its entry in agencies.yaml covers (`covers:`), written into its
/// report.yaml (made as `new` makes a report when there is none). Figures already there that
/// differ from the sum are kept, and nothing is written, unless `force`; the narrative files
/// are never touched.
public enum Aggregate {
    public struct Outcome: Sendable {
        public let path: String
        public let created: Bool
        /// The bodies summed, and the covered ones without a report that year.
        public let summed: [String]
        public let missing: [String]
        /// Cells whose figure differed from the sum and were replaced (`force`).
        public let replaced: [String]
    }

    public static func run(content: String, year: Int, into slug: String, force: Bool) throws(SiteScaffold.Failure) -> Outcome {
        let found = ContentLoader.discover(content)
        guard let government = found.agencies.first(where: { $0.slug == slug }) else {
            throw SiteScaffold.Failure(message: "「\(slug)」不在 \(AgencyList.file) 的机关列表中")
        }
        guard !government.covers.isEmpty else {
            throw SiteScaffold.Failure(message: "\(AgencyList.file) 中「\(slug)」（\(government.name)）没有「covers」：请列出其报告所涵盖机关的目录名，如 covers: [shili-edu, shili-health]")
        }
        let folder = "\(content)/\(ContentLoader.reportsFolder)/\(year)/\(slug)"
        let bodies = government.covers.compactMap { body -> Report? in
            let path = "\(content)/\(ContentLoader.reportsFolder)/\(year)/\(body)"
            guard SourceFile.kind(of: path) == .directory else { return nil }
            return ContentLoader.checkedReport(path, slug: body, year: year, keepNarrative: false, agencies: found.agencyIndex).0
        }
        guard !bodies.isEmpty else {
            throw SiteScaffold.Failure(message: "「covers」所列机关都没有可读取的 \(year) 年度报告，无从汇总；未做任何改动")
        }
        let sum = AggregateSum(bodies: bodies)
        let yaml = folder + "/" + ContentLoader.reportFile
        let existing = SourceFile.kind(of: yaml) == .file
            ? ContentLoader.checkedReport(folder, slug: slug, year: year, keepNarrative: false, agencies: found.agencyIndex).0 : nil
        let differing = existing.map { differences($0, sum) } ?? []
        if !differing.isEmpty, !force {
            let shown = differing.prefix(10).joined(separator: "\n  ")
            throw SiteScaffold.Failure(message: "「\(yaml)」中有 \(differing.count) 个数字与汇总不同，未做任何改动（确认要以汇总替换，请加 --force）：\n  \(shown)"
                + (differing.count > 10 ? "\n  ……" : ""))
        }
        var writer = ReportYAMLWriter(agency: existing?.agency?.value ?? government.name, year: year,
                                      published: existing?.published?.value, report: summedReport(sum, slug: slug, year: year, folder: folder))
        writer.asPublished = existing?.asPublished ?? false
        let names = bodies.map { $0.agency?.value ?? $0.slug }
        let missing = government.covers.filter { body in !bodies.contains { $0.slug == body } }
        writer.notes["report"] = ["表二、表三、表四由 nianbao aggregate 汇总自 \(bodies.count) 个机关的 \(year) 年度报告：\(names.joined(separator: "、"))"]
            + (missing.isEmpty ? [] : ["covers 中没有 \(year) 年度报告、未计入的机关：\(missing.joined(separator: "、"))"])
        for (place, note) in rowNotes(sum, bodies: bodies.count) { writer.notes[place, default: []].append(note) }
        let created = existing == nil && SourceFile.kind(of: folder) == .missing
        try write(writer.text, to: yaml, scaffoldIn: created ? folder : nil, agency: government.name, year: year)
        return Outcome(path: yaml, created: created, summed: names, missing: missing, replaced: force ? differing : [])
    }

    /// The cells where `report` has a figure that is not the sum: `label：现为 X，汇总为 Y`.
    static func differences(_ report: Report, _ sum: AggregateSum) -> [String] {
        sum.cells.compactMap { cell in
            guard let total = cell.sum, let (own, _) = AggregateSum.value(of: cell, in: report), own.text != total.text else { return nil }
            return "\(cell.label)：现为 \(own.text)，汇总为 \(total.text)"
        }
    }

    /// The sum as a report: a row for every row some body has, its cells the sums.
    static func summedReport(_ sum: AggregateSum, slug: String, year: Int, folder: String) -> Report {
        var report = Report(slug: slug, year: year, folder: folder)
        let at = SourceLocation(file: folder + "/" + ContentLoader.reportFile, line: 1, column: 1)
        var rows: [String: [(Int, Figure?)]] = [:]
        for cell in sum.cells { rows["\(cell.table) \(cell.rowKey)", default: []].append((cell.column, cell.sum)) }
        for (key, cells) in rows where cells.contains(where: { $0.1 != nil }) {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            let row = FigureRow(cells: cells.sorted { $0.0 < $1.0 }.map { $0.1.map { Located($0, at: at) } }, at: at)
            switch parts[0] {
            case "二": report.tableTwo[parts[1]] = row
            case "三": report.tableThree[parts[1]] = row
            default: report.tableFour[parts[1]] = row
            }
        }
        return report
    }

    /// A comment above each row some of whose figures sum fewer bodies than the report covers.
    static func rowNotes(_ sum: AggregateSum, bodies: Int) -> [(String, String)] {
        var seen: Set<String> = []
        return sum.cells.compactMap { cell in
            guard cell.sum != nil, cell.parts.count < bodies, seen.insert(cell.table + cell.rowKey).inserted else { return nil }
            let place = cell.table == "二" ? "active_disclosure.\(cell.rowKey)"
                : cell.table == "三" ? "applications.\(cell.rowKey)" : "review_and_litigation.\(cell.rowKey)"
            return (place, "此行只有 \(cell.parts.count) 个机关填写了数字（\(cell.parts.map(\.agency).joined(separator: "、"))）")
        }
    }

    /// report.yaml replaced whole (a temporary file, then a rename); a new folder gets the
    /// narrative files `new` writes.
    static func write(_ text: String, to yaml: String, scaffoldIn folder: String?, agency: String, year: Int) throws(SiteScaffold.Failure) {
        do {
            if let folder {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                for file in ReportScaffold.files(agency: agency, year: year) where file.name != ContentLoader.reportFile {
                    try Data(file.text.utf8).write(to: URL(fileURLWithPath: folder + "/" + file.name), options: .withoutOverwriting)
                }
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: yaml), options: .atomic)
        } catch {
            throw SiteScaffold.Failure(message: "无法写入「\(yaml)」：\(error.localizedDescription)")
        }
    }
}
