import Foundation
import NianbaoContent
@testable import NianbaoModel
import Testing

/// Rules across years, against the calendar, and between narrative and tables: each with a
/// fixture that passes and one that breaks it, asserting file, line and column.
@Suite struct CrossReportTests {
    static let folder2024 = "reports/2024/shilong-gov-office"
    static let folder2023 = "reports/2023/shilong-gov-office"

    /// The seed as its 2023 report: same agency, consistent with 2024 unless edited.
    static func report2023(_ edits: [(String, String)] = []) -> String {
        var yaml = Fixture.seedYAML
            .replacingOccurrences(of: "year: 2024", with: "year: 2023")
            .replacingOccurrences(of: "published: 2025-01-20", with: "published: 2024-01-22")
        for (old, new) in edits {
            precondition(yaml.contains(old), old)
            yaml = yaml.replacingOccurrences(of: old, with: new)
        }
        return yaml
    }

    /// A site with the seed (2024) and a 2023 report; both narratives are the seed's.
    /// 2023 as a copy of 2024 (its narrative and, but for the edits, its figures): the findings
    /// of cross.copied that this gives are tested in CopyRuleTests and left out here (`found`).
    static func twoYears(_ yaml2023: String, yaml2024: String? = nil) -> TempDir {
        let dir = Fixture.site(yaml: yaml2024)
        for name in ["overview.md", "problems.md", "other.md"] {
            dir.write(folder2023 + "/" + name, dir.read(folder2024 + "/" + name))
        }
        dir.write(folder2023 + "/report.yaml", yaml2023)
        return dir
    }

    func located(_ d: Diagnostic?, _ dir: TempDir, _ file: String, _ needle: String, offset: Int = 0) {
        let text = dir.read(file)
        let (line, column) = Fixture.position(of: needle, in: text, offset: offset)
        #expect(d?.location?.file == dir.path + "/" + file)
        #expect(d?.location?.line == line, "line")
        #expect(d?.location?.column == column, "column")
    }

    @Test func consecutiveYearsThatAgreePass() {
        let dir = Self.twoYears(Self.report2023())
        #expect(Self.found(dir).isEmpty, "\(Self.found(dir))")
    }

    static func found(_ dir: TempDir) -> [Diagnostic] { Fixture.load(dir).1.filter { $0.rule != "cross.copied" } }

    @Test func carryOverMismatchPointsAtBothYears() {
        // 2023 ends with one application of a natural person carried forward; 2024 starts with none.
        let dir = Self.twoYears(Self.report2023([
            ("received:        [9, 0, 0, 0, 0, 0, 9]", "received:        [10, 0, 0, 0, 0, 0, 10]"),
            ("carried_forward: [0, 0, 0, 0, 0, 0, 0]", "carried_forward: [1, 0, 0, 0, 0, 0, 1]"),
        ]))
        let found = Fixture.load(dir).1.filter { $0.rule == "three.carry-over" }
        #expect(found.count == 2)  // 自然人 and 总计
        let d = found.first
        #expect(d?.severity == .error)
        located(d, dir, Self.folder2024 + "/report.yaml", "carried_over:    [0", offset: 18)
        #expect(d?.message.contains("自然人") == true)
        #expect(d?.expected == "1" && d?.actual == "0")
        let other = d?.related.first?.location
        let text2023 = dir.read(Self.folder2023 + "/report.yaml")
        let (line, column) = Fixture.position(of: "carried_forward: [1", in: text2023, offset: 18)
        #expect(other == SourceLocation(file: dir.path + "/" + Self.folder2023 + "/report.yaml", line: line, column: column))
        // The formatter quotes both places.
        let text = DiagnosticFormatter(sources: Fixture.load(dir).0.sources).format(d!)
        #expect(text.contains("carried_over:    [0, 0, 0, 0, 0, 0, 0]") && text.contains("carried_forward: [1, 0, 0, 0, 0, 0, 1]"))
        #expect(text.contains(": 注: 2023 年报告的「四、结转下年度继续办理」「自然人」列为 1"))
    }

