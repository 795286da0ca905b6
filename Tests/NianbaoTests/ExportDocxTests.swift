import Foundation
import NianbaoContent
import NianbaoExport
import NianbaoImport
import NianbaoModel
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `nianbao export`: a report as a Word document. The key property: the document imports back
/// (`nianbao import`) to the same figures and the same Markdown, for the example and for
/// generated reports; python-docx opens every file made here.
@Suite struct ExportDocxTests {
    static func load(_ folder: String) -> (Report, [Diagnostic]) {
        let url = URL(fileURLWithPath: folder)
        let (report, diagnostics, _) = ContentLoader.checkedReport(
            folder, slug: url.lastPathComponent, year: Int(url.deletingLastPathComponent().lastPathComponent)!, keepNarrative: true)
        return (report!, diagnostics)
    }

    /// Exports `report`, imports the file back, and checks figures, Markdown and date; python-docx
    /// must open the file too.
    static func expectRoundTrip(_ report: Report, context: String) throws {
        let data = try WordExport.document(for: report)
        let result = ExportFixture.reimport(data, slug: report.slug)
        #expect(!result.failed, "\(context): \(result.diagnostics.map(\.message))")
        // The only note: the date was taken from the 落款 (a sign-off copy has no 发布日期 line).
        #expect(ImportFixture.rules(result) == ["import.published"], "\(context): \(result.diagnostics.map(\.message))")
        #expect(result.agency == report.agency?.value, "\(context)")
        let (loaded, diagnostics, _) = ImportFixture.load(result, slug: report.slug)
        #expect(!diagnostics.hasErrors, "\(context): \(diagnostics.map(\.message))")
        let back = try #require(loaded)
        #expect(ImportFixture.figures(back) == ImportFixture.figures(report), "\(context)")
        #expect(back.published?.value == report.published?.value, "\(context)")
        #expect(!back.asPublished, "\(context)")
        for name in ReportFormat.narrativeFiles where report.narrative[name] != nil {
            let imported = result.files.first { $0.name == name }?.text
            #expect(imported == report.narrative[name], "\(context) \(name)")
        }

        let dir = TempDir()
        let path = dir.path + "/export.docx"
        try data.write(to: URL(fileURLWithPath: path))
        let python = try ExportFixture.pythonDocx(path)
        #expect(python.status == 0, "python3 with python-docx must open the export: \(python.output)")
        #expect(python.output.hasPrefix("ok\n"), "\(python.output)")
        #expect(python.output.contains("p Title \(report.title)\n"), "\(context): \(python.output.prefix(300))")
    }

    @Test func theExampleRoundTripsThroughImport() throws {
        try Self.expectRoundTrip(ImportFixture.example, context: "example")
    }

    @Test func generatedReportsRoundTripThroughImport() throws {
        var random = SeededRandom(for: "generatedReportsRoundTripThroughImport")
        for i in 0..<12 {
            let (dir, folder) = ExportFixture.generated(&random)
            let (report, diagnostics) = Self.load(folder)
            #expect(!diagnostics.hasErrors, "generator: \(diagnostics.map(\.message))")
            try Self.expectRoundTrip(report, context: "report \(i)")
            _ = dir
        }
    }

    /// The 落款 the export writes (the agency, then the date alone) gives the date on import and
    /// stays out of other.md; a date alone stays where it was, as before.
    @Test func aSignatureAtTheEndIsNotNarrative() throws {
        let text = ImportFixture.publishedText(ImportFixture.example, layout: .tabs)
            .replacingOccurrences(of: "发布日期：2025-01-20\n", with: "")
        let signed = ImportFixture.convert(text + "\n石龙区人民政府办公室\n\n2025年1月20日\n")
        #expect(signed.files.first { $0.name == "other.md" }?.text == ImportFixture.example.narrative["other.md"])
        #expect(signed.report?.published?.value.description == "2025-01-20")
        let dated = ImportFixture.convert(text + "\n2025年1月20日\n")
        #expect(dated.files.first { $0.name == "other.md" }?.text == ImportFixture.example.narrative["other.md"]! + "\n2025年1月20日\n")
    }

