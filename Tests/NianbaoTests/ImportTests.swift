import Foundation
import NianbaoContent
@testable import NianbaoImport
import NianbaoModel
import NianbaoSite
import Testing

#if canImport(CoreFoundation)
    import CoreFoundation
#endif

/// `nianbao import` on good input: the seed text, every layout copied tables arrive in, nianbao's
/// own page and a saved page from a typical government site all give the example's data.
@Suite struct ImportTests {
    static let example = ImportFixture.example
    static let exampleFigures = ImportFixture.figures(example)

    static func exampleFile(_ name: String) -> String {
        try! String(contentsOfFile: Repo.seedReportFolder + "/" + name, encoding: .utf8)
    }

    static func file(_ result: ImportResult, _ name: String) -> String? {
        result.files.first { $0.name == name }?.text
    }

    @Test func seedTextImportsToEveryFigureOfContent() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repo.seedText))
        let result = Importer.convert(data, file: "seed.txt", options: ImportFixture.options(published: "2025-01-20"))
        #expect(!result.failed)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.agency == "石龙区人民政府办公室")
        #expect(result.year == 2024)
        #expect(!result.asPublished)
        #expect(result.figureCounts == ["two": 10, "three": 175, "four": 15])

        // Loaded back from the written files, like any content: the same report, figure by figure.
        let (loaded, diagnostics, _) = ImportFixture.load(result)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let report = try #require(loaded)
        #expect(ImportFixture.figures(report).count == 200)
        #expect(ImportFixture.figures(report) == Self.exampleFigures)
        #expect(report.agency?.value == Self.example.agency?.value)
        #expect(report.published?.value == Self.example.published?.value)
        #expect(report.asPublished == false)
    }

    @Test func seedNarrativeKeepsEveryParagraph() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repo.seedText))
        let result = Importer.convert(data, file: "seed.txt", options: ImportFixture.options())
        // The hand-made files are what the import writes, byte for byte (sub-headings as ### …).
        for name in ["overview.md", "problems.md", "other.md"] {
            #expect(Self.file(result, name) == Self.exampleFile(name), "\(name)")
        }
        #expect(Self.file(result, "preamble.md") == nil)
        // And every non-blank line of those sections in the seed is a paragraph or a heading.
        let seed = SeedRoundTripTests.lines(from: "一、总体情况", to: "二、主动公开政府信息情况")
            + SeedRoundTripTests.lines(from: "五、存在的主要问题及改进情况", to: "六、其他需要报告的事项")
            + SeedRoundTripTests.lines(from: "六、其他需要报告的事项", to: nil)
        let markdown = ["overview.md", "problems.md", "other.md"].compactMap { Self.file(result, $0) }.joined(separator: "\n")
        var paragraphs = 0
        for line in seed.map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty {
            // `(一) 存在的主要问题` is written `### （一）存在的主要问题`.
            let heading = NarrativeWriter.subheading(line).map { "### " + $0 }
            #expect(markdown.contains("\n\n\(heading ?? line)\n") || markdown.hasPrefix((heading ?? line) + "\n"), "missing: \(line)")
            paragraphs += 1
        }
        #expect(paragraphs == 15)
    }

    @Test func seedReportYAMLHasTheExampleKeysAndLabels() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repo.seedText))
        let result = Importer.convert(data, file: "seed.txt", options: ImportFixture.options(published: "2025-01-20"))
        let imported = try #require(Self.file(result, "report.yaml"))
        // Only spacing may differ, and the line that says where the figures came from.
        func lines(_ text: String) -> [String] {
            text.components(separatedBy: "\n").filter { !$0.contains("nianbao import") }
                .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        }
        #expect(lines(imported) == lines(Self.exampleFile("report.yaml")))
        #expect(imported.contains("# 由 nianbao import 从「seed.txt」导入"))
    }

    @Test func importedSeedBuildsTheSameTables() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repo.seedText))
        let result = Importer.convert(data, file: "seed.txt", options: ImportFixture.options(published: "2025-01-20"))
        let (_, _, dir) = ImportFixture.load(result)
        let out = TempDir()
        let built = SiteBuilder.build(.init(content: dir.path, templates: Repo.templates, output: out.path + "/Site"))
        #expect(built.succeeded, "\(built.diagnostics)")
        func tables(_ html: String) -> [String] {
            html.components(separatedBy: "<table").dropFirst().map { $0.components(separatedBy: "</table>")[0] }
        }
        let page = out.read("Site/2024/shilong-gov-office/index.html")
        let committed = try String(contentsOfFile: Repo.site + "/2024/shilong-gov-office/index.html", encoding: .utf8)
        #expect(tables(page).count == 3)
        #expect(tables(page) == tables(committed))
    }

    @Test(arguments: ImportFixture.Layout.allCases, [false, true])
    func everyLayoutImportsToTheSameData(layout: ImportFixture.Layout, variants: Bool) throws {
        let text = ImportFixture.publishedText(Self.example, layout: layout, variants: variants)
        let result = ImportFixture.convert(text, file: "\(layout.rawValue).txt")
        #expect(!result.failed, "\(result.diagnostics.map(\.message))")
        #expect(result.diagnostics.isEmpty, "\(layout) \(variants): \(result.diagnostics.map(\.message))")
        let (loaded, diagnostics, _) = ImportFixture.load(result)
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.message))")
        let report = try #require(loaded)
        #expect(ImportFixture.figures(report) == Self.exampleFigures, "\(layout) \(variants)")
        #expect(report.published?.value == Self.example.published?.value)
        for name in ["overview.md", "problems.md", "other.md"] {
            #expect(Self.file(result, name) == Self.exampleFile(name), "\(layout) \(name)")
        }
    }

    @Test func aHeaderRepeatedAtAPageBreakIsNoRow() throws {
        // The seed's three header rows of table 三 again before （四）无法提供, as a table printed
        // over two pages comes out: 其他 is a column there, not the row 3.其他.
        let seed = try String(contentsOfFile: Repo.seedText, encoding: .utf8)
        let lines = seed.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("(本列数据的勾稽关系") })
        let header = lines[start..<(start + 3)]
        let at = try #require(lines.firstIndex { $0.hasPrefix("\t(四) 无法提供") })
        let text = (lines[..<at] + header + lines[at...]).joined(separator: "\n")
        let result = ImportFixture.convert(text, file: "repeated.txt", published: "2025-01-20")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let (loaded, _, _) = ImportFixture.load(result)
        #expect(ImportFixture.figures(try #require(loaded)) == Self.exampleFigures)
    }

    @Test func nianbaosOwnPageImportsBack() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repo.site + "/2024/shilong-gov-office/index.html"))
        let result = Importer.convert(data, file: "index.html", options: ImportFixture.options())
        #expect(!result.failed)
        // Only the page furniture is left out (the skip link; the download links below the three
        // tables, reported as text outside a table); the date comes from 发布日期 on the page.
        #expect(ImportFixture.rules(result) == ["import.left-out", "import.unplaced", "import.unplaced", "import.unplaced"],
                "\(result.diagnostics.map(\.message))")
        #expect(result.diagnostics.filter { $0.rule == "import.unplaced" }.allSatisfy { $0.message.contains("下载本表数据") })
        let (loaded, diagnostics, _) = ImportFixture.load(result)
        #expect(diagnostics.isEmpty)
        let report = try #require(loaded)
        #expect(ImportFixture.figures(report) == Self.exampleFigures)
        #expect(report.published?.value == Self.example.published?.value)
        for name in ["overview.md", "problems.md", "other.md"] {
            #expect(Self.file(result, name) == Self.exampleFile(name), "\(name)")
        }
    }

    /// A page as saved from a county government site: uppercase tags, unquoted attributes, unclosed
    /// cells, a layout table around everything, `&nbsp;`, `<br>` inside labels, full-width digits,
    /// table 三 split in two at a page break, half-width labels, the variant headings of format.md §6.
    @Test func savedGovernmentPageImports() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: ImportFixture.folder + "/qingshan-2023-saved-page.html"))
        let result = Importer.convert(data, file: "page.html", options: ImportFixture.options(slug: "qingshan-agriculture"))
        #expect(!result.failed)
        #expect(result.agency == "青山县农业农村局" && result.year == 2023)
        #expect(ImportFixture.rules(result) == ["import.left-out"], "\(result.diagnostics.map(\.message))")
        let (loaded, diagnostics, _) = ImportFixture.load(result, slug: "qingshan-agriculture")
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.message))")
        let report = try #require(loaded)
        #expect(report.published?.value.description == "2024-01-25")
        let figures = ImportFixture.figures(report)
        #expect(figures["two.normative_documents.2"] == "12")  // full-width １２
        #expect(figures["two.normative_documents.0"] == "3")  // &nbsp;3&nbsp;
        #expect(figures["two.licensing.0"] == "156")
        #expect(figures["two.fees.0"] == "0.0350")  // kept as written
        #expect(report.tableThree["received"]?.cells.map { $0?.value.text } == ["12", "3", "0", "1", "0", "0", "16"])
        #expect(report.tableThree["results.not_processed.repeated"]?.cells.first??.value.text == "1")
        #expect(report.tableThree["results.total"]?.cells.map { $0?.value.text } == ["13", "2", "0", "1", "0", "0", "16"])
        #expect(report.tableThree["carried_forward"]?.cells.map { $0?.value.text } == ["1", "1", "0", "0", "0", "0", "2"])
        #expect(report.tableFour["review"]?.cells.map { $0?.value.text } == ["1", "0", "0", "1", "2"])
        #expect(report.tableFour["litigation_direct"]?.cells.map { $0?.value.text } == ["0", "1", "0", "0", "1"])
        #expect(figures.count == 200)

        #expect(Self.file(result, "preamble.md") == "根据《中华人民共和国政府信息公开条例》规定，编制本报告。本报告中所列数据统计期限为2023年1月1日至12月31日。\n")
        let overview = try #require(Self.file(result, "overview.md"))
        #expect(overview.hasPrefix("### （一）主动公开\n\n2023年，我局通过政府网站主动公开各类信息412条，其中政策解读 18篇。\n\n### （二）依申请公开\n\n"))
        // `<br>` lines are paragraphs of their own.
        #expect(overview.contains("上年结转2件。\n\n全部在法定期限内答复。\n\n未发生"))
        #expect(Self.file(result, "problems.md")?.hasPrefix("### （一）存在的主要问题\n\n") == true)
        // Nothing of the script, the styles, the navigation or the footer.
        let all = result.files.map(\.text).joined()
        #expect(!all.contains("var x") && !all.contains("首页") && !all.contains("版权所有") && !all.contains("浏览次数"))
    }

    @Test func savedPageInGB18030Imports() throws {
        let utf8 = try String(contentsOfFile: ImportFixture.folder + "/qingshan-2023-saved-page.html", encoding: .utf8)
        let encoding = String.Encoding(rawValue: CFStringConvertEncodingToNSStringEncoding(0x0632))
        let gbk = try #require(utf8.replacingOccurrences(of: "charset=utf-8", with: "charset=gbk").data(using: encoding))
        let result = Importer.convert(gbk, file: "page.html", options: ImportFixture.options(slug: "qingshan-agriculture"))
        #expect(!result.failed)
        #expect(ImportFixture.rules(result).sorted() == ["import.encoding", "import.left-out"])
        #expect(result.agency == "青山县农业农村局")
        #expect(result.figureCounts == ["two": 10, "three": 175, "four": 15])
        // Figure for figure and file for file what the same page saved as UTF-8 gives (its
        // figures are checked cell by cell in savedGovernmentPageImports).
        let same = Importer.convert(Data(utf8.utf8), file: "page.html", options: ImportFixture.options(slug: "qingshan-agriculture"))
        let (loaded, _, _) = ImportFixture.load(result, slug: "qingshan-agriculture")
        let (reference, _, _) = ImportFixture.load(same, slug: "qingshan-agriculture")
        let figures = ImportFixture.figures(try #require(loaded))
        let referenceFigures = ImportFixture.figures(try #require(reference))
        #expect(figures.count == 200 && figures == referenceFigures)
        #expect(figures["two.fees.0"] == "0.0350" && figures["three.received.6"] == "16")
        #expect(result.files.map(\.name) == same.files.map(\.name))
        for (file, other) in zip(result.files, same.files) where file.name != "report.yaml" {
            #expect(file.text == other.text, "\(file.name)")
        }
    }

    @Test func dateAndTitleForms() {
        #expect(ImportDates.wholeLineDate("二〇二五年一月二十日")?.description == "2025-01-20")
        #expect(ImportDates.wholeLineDate("2025年1月31日")?.description == "2025-01-31")
        #expect(ImportDates.wholeLineDate("2025/01/20")?.description == "2025-01-20")
        #expect(ImportDates.wholeLineDate("2025-02-30") == nil)
        #expect(ImportDates.labelledDate("发布时间：2024-01-25 09:30 来源：x")?.date.description == "2024-01-25")
        let spaced = ImportTitle.parse("石龙区人民政府办公室 2024 年政府信息公开工作年度报告")
        #expect(spaced?.agency == "石龙区人民政府办公室" && spaced?.year == 2024)
        let yearFirst = ImportTitle.parse("2023年度青山县农业农村局政府信息公开工作年度报告")
        #expect(yearFirst?.agency == "青山县农业农村局" && yearFirst?.year == 2023)
        let about = ImportTitle.parse("石龙区人民政府关于2022年度政府信息公开工作年度报告")
        #expect(about?.agency == "石龙区人民政府" && about?.year == 2022)
        #expect(ImportTitle.parse("石龙区政府信息公开工作年度报告") == nil)
    }

    @Test func labelsMatchAcrossTheVariantsOfFormatSpec() {
        let official = ImportLabels.normalize("5.要求行政机关确认或重新出具已获取信息")
        for variant in ["5. 要求行政机关确认或重新出具已获取信息", "5、要求行政机关确认或重新出具已获取信息", "5．要求行政机关确认\n或重新出具已获取信息",
                        "５．要求行政机关确认或重新出具\u{3000}已获取信息", "5.要求行政机关确认或重新出具\u{A0}已获取信息"] {
            #expect(ImportLabels.normalize(variant) == official, "\(variant)")
        }
        #expect(ImportLabels.normalize("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)")
            == ImportLabels.normalize("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"))
        #expect(ImportLabels.normalize("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请")
            == ImportLabels.normalize("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"))
        #expect(ImportLabels.normalize("商业 企业") == ImportLabels.normalize("商业企业"))
        #expect(ImportLabels.section(ofHeading: "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况") == 3)
        #expect(ImportLabels.section(ofHeading: "五、政府信息公开工作存在的主要问题及改进情况") == 4)
        #expect(ImportLabels.section(ofHeading: "一、 总体情况：") == 0)
    }
}