    @Test func carryOverAgainstAReportKeptAsPublishedIsAWarning() {
        let dir = Self.twoYears(Self.report2023([
            ("received:        [9, 0, 0, 0, 0, 0, 9]", "received:        [10, 0, 0, 0, 0, 0, 10]"),
            ("carried_forward: [0, 0, 0, 0, 0, 0, 0]", "carried_forward: [1, 0, 0, 0, 0, 0, 1]"),
            ("year: 2023", "year: 2023\nas_published: true"),
        ]))
        let found = Fixture.load(dir).1.filter { $0.rule == "three.carry-over" }
        #expect(found.count == 2 && found.allSatisfy { $0.severity == .warning })
        #expect(found.first?.message.hasSuffix("（as_published：数字按原文照录）") == true)
    }

    @Test func inForceChain() {
        let dir = Self.twoYears(Self.report2023([("in_force: 20}", "in_force: 25}")]))
        // (2023's narrative, copied from the seed, now also disagrees with its own table: narrative.units.)
        let found = Self.found(dir)
        #expect(found.map(\.rule).sorted() == ["narrative.units", "two.in-force-chain"])
        let d = found.first { $0.rule == "two.in-force-chain" }
        #expect(d?.severity == .warning)
        located(d, dir, Self.folder2024 + "/report.yaml", "in_force: 20}", offset: 10)
        #expect(d?.expected == "25" && d?.actual == "20")
        #expect(d?.related.first?.location.file == dir.path + "/" + Self.folder2023 + "/report.yaml")
    }

    @Test func lateReports() {
        let onTime = Fixture.site()
        #expect(Fixture.load(onTime).1.isEmpty)
        let late = Fixture.site(yaml: Fixture.seed(replacing: "published: 2025-01-20", with: "published: 2025-02-01"))
        let d = Fixture.load(late).1.first
        #expect(d?.rule == "deadline.late" && d?.severity == .warning)
        located(d, late, Self.folder2024 + "/report.yaml", "2025-02-01")
        #expect(d?.message.contains("2025年1月31日") == true)

        // A government's own report is due by 31 March.
        let government = Fixture.site(yaml: Fixture.seed(replacing: "published: 2025-01-20", with: "published: 2025-03-31"))
        government.write("agencies.yaml", "- slug: shilong-gov-office\n  name: 石龙区人民政府办公室\n  kind: 本级政府\n")
        #expect(Fixture.load(government).1.isEmpty)
        government.write(Self.folder2024 + "/report.yaml", Fixture.seed(replacing: "published: 2025-01-20", with: "published: 2025-04-01"))
        #expect(Fixture.load(government).1.map(\.rule) == ["deadline.late"])
    }

    @Test func narrativeCountsAgreeWithTableThree() {
        // The seed says "全年共收到依申请公开 9 件" and its table says 9: no warning (theSeedIsClean).
        let narrative = Fixture.site()
        let overview = Self.folder2024 + "/overview.md"
        narrative.write(overview, narrative.read(overview).replacingOccurrences(of: "全年共收到依申请公开 9 件", with: "全年共收到依申请公开 8 件"))
        let d = Fixture.load(narrative).1
        #expect(d.map(\.rule) == ["narrative.numbers"])
        located(d.first, narrative, overview, "依申请公开 8 件", offset: 6)
        #expect(d.first?.expected == "9" && d.first?.actual == "8")
        #expect(d.first?.message.contains("全年共收到依申请公开 8 件") == true)

        // The other way round: the table changes, the narrative stays.
        let table = Fixture.site(yaml: Fixture.seed(replacing: "received:        [9, 0, 0, 0, 0, 0, 9]", with: "received:        [9, 1, 0, 0, 0, 0, 10]")
            .replacingOccurrences(of: "granted:           [8, 0, 0, 0, 0, 0, 8]", with: "granted:           [8, 1, 0, 0, 0, 0, 9]")
            .replacingOccurrences(of: "total:             [9, 0, 0, 0, 0, 0, 9]", with: "total:             [9, 1, 0, 0, 0, 0, 10]"))
        let t = Fixture.load(table).1
        #expect(t.map(\.rule) == ["narrative.numbers"], "\(t)")
        #expect(t.first?.expected == "10" && t.first?.actual == "9")
    }

