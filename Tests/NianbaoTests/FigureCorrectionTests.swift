import Foundation
@testable import NianbaoSite
import Testing

/// A corrected figure makes the pages made from every report from its own year's summaries:
/// the other years' are not recalled, and the site is exactly what a clean build makes. A
/// correction that changes what the whole site shows recalls every report.
@Suite struct FigureCorrectionTests {
    /// 2024 and 2025 reports of 4 agencies; without `base_url`, so no feed.
    let content = IncrementalBuildTests.corpus(agencies: 4)
    let out = TempDir()
    var options: SiteBuilder.Options { SiteBuilder.Options(content: content.path, templates: Repo.templates, output: out.path + "/Site") }

    /// Replaces each `from` by its `to` in a report's report.yaml, builds, and compares with a clean build.
    func correct(_ year: Int, _ slug: String, _ changes: [(from: String, to: String)], step: String) -> SiteBuilder.Result {
        let path = "reports/\(year)/\(slug)/report.yaml"
        var text = content.read(path)
        for (from, to) in changes {
            #expect(text.contains(from), "\(step)")
            text = text.replacingOccurrences(of: from, with: to)
        }
        content.write(path, text)
        let result = SiteBuilder.build(options)
        #expect(result.succeeded && result.incremental, "\(step): \(result.diagnostics)")
        let clean = out.path + "/clean-\(step)"
        #expect(SiteBuilder.build(.init(content: content.path, templates: Repo.templates, output: clean)).succeeded)
        let built = files(out.path + "/Site"), expected = files(clean)
        #expect(built.keys.sorted() == expected.keys.sorted(), "\(step)")
        for (path, data) in expected where built[path] != data { Issue.record("\(step): \(path) differs from a clean build's") }
        return result
    }

    @Test func aCorrectedFigureRecallsOnlyItsYear() {
        #expect(SiteBuilder.build(options).succeeded)
        // One digit for another (one application granted, not 无法提供): every data file keeps
        // its size. Read: the agency's two years; recalled: the year's three other reports.
        // Rendered: the report's page, article and two data files, the year's two data files, the
        // year page (its 汇总) and the agency page (its chart).
        let granted = "granted:           [8, 0, 0, 0, 0, 0, 8]", notHeld = "not_held:                 [1, 0, 0, 0, 0, 0, 1]"
        func oneMoreGranted(_ year: Int, _ slug: String, step: String) -> SiteBuilder.Result {
            correct(year, slug, [(notHeld, notHeld.replacingOccurrences(of: "1", with: "0")), (granted, granted.replacingOccurrences(of: "8", with: "9"))],
                    step: step)
        }
        let same = oneMoreGranted(2025, "agency-1", step: "same size")
        #expect(same.read == 2 && same.recalled == 3 && same.rendered == 8)
        let older = oneMoreGranted(2024, "agency-2", step: "other year")
        #expect(older.read == 2 && older.recalled == 3 && older.rendered == 8)
        let fee = correct(2025, "agency-0", [("fees: 0", "fees: 3")], step: "fee")
        #expect(fee.read == 2 && fee.recalled == 3 && fee.rendered == 8)
        // The year's reports.json grows (it has each report's 行政复议 total), and the data index
        // shows its size: every report.
        let grown = correct(2025, "agency-3", [("review:                  [0, 0, 0, 0, 0]", "review:                  [10, 0, 0, 0, 10]")], step: "larger")
        #expect(grown.read == 2 && grown.recalled == 6, "recalled \(grown.recalled) rendered \(grown.rendered)")
        // Another date changes the lists of reports: every report.
        let dated = correct(2025, "agency-2", [("published: 2026-01-20", "published: 2026-01-21")], step: "date")
        #expect(dated.read == 2 && dated.recalled == 6)
        // Nothing changed: nothing recalled.
        let again = SiteBuilder.build(options)
        #expect(again.read == 0 && again.recalled == 0 && again.rendered == 0)
    }

    @Test func aReportOfTheFeedRecallsEveryReport() {
        content.write("site.yaml", content.read("site.yaml") + "base_url: https://example.gov.cn/ndbg/\n")
        #expect(SiteBuilder.build(options).succeeded)
        // The feed shows the newest 50 reports: all 8 of them.
        let corrected = correct(2025, "agency-0", [("fees: 0", "fees: 5")], step: "feed")
        #expect(corrected.read == 2 && corrected.recalled == 6)
    }

    /// The kept figures of the correction's year damaged: every folder's are looked at, and the
    /// year's record is written anew whole. Another year's damaged: not looked at until a
    /// correction of that year.
    @Test func damagedFiguresAreFoundWhenTheirYearIsCorrected() throws {
        #expect(SiteBuilder.build(options).succeeded)
        let state = OutputWriter.stateFolder(for: options.output)
        func damage(_ year: Int) throws {
            let file = state.appendingPathComponent(ReportCache.figuresName(year))
            let text = try String(contentsOf: file, encoding: .utf8)
            try text.replacingOccurrences(of: "\(year)/agency-2\t", with: "\(year)/agency-2\t9").write(to: file, atomically: true, encoding: .utf8)
        }
        func damaged(_ year: Int) throws -> Bool {
            try String(contentsOf: state.appendingPathComponent(ReportCache.figuresName(year)), encoding: .utf8).contains("\(year)/agency-2\t9")
        }
        try damage(2025)
        let corrected = correct(2025, "agency-0", [("fees: 0", "fees: 5")], step: "damaged")
        #expect(corrected.read == 2 && corrected.recalled == 6)
        #expect(try !damaged(2025))
        try damage(2024)
        let other = correct(2025, "agency-0", [("fees: 5", "fees: 6")], step: "other year damaged")
        #expect(other.read == 2 && other.recalled == 3)
        #expect(try damaged(2024))
        let found = correct(2024, "agency-1", [("fees: 0", "fees: 6")], step: "its year corrected")
        #expect(found.read == 2 && found.recalled == 6)
        #expect(try !damaged(2024))
    }
}
