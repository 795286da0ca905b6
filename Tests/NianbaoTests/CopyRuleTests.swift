import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoSite
import Testing

/// `cross.copied`: a report repeating the same agency's previous year.
@Suite struct CopyRuleTests {
    static let seedFolder = Repo.seedReportFolder

    static func section(_ file: String) throws -> String {
        try String(contentsOfFile: seedFolder + "/" + file, encoding: .utf8)
    }

    /// Every number and year changed, as a report copied with only its figures updated.
    static func renumbered(_ text: String) -> String {
        var out = ""
        for c in text { out.append(c.isASCII && c.isNumber ? Character(String((Int(String(c))! + 3) % 10)) : c) }
        return out.replacingOccurrences(of: "二〇二四", with: "二〇二五").replacingOccurrences(of: "九件", with: "十二件")
    }

    /// `text` with every `n`th sentence (ended by 。or ；) replaced by a new one of about its length.
    static func rewritten(_ text: String, every n: Int) -> String {
        let fresh = Array("本年度围绕新的重点任务调整工作安排逐项明确责任分工和完成时限并在年底组织专项检查对发现的问题建立台账限期整改")
        var out = "", sentence = "", count = 0
        for c in text {
            sentence.append(c)
            guard c == "。" || c == "；" else { continue }
            count += 1
            out += count % n == 0 ? String(fresh.prefix(max(4, sentence.count - 1))) + String(c) : sentence
            sentence = ""
        }
        return out + sentence
    }

    /// The evidence for the measure and its threshold, on the seed's 一、总体情况 (753 characters,
    /// 15 sentences): copied with every figure and year changed 1.0; one sentence in five
    /// rewritten 0.82; one in three 0.69; one in two 0.43.
    @Test func aCopyWithNewFiguresIsFoundAndARewriteIsNot() throws {
        let overview = try Self.section("overview.md")
        #expect(CopyRules.copiedShare(Self.renumbered(overview), of: overview) == 1)
        #expect(CopyRules.copiedShare(Self.renumbered(try Self.section("problems.md")), of: try Self.section("problems.md")) == 1)
        let fifth = CopyRules.copiedShare(Self.rewritten(overview, every: 5), of: overview)
        let third = CopyRules.copiedShare(Self.rewritten(overview, every: 3), of: overview)
        #expect(fifth < CopyRules.threshold && fifth > 0.75 && third < fifth)
        // Short sections, often the same every year by right, are not compared.
        #expect(CopyRules.copiedShare("本年度依申请公开政府信息未收取信息处理费。", of: "本年度依申请公开政府信息未收取信息处理费。") == 0)
    }

    /// The multi-agency example, whose agencies write anew each year: nothing found; then one
    /// report copied from its previous year, text and a table.
    @Test func theRuleNamesTheSectionOrTableAndLastYearsFile() throws {
        let dir = try Fixture.region()
        let content = dir.path + "/Content"
        #expect(SiteBuilder.check(content: content).1.filter { $0.rule == "cross.copied" }.isEmpty)
        let last = "Content/reports/2023/shili-edu/", now = "Content/reports/2024/shili-edu/"
        dir.write(now + "overview.md", Self.renumbered(dir.read(last + "overview.md")).replacingOccurrences(of: "2023", with: "2024"))
        // Table 四 of 2024 as 2023's (not all zero there).
        let fourOf: (String) -> String = { text in String(text[text.range(of: "review_and_litigation:")!.lowerBound...]) }
        let yaml = dir.read(now + "report.yaml")
        dir.write(now + "report.yaml", yaml.replacingOccurrences(of: fourOf(yaml), with: fourOf(dir.read(last + "report.yaml"))))
        #expect(fourOf(dir.read(last + "report.yaml")).contains { ("1"..."9").contains($0) })
        let found = SiteBuilder.check(content: content).1.filter { $0.rule == "cross.copied" }
        #expect(found.count == 2, "\(found)")
        let text = try #require(found.first { $0.location?.file.hasSuffix("2024/shili-edu/overview.md") == true })
        #expect(text.severity == .warning && text.message.contains("「一、总体情况」与 2023 年报告") && text.related.first?.location.file.hasSuffix("2023/shili-edu/overview.md") == true)
        let table = try #require(found.first { $0.location?.file.hasSuffix("2024/shili-edu/report.yaml") == true })
        #expect(table.message.contains("「四、政府信息公开行政复议、行政诉讼情况」的数字与 2023 年报告完全相同"))
        #expect(table.related.first?.location.file.hasSuffix("2023/shili-edu/report.yaml") == true)
    }
}
