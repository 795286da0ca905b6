import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoReview
import NianbaoSite
import Testing

/// `check --format html|csv`: the review of a whole region's reports.
@Suite struct ReviewTests {
    /// The multi-agency example with inconsistencies planted in known cells, and one report kept as published.
    static func region() throws -> (TempDir, String) {
        let dir = try Fixture.region()
        let content = dir.path + "/Content"
        func edit(_ file: String, _ old: String, _ new: String) {
            let text = dir.read("Content/reports/" + file)
            #expect(text.contains(old), "\(file): \(old)")
            dir.write("Content/reports/" + file, text.replacingOccurrences(of: old, with: new))
        }
        edit("2024/shili-edu/report.yaml", "received:        [5, 3, 1, 2, 1, 0, 12]", "received:        [5, 3, 1, 2, 1, 0, 13]")
        edit("2022/shili-town/report.yaml", "review:                  [0, 1, 0, 1, 2]", "review:                  [0, 1, 0, 1, 3]")
        return (dir, content)
    }

    static func review(_ content: String) -> (Review, [Diagnostic]) {
        let (loaded, diagnostics) = SiteBuilder.check(content: content)
        return (Review(content: content, loaded: loaded, diagnostics: diagnostics), diagnostics)
    }

    @Test func thePageListsExactlyWhatCheckFinds() throws {
        let (dir, content) = try Self.region()
        defer { withExtendedLifetime(dir) {} }
        let (review, diagnostics) = Self.review(content)
        let page = ReviewPage.html(review)
        #expect(page == ReviewPage.html(Self.review(content).0), "same bytes for the same content")
        let document = try XMLTreeBuilder.parse(page)
        #expect(document.all("script").isEmpty && !page.contains("http://") && !page.contains("https://"))
        // Every finding once, under its report, with its place, rule, 应为/实际 and the quoted line.
        let items = document.all("li").filter { ["error", "warning"].contains($0.attributes["class"] ?? "") }
        #expect(items.count == diagnostics.count && diagnostics.count >= 3)
        for d in diagnostics {
            let at = d.location!
            let item = try #require(items.first { $0.allText.contains("[\(d.rule)]") && $0.allText.contains("\(at.file):\(at.line):\(at.column)") }, "\(d.rule) at \(at)")
            #expect(item.allText.contains(d.message))
            if let expected = d.expected { #expect(item.allText.contains("应为 \(expected)")) }
            #expect(item.first("pre")?.allText.contains(" \(at.line) | ") == true)
        }
        let planted = [("2024/shili-edu", "three.row-total", 15), ("2022/shili-town", "four.group-total", 47)]
        for (key, rule, line) in planted {
            let anchor = "r-" + key.replacingOccurrences(of: "/", with: "-")
            let section = try #require(document.first("section") { $0.attributes["id"] == anchor }, "\(key)")
            let text = section.allText
            #expect(text.contains("[\(rule)]") && text.contains("report.yaml:\(line):"), "\(key): \(text)")
        }
        // The matrix: a link per report with findings, to its section; 未见报告 where a listed agency has none.
        let links = document.all("a").compactMap { $0.attributes["href"] }
        #expect(Set(links) == Set(review.entries.filter { !$0.findings.isEmpty }.map { "#" + $0.anchor }))
        for link in links { #expect(document.first("section") { "#" + ($0.attributes["id"] ?? "") == link } != nil) }
        let matrix = try #require(document.first("section") { $0.attributes["aria-labelledby"] == "matrix-h" })
        #expect(matrix.all("td").filter { $0.allText == "未见报告" }.count == 1)  // 示例区自然资源局, 2024
        // Totals per year.
        let totals = try #require(document.first("section") { $0.attributes["aria-labelledby"] == "totals-h" })
        let rows = totals.all("tr").dropFirst().map { $0.children.map(\.allText) }
        #expect(rows.first == ["2024年度", "5", "1", "0", "0", "1"])
        #expect(rows.map { $0[0] } == ["2024年度", "2023年度", "2022年度"])
        #expect(rows[1][4] == "1")  // 2023: 示例区卫生健康委员会 published late
    }

    @Test func aReportKeptAsPublishedShowsItsInconsistenciesAsThePublishers() throws {
        let (dir, content) = try Self.region()
        let file = "Content/reports/2024/shili-edu/report.yaml"
        dir.write(file, "as_published: true\n" + dir.read(file))
        let (review, _) = Self.review(content)
        let entry = try #require(review.entries.first { $0.key == "2024/shili-edu" })
        #expect(entry.asPublished && entry.errors == 0 && entry.warnings >= 1)
        let page = ReviewPage.html(review)
        #expect(page.contains("本报告按原文照录") && page.contains("原文如此"))
    }

    @Test func theCSVHasARowPerFinding() throws {
        let (dir, content) = try Self.region()
        defer { withExtendedLifetime(dir) {} }
        let (review, diagnostics) = Self.review(content)
        let rows = try parseCSV(Data(ReviewCSV.csv(review).utf8))
        #expect(rows.count == 1 + diagnostics.count)
        #expect(rows[0] == ["年度", "机关", "目录", "严重程度", "规则", "文件", "行", "列", "说明", "应为", "实际", "按原文照录"])
        let edu = try #require(rows.first { $0[2] == "2024/shili-edu" && $0[4] == "three.row-total" }, "\(rows)")
        #expect(edu[0] == "2024" && edu[1] == "示例区教育局" && edu[3] == "错误" && edu[6] == "15" && edu[9] == "12" && edu[10] == "13")
    }
}
