import Foundation
import NianbaoContent
import NianbaoModel
import Testing

/// One failing fixture per rule: the rule fires, at the right file, line and column, and nothing
/// else is reported.
@Suite struct RuleTests {
    let reportPath = "reports/2024/shilong-gov-office/report.yaml"

    /// Loads a content folder whose report.yaml is `yaml` and returns its diagnostics.
    func diagnostics(_ yaml: String) -> (TempDir, [Diagnostic]) {
        let dir = Fixture.site(yaml: yaml)
        return (dir, Fixture.load(dir).1)
    }

    /// Asserts exactly one diagnostic with `rule`, at the place of `needle` in `yaml`.
    func expectOne(
        _ rule: String, in yaml: String, at needle: String, offset: Int = 0, severity: Severity = .error,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Diagnostic? {
        let (dir, found) = diagnostics(yaml)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        guard let d = found.first(where: { $0.rule == rule }) else {
            Issue.record("no \(rule) in \(found)", sourceLocation: sourceLocation)
            return nil
        }
        let (line, column) = Fixture.position(of: needle, in: yaml, offset: offset)
        #expect(d.location?.file == dir.path + "/" + reportPath, sourceLocation: sourceLocation)
        #expect(d.location?.line == line, "line", sourceLocation: sourceLocation)
        #expect(d.location?.column == column, "column", sourceLocation: sourceLocation)
        #expect(d.severity == severity, sourceLocation: sourceLocation)
        return d
    }

    @Test func theSeedIsClean() {
        let (_, found) = diagnostics(Fixture.seedYAML)
        #expect(found.isEmpty, "\(found)")
    }

    @Test func balance() {
        // 结转下年度 of 自然人 1 instead of 0: 9 + 0 ≠ 9 + 1 (the 总计 column follows, so it fails too).
        let yaml = Fixture.seed(replacing: "carried_forward: [0, 0, 0, 0, 0, 0, 0]", with: "carried_forward: [1, 0, 0, 0, 0, 0, 1]")
        let (_, found) = diagnostics(yaml)
        let balance = found.filter { $0.rule == "three.balance" }
        #expect(found.count == 2 && balance.count == 2, "\(found)")
        let (line, column) = Fixture.position(of: "carried_forward: [1", in: yaml, offset: 18)
        #expect(balance[0].location?.line == line && balance[0].location?.column == column)
        #expect(balance[0].message.contains("自然人"))
        #expect(balance[0].expected == "9" && balance[0].actual == "10")
        #expect(balance[1].message.contains("「总计」列"))
    }

    @Test func rowTotal() {
        let yaml = Fixture.seed(replacing: "received:        [9, 0, 0, 0, 0, 0, 9]", with: "received:        [9, 0, 0, 0, 0, 0, 8]")
        // 8 as 总计 of 本年新收 also unbalances the 总计 column, and contradicts "收到依申请公开 9 件".
        let (_, found) = diagnostics(yaml)
        let d = found.first { $0.rule == "three.row-total" }
        #expect(found.map(\.rule).sorted() == ["narrative.numbers", "three.balance", "three.row-total"])
        let (line, column) = Fixture.position(of: "0, 8]", in: yaml, offset: 3)
        #expect(d?.location?.line == line && d?.location?.column == column)
        #expect(d?.message.contains("一、本年新收政府信息公开申请数量") == true)
        #expect(d?.expected == "9" && d?.actual == "8")
    }

    @Test func resultsTotal() {
        let yaml = Fixture.seed(replacing: "total:             [9, 0, 0, 0, 0, 0, 9]", with: "total:             [9, 0, 0, 2, 0, 0, 11]")
        let (_, found) = diagnostics(yaml)
        let d = found.filter { $0.rule == "three.results-total" }
        #expect(d.count == 2, "\(found)")  // 社会公益组织 and 总计
        let (line, column) = Fixture.position(of: "0, 2, 0, 0, 11]", in: yaml, offset: 3)
        #expect(d.first?.location?.line == line && d.first?.location?.column == column)
        #expect(d.first?.message.contains("法人或其他组织 / 社会公益组织") == true)
    }

    @Test func groupTotal() {
        let yaml = Fixture.seed(replacing: "litigation_direct:       [0, 0, 0, 0, 0]", with: "litigation_direct:       [1, 0, 0, 0, 0]")
        let d = expectOne("four.group-total", in: yaml, at: "[1, 0, 0, 0, 0]", offset: 13)
        #expect(d?.message.contains("行政诉讼 / 未经复议直接起诉") == true)
        #expect(d?.expected == "1" && d?.actual == "0")
    }

    @Test func negativeNumber() {
        let yaml = Fixture.seed(replacing: "licensing: 0", with: "licensing: -3")
        let d = expectOne("value.non-negative", in: yaml, at: "-3")
        #expect(d?.message.contains("行政许可") == true)
    }

    @Test func wordsThatYAMLWouldTurnIntoBooleansOrOctal() {
        _ = expectOne("value.type", in: Fixture.seed(replacing: "penalties: 0", with: "penalties: no"), at: "no   #")
        let octal = expectOne("value.type", in: Fixture.seed(replacing: "coercion: 0", with: "coercion: 010"), at: "010")
        #expect(octal?.message.contains("八进制") == true)
        _ = expectOne("value.type", in: Fixture.seed(replacing: "licensing: 0", with: "licensing: \"5\""), at: "\"5\"")
        _ = expectOne("value.type", in: Fixture.seed(replacing: "licensing: 0", with: "licensing: 1.5"), at: "1.5")
    }

    /// Counts are read on a fast path for plain digits; its edges must give what the full check gives.
    @Test func edgesOfPlainCounts() {
        let zeros = expectOne("value.type", in: Fixture.seed(replacing: "coercion: 0", with: "coercion: 00"), at: "00")
        #expect(zeros?.message.contains("八进制") == true)
        let big = expectOne("value.type", in: Fixture.seed(replacing: "licensing: 0", with: "licensing: 1000000000000"), at: "1000000000000")
        #expect(big?.message.contains("过大") == true)
        let wide = expectOne("value.type", in: Fixture.seed(replacing: "licensing: 0", with: "licensing: ０５"), at: "０５")
        #expect(wide?.message.contains("半角") == true)
        _ = expectOne("value.type", in: Fixture.seed(replacing: "licensing: 0", with: "licensing: +5"), at: "+5")
        _ = expectOne("value.type", in: Fixture.seed(replacing: "licensing: 0", with: "licensing: 0x1A"), at: "0x1A")
        let (dir, found) = diagnostics(Fixture.seed(replacing: "licensing: 0", with: "licensing: 999999999999"))
        #expect(found.isEmpty, "\(found)")
        #expect(Fixture.load(dir).0.reports.first?.tableTwo["licensing"]?.cells.first??.value == .count(999_999_999_999))
        let (_, minusZero) = diagnostics(Fixture.seed(replacing: "licensing: 0", with: "licensing: -0"))
        #expect(minusZero.isEmpty, "\(minusZero)")
    }

    @Test func feesAreKeptAsWritten() throws {
        let dir = Fixture.site(yaml: Fixture.seed(replacing: "fees: 0", with: "fees: 0.0350"))
        let (content, found) = Fixture.load(dir)
        #expect(found.isEmpty)
        #expect(content.reports.first?.tableTwo["fees"]?.cells.first??.value == .amount("0.0350"))
        _ = expectOne("value.type", in: Fixture.seed(replacing: "fees: 0", with: "fees: 1,200"), at: "1,200")
        _ = expectOne("value.non-negative", in: Fixture.seed(replacing: "fees: 0", with: "fees: -1"), at: "-1")
    }

    @Test func missingValue() {
        _ = expectOne("value.missing", in: Fixture.seed(replacing: "coercion: 0 ", with: "coercion:   "), at: "coercion:", offset: 9)
    }

    @Test func unknownKeySuggestsTheRightOne() {
        let yaml = Fixture.seed(replacing: "received:        [9", with: "recieved:        [9")
        let (_, found) = diagnostics(yaml)
        let unknown = found.first { $0.rule == "key.unknown" }
        let (line, column) = Fixture.position(of: "recieved", in: yaml)
        #expect(unknown?.location?.line == line && unknown?.location?.column == column)
        #expect(unknown?.message.contains("是否应为「received」") == true)
        // …and is not reported a second time as a missing row.
        #expect(found.map(\.rule) == ["key.unknown"])
    }

    @Test func missingRequiredField() {
        let yaml = Fixture.seed(replacing: "published: 2025-01-20          # 发布日期\n", with: "")
        let d = expectOne("key.missing", in: yaml, at: "agency:")
        #expect(d?.message.contains("published") == true)
    }

    @Test func wrongRowLength() {
        let yaml = Fixture.seed(replacing: "granted:           [8, 0, 0, 0, 0, 0, 8]", with: "granted:           [8, 0, 0, 0, 0]")
        let d = expectOne("row.length", in: yaml, at: "[8, 0, 0, 0, 0]")
        #expect(d?.message.contains("（一）予以公开") == true)
        #expect(d?.actual == "5")
    }

    @Test func wrongShape() {
        let yaml = Fixture.seed(replacing: "review:                  [0, 0, 0, 0, 0]", with: "review:                  0")
        _ = expectOne("value.type", in: yaml, at: "0  # 行政复议")
    }

    @Test func dateThatIsNotADate() {
        let yaml = Fixture.seed(replacing: "published: 2025-01-20", with: "published: 2025-02-30")
        _ = expectOne("value.date", in: yaml, at: "2025-02-30")
    }

    @Test func yearMustMatchTheFolder() {
        let yaml = Fixture.seed(replacing: "year: 2024", with: "year: 2023")
        _ = expectOne("report.year", in: yaml, at: "2023")
    }

    @Test func malformedYAML() {
        let yaml = Fixture.seed(replacing: "  licensing: 0", with: "  licensing: [0")
        let (_, found) = diagnostics(yaml)
        #expect(found.count == 1 && found[0].rule == "yaml.syntax", "\(found)")
        #expect(found.first?.location?.line ?? 0 > 1)
    }

    @Test func duplicateKey() {
        let yaml = Fixture.seed(replacing: "  coercion: 0", with: "  coercion: 0\n  coercion: 1")
        let (_, found) = diagnostics(yaml)
        #expect(found.count == 1 && found[0].rule == "yaml.duplicate-key", "\(found)")
        #expect(found.first?.message.contains("coercion") == true)
        #expect(found.first?.location?.line == Fixture.position(of: "coercion", in: yaml).line)
    }

    @Test func missingFileAndDirectoryInsteadOfFile() throws {
        let dir = Fixture.site()
        let folder = dir.path + "/reports/2024/shilong-gov-office"
        try FileManager.default.removeItem(atPath: folder + "/problems.md")
        try FileManager.default.removeItem(atPath: folder + "/report.yaml")
        try FileManager.default.createDirectory(atPath: folder + "/report.yaml", withIntermediateDirectories: false)
        let found = Fixture.load(dir).1
        #expect(found.map(\.rule).sorted() == ["file.missing", "file.not-a-file"], "\(found)")
        #expect(found.first { $0.rule == "file.missing" }?.location?.file == folder + "/problems.md")
        #expect(found.first { $0.rule == "file.missing" }?.message.contains("五、存在的主要问题及改进情况") == true)
    }

    @Test func invalidUTF8() {
        let dir = Fixture.site()
        var bytes = Data("agency: 石龙区\n".utf8)
        bytes.append(contentsOf: [0x79, 0x65, 0x61, 0x72, 0x3A, 0x20, 0xB6, 0xFE, 0x0A])  // "year: " + GBK bytes
        dir.write("reports/2024/shilong-gov-office/report.yaml", bytes)
        let found = Fixture.load(dir).1
        #expect(found.count == 1 && found[0].rule == "file.encoding", "\(found)")
        #expect(found.first?.location?.line == 2 && found.first?.location?.column == 7)
    }

    @Test func folderNamesAreChecked() {
        let badSlug = Fixture.site(slug: "Shilong_Office")
        #expect(Fixture.load(badSlug).1.map(\.rule) == ["report.slug"])
        let oldYear = Fixture.site(year: "2019")
        let found = Fixture.load(oldYear).1
        #expect(found.map(\.rule) == ["content.layout"])
        #expect(found.first?.message.contains("2019 年试行格式") == true)
    }

    @Test func misspeltNarrativeFileIsAWarning() {
        let dir = Fixture.site()
        dir.write("reports/2024/shilong-gov-office/overveiw.md", "x")
        let found = Fixture.load(dir).1
        #expect(found.count == 1 && found[0].rule == "file.unknown" && found[0].severity == .warning)
        #expect(found.first?.message.contains("overview.md") == true)
    }

    @Test func allDiagnosticsAreCollected() {
        var yaml = Fixture.seed(replacing: "licensing: 0", with: "licensing: -1")
        yaml = yaml.replacingOccurrences(of: "published: 2025-01-20", with: "published: 2025-13-01")
        yaml = yaml.replacingOccurrences(of: "review:                  [0, 0, 0, 0, 0]", with: "review:                  [0, 0, 0, 1, 0]")
        let (_, found) = diagnostics(yaml)
        #expect(Set(found.map(\.rule)) == ["value.non-negative", "value.date", "four.group-total"])
    }

    @Test func formatterQuotesTheLineWithACaret() {
        let yaml = Fixture.seed(replacing: "licensing: 0", with: "licensing: -3")
        let (dir, found) = diagnostics(yaml)
        let sources = Fixture.load(dir).0.sources
        let text = DiagnosticFormatter(sources: sources).format(found[0])
        let lines = text.components(separatedBy: "\n")
        let (line, column) = Fixture.position(of: "-3", in: yaml)
        #expect(lines[0] == "\(dir.path)/\(reportPath):\(line):\(column): 错误: \(found[0].message) [value.non-negative]")
        #expect(lines[1] == " \(line) |   licensing: -3   # 行政许可")
        #expect(lines[2] == "    |              ^")
    }
}