    @Test func narrativeStatementsOfTheGeneratorsProse() {
        let dir = Fixture.site()
        let overview = Self.folder2024 + "/overview.md"
        dir.write(overview, """
            ### （二）依申请公开

            全年共新收政府信息公开申请**9件**，上年结转0件。
            截至年底，已办结9件，结转下年度继续办理0件。

            办理结果具体为：

            - 予以公开8件；
            - 无法提供2件。

            本年度因政府信息公开引起行政复议1件、行政诉讼0件。
            """)
        let found = Fixture.load(dir).1
        #expect(found.map(\.rule) == ["narrative.numbers", "narrative.numbers"], "\(found)")
        located(found.first, dir, overview, "2件", offset: 0)
        #expect(found.first?.message.contains("（四）无法提供") == true)
        located(found.last, dir, overview, "行政复议1件", offset: 4)
    }

    /// Counts written in Chinese numerals are read too, and every narrative file is checked.
    @Test func chineseNumeralsAndEveryNarrativeFile() {
        let dir = Fixture.site()
        let overview = Self.folder2024 + "/overview.md"
        let seed = dir.read(overview)
        dir.write(overview, seed.replacingOccurrences(of: "全年共收到依申请公开 9 件", with: "全年共收到依申请公开九件"))
        #expect(Fixture.load(dir).1.isEmpty)
        dir.write(overview, seed.replacingOccurrences(of: "全年共收到依申请公开 9 件", with: "全年共收到依申请公开八件"))
        var found = Fixture.load(dir).1
        #expect(found.map(\.rule) == ["narrative.numbers"], "\(found)")
        located(found.first, dir, overview, "依申请公开八件", offset: 5)
        #expect(found.first?.expected == "9" && found.first?.actual == "8")
        // 一是 is a word, not a number: the count after it is still read.
        dir.write(overview, seed.replacingOccurrences(of: "全年共收到依申请公开 9 件", with: "全年共收到一是依申请公开二十件"))
        found = Fixture.load(dir).1
        #expect(found.map(\.actual) == ["20"], "\(found)")

        // Another section: its heading in the message.
        dir.write(overview, seed)
        let problems = Self.folder2024 + "/problems.md"
        dir.write(problems, dir.read(problems) + "\n本年度因政府信息公开引起行政复议两件。\n")
        found = Fixture.load(dir).1
        #expect(found.map(\.rule) == ["narrative.numbers"], "\(found)")
        located(found.first, dir, problems, "行政复议两件", offset: 4)
        #expect(found.first?.message == "「五、存在的主要问题及改进情况」中“本年度因政府信息公开引起行政复议两件”写的是 2，但表四「行政复议」的总计为 0")
    }

    @Test func chineseNumeralValues() {
        let cases: [(String, Int?)] = [
            ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("两", 2), ("一百零三", 103), ("一千二百", 1200),
            ("一万二千三百四十五", 12345), ("〇", 0), ("零", 0), ("二三", nil), ("十十", nil), ("百", nil), ("二百十", nil),
        ]
        for (text, value) in cases {
            #expect(ChineseNumeral.value(ArraySlice(text.unicodeScalars)) == value, "\(text)")
        }
    }

    @Test func normativeDocumentCountsAgreeWithTableTwo() {
        // The seed: "本年度备案规范性文件 1 件，废止失效文件 1 件，现行有效 20 件" matches table 二.
        let dir = Fixture.site()
        let overview = Self.folder2024 + "/overview.md"
        dir.write(overview, dir.read(overview).replacingOccurrences(of: "现行有效 20 件", with: "现行有效 21 件"))
        let found = Fixture.load(dir).1
        #expect(found.map(\.rule) == ["narrative.units"])
        located(found.first, dir, overview, "现行有效 21 件", offset: 5)
        #expect(found.first?.message.contains("「现行有效件数」为 20") == true)

        let table = Fixture.site(yaml: Fixture.seed(replacing: "{issued: 1, repealed: 1, in_force: 20}", with: "{issued: 2, repealed: 1, in_force: 20}"))
        let t = Fixture.load(table).1
        // Both sentences that state the issued count ("行政规范性文件 1 件", "备案规范性文件 1 件") disagree.
        #expect(t.map(\.rule) == ["narrative.units", "narrative.units"], "\(t)")
        #expect(t.allSatisfy { $0.expected == "2" && $0.actual == "1" })
    }

    @Test func emptySectionIsAWarning() {
        let dir = Fixture.site()
        dir.write(Self.folder2024 + "/other.md", "<!-- 六、其他需要报告的事项 -->\n\n")
        let found = Fixture.load(dir).1
        #expect(found.map(\.rule) == ["narrative.empty"])
        #expect(found.first?.location?.file == dir.path + "/" + Self.folder2024 + "/other.md")
    }
}
