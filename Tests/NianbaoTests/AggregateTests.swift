import Foundation
import NianbaoAuthoring
import NianbaoContent
import NianbaoModel
import NianbaoSite
import Testing

/// A government's figures from its bodies: `covers:`, the rule `aggregate.sum`, `nianbao aggregate`,
/// and the year page's 汇总 without double counting.
@Suite struct AggregateTests {
    static let bodies = ["shili-edu", "shili-health", "shili-resources"]

    /// The multi-agency example, its government covering three bodies (shili-resources has no 2024 report).
    static func region() throws -> TempDir {
        let dir = try Fixture.region()
        let list = dir.read("Content/agencies.yaml")
        let government = "  name: 示例区人民政府\n  kind: 本级政府\n"
        #expect(list.contains(government))
        dir.write("Content/agencies.yaml", list.replacingOccurrences(of: government, with: government + "  covers: [\(bodies.joined(separator: ", "))]\n"))
        return dir
    }

    /// Table 三's 一、本年新收 row of a report, all 7 columns (总计 as written or summed).
    static func received(_ dir: TempDir, _ year: Int, _ slug: String) -> [Int]? {
        let path = "\(dir.path)/Content/reports/\(year)/\(slug)"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let report = ContentLoader.checkedReport(path, slug: slug, year: year, keepNarrative: false).0!
        let cells = report.tableThree["received"]!.cells.map { $0!.value.count! }
        return cells.count == 7 ? cells : cells + [cells.reduce(0, +)]
    }

    @Test func theRuleNamesEachDifferingCellAndEachBodyWithoutAReport() throws {
        let dir = try Self.region()
        let (_, diagnostics) = SiteBuilder.check(content: dir.path + "/Content")
        let found = diagnostics.filter { $0.rule == "aggregate.sum" && $0.location!.file.contains("/2024/shili-gov/") }
        #expect(found.contains { $0.message.contains("示例区自然资源局 没有 2024 年度报告") })
        let own = try #require(Self.received(dir, 2024, "shili-gov"))
        let sum = zip(Self.received(dir, 2024, "shili-edu")!, Self.received(dir, 2024, "shili-health")!).map { $0 + $1 }
        for column in 0..<7 where own[column] != sum[column] {
            let label = Rules.tableThreeColumnLabel(column)
            let cell = try #require(found.first { $0.message.hasPrefix("表三「一、本年新收政府信息公开申请数量」「\(label)」") }, "\(label)")
            #expect(cell.severity == .warning && cell.expected == String(sum[column]) && cell.actual == String(own[column]))
            #expect(cell.message.contains("示例区教育局") && cell.message.contains("示例区卫生健康委员会"))
        }
        #expect(own != sum)
    }

    @Test func aggregateWritesTheSumsOnlyWhenAskedToReplaceFigures() throws {
        let dir = try Self.region()
        let content = dir.path + "/Content"
        let yaml = "Content/reports/2024/shili-gov/report.yaml", overview = "Content/reports/2024/shili-gov/overview.md"
        let (before, narrative) = (dir.read(yaml), dir.read(overview))
        #expect(throws: SiteScaffold.Failure.self) { try Aggregate.run(content: content, year: 2024, into: "shili-gov", force: false) }
        #expect(dir.read(yaml) == before)
        let outcome = try Aggregate.run(content: content, year: 2024, into: "shili-gov", force: true)
        #expect(!outcome.created && outcome.summed == ["示例区教育局", "示例区卫生健康委员会"] && outcome.missing == ["shili-resources"])
        #expect(dir.read(overview) == narrative)
        let sum = zip(Self.received(dir, 2024, "shili-edu")!, Self.received(dir, 2024, "shili-health")!).map { $0 + $1 }
        #expect(Self.received(dir, 2024, "shili-gov") == sum)
        #expect(dir.read(yaml).contains("汇总自 2 个机关") && dir.read(yaml).contains("published: "))
        let (_, diagnostics) = SiteBuilder.check(content: content)
        let left = diagnostics.filter { $0.location?.file.contains("/2024/shili-gov/") == true }
        // The sums are consistent in themselves; only 上年结转 differs from the government's own 2023
        // report, which was not a sum of these bodies.
        #expect(!left.contains { $0.severity == .error && $0.rule != "three.carry-over" }, "\(left)")
        #expect(left.filter { $0.rule == "aggregate.sum" }.count == 1)  // only the body without a report
        // Run again: the figures are the sums, so nothing differs and no --force is needed.
        _ = try Aggregate.run(content: content, year: 2024, into: "shili-gov", force: false)
    }

    @Test func aggregateMakesTheReportWhenThereIsNone() throws {
        let dir = try Self.region()
        try FileManager.default.removeItem(atPath: dir.path + "/Content/reports/2024/shili-gov")
        let outcome = try Aggregate.run(content: dir.path + "/Content", year: 2024, into: "shili-gov", force: false)
        #expect(outcome.created)
        for file in ["report.yaml", "overview.md", "problems.md", "other.md"] {
            #expect(FileManager.default.fileExists(atPath: dir.path + "/Content/reports/2024/shili-gov/" + file), "\(file)")
        }
        #expect(dir.read("Content/reports/2024/shili-gov/report.yaml").contains("agency: 示例区人民政府"))
    }

    @Test func coversMustNameListedAgencies() throws {
        let dir = try Self.region()
        dir.write("Content/agencies.yaml", dir.read("Content/agencies.yaml").replacingOccurrences(of: "shili-resources]", with: "shili-resource]"))
        let (_, diagnostics) = SiteBuilder.check(content: dir.path + "/Content")
        let error = try #require(diagnostics.first { $0.rule == "agency.covers" })
        #expect(error.severity == .error && error.message.contains("shili-resource") && error.message.contains("shili-resources"))
    }

    /// The year page adds the government's report once and not the bodies it covers.
    @Test func theYearSummaryDoesNotCountCoveredBodiesTwice() throws {
        let dir = try Self.region()
        let out = TempDir()
        let result = SiteBuilder.build(.init(content: dir.path + "/Content", templates: dir.path + "/Templates", output: out.path + "/Site"))
        #expect(result.succeeded, "\(result.diagnostics)")
        let page = out.read("Site/2024/index.html")
        let reports = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/Content/reports/2024")
        let counted = reports.filter { !Self.bodies.contains($0) }
        #expect(counted.sorted() == ["shili-gov", "shili-street", "shili-town"])
        let expected = counted.map { Self.received(dir, 2024, $0)![6] }.reduce(0, +)
        let everything = reports.map { Self.received(dir, 2024, $0)![6] }.reduce(0, +)
        #expect(expected != everything)
        let three = try #require(try tables(in: page)["t3"])
        let total = TableLayout(three).cells.first { $0.element.attributes["headers"]?.contains("t3-r-received") == true && $0.element.attributes["headers"]?.hasSuffix("t3-c-applicants-total") == true }
        #expect(total?.text == String(expected), "\(total?.text ?? "?") ≠ \(expected)")
        #expect(page.contains("示例区人民政府的报告已汇总其所属 2 个机关（示例区教育局、示例区卫生健康委员会）的数字"))
    }
}