    @Test func theSameReportGivesTheSameBytesWithFixedTimestampsAndOrder() throws {
        let a = try WordExport.document(for: ImportFixture.example)
        let b = try WordExport.document(for: ImportFixture.example)
        #expect(a == b)
        // The narrative given apart, as the site builder gives it, changes nothing.
        var slim = ImportFixture.example
        slim.narrative = [:]
        #expect(try WordExport.document(for: slim, narrative: ImportFixture.example.narrative) == a)
        let parts = try ExportFixture.parts(a)
        #expect(parts.map(\.name) == [
            "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml", "word/styles.xml",
            "word/numbering.xml", "word/settings.xml", "word/footer1.xml", "word/footer2.xml", "word/_rels/document.xml.rels",
        ])
        let stamps = Set(parts.compactMap(\.modified).map { Int($0.timeIntervalSince1970) })
        #expect(stamps.count == 1 && parts.allSatisfy { $0.modified != nil })
    }

    /// The official layout: table 三's three header rows repeat, no row splits, spans as merges.
    @Test func tablesHaveTheOfficialMergesRepeatedHeadersAndRowsKeptWhole() throws {
        let document = try ExportFixture.part(try WordExport.document(for: ImportFixture.example), "word/document.xml")
        let tables = document.components(separatedBy: "<w:tbl>").dropFirst().map { $0.components(separatedBy: "</w:tbl>")[0] }
        #expect(tables.count == 3)
        func count(_ text: String, _ needle: String) -> Int { text.components(separatedBy: needle).count - 1 }
        let rows = tables.map { count($0, "<w:tr>") }
        #expect(rows == [14, 28, 4])
        for (table, rowCount) in zip(tables, rows) { #expect(count(table, "<w:cantSplit/>") == rowCount) }
        #expect(tables.map { count($0, "<w:tblHeader/>") } == [0, 3, 3])
        // Table 三: 三、本年度办理结果 merged down 22 rows, its four groups 8, 3, 5 and 3.
        #expect(count(tables[1], #"<w:vMerge w:val="restart"/>"#) == 1 + 4 + 3)  // + 自然人, 总计 and the corner
        // Continued: the corner in two rows, 自然人 and 总计 in one each; 三、 in 21; the groups in 7, 2, 4 and 2.
        #expect(count(tables[1], "<w:vMerge/>") == 2 + 1 + 1 + 21 + (7 + 2 + 4 + 2))
        #expect(tables[1].contains(#"<w:gridSpan w:val="7"/>"#))  // 申请人情况
        #expect(tables[2].contains(#"<w:gridSpan w:val="10"/>"#))  // 行政诉讼
        #expect(count(tables[0], #"<w:gridSpan w:val="4"/>"#) == 4)  // the four 第二十条 headings
    }

    /// The 落款 ends the document (agency, then the date in Arabic numerals), and the last
    /// paragraph of the text is kept on its page, so it never stands alone.
    @Test func theSignatureEndsTheDocumentWithTheLastParagraph() throws {
        let document = try ExportFixture.part(try WordExport.document(for: ImportFixture.example), "word/document.xml")
        let paragraphs = document.components(separatedBy: "<w:p>").dropFirst()
        let last = Array(paragraphs.suffix(3))
        #expect(last[0].contains("<w:keepNext/>") && last[0].contains("2024年本单位依申请公开政府信息未收费。"))
        #expect(last[1].contains(#"<w:pStyle w:val="Signature"/><w:keepNext/>"#) && last[1].contains(">石龙区人民政府办公室<"))
        #expect(last[2].contains(">2025年1月20日<"))
        var undated = ImportFixture.example
        undated.published = nil
        let plain = try ExportFixture.part(try WordExport.document(for: undated), "word/document.xml")
        // Without a date there is no 落款 (a draft not yet dated).
        #expect(!plain.contains("Signature"))
        #expect(plain.contains("<w:p><w:r>" + #"<w:t xml:space="preserve">"# + "按照《国务院办公厅"))
    }

    /// Content is text everywhere: markup in a name or the narrative is escaped, raw HTML never
    /// passes, characters XML cannot hold are dropped, and the parts stay well-formed.
    @Test func contentIsEscapedAndRawHTMLNeverPasses() throws {
        var report = ImportFixture.example
        report.agency = Located("A&B<局>\"x\"", at: report.agency!.location)
        report.narrative["overview.md"] = "<script>alert(1)</script>\n\n正文 <b>粗</b> & 更多\u{1}。\n\n<!-- 提示 -->\n"
        let data = try WordExport.document(for: report)
        let document = try ExportFixture.part(data, "word/document.xml")
        #expect(document.contains("A&amp;B&lt;局&gt;&quot;x&quot;"))
        #expect(!document.contains("script") && !document.contains("<b>") && !document.contains("提示"))
        #expect(document.contains("正文 粗 &amp; 更多。"))
        #expect(!document.unicodeScalars.contains { $0.value == 1 })
        for part in try ExportFixture.parts(data) where part.name.hasSuffix(".xml") || part.name.hasSuffix(".rels") {
            #expect(XMLParser(data: part.data).parse(), "\(part.name)")
        }
    }
}
