import Foundation
import NianbaoContent
@testable import NianbaoImport
import NianbaoMarkdown
import NianbaoModel
import Testing

/// `nianbao import` on Word documents: the seed as an agency types it (fixtures made by
/// scripts/make-docx-fixtures.py), the variants clerks send, and files that cannot be read.
@Suite struct ImportDocxTests {
    static let folder = Repo.fixtures + "/docx"
    static let exampleFigures = ImportFixture.figures(ImportFixture.example)

    static func convert(_ name: String) throws -> ImportResult {
        try ImportFixture.convert(name, in: folder)
    }

    static func file(_ result: ImportResult, _ name: String) -> String? {
        result.files.first { $0.name == name }?.text
    }

    static func exampleFile(_ name: String) -> String {
        try! String(contentsOfFile: Repo.seedReportFolder + "/" + name, encoding: .utf8)
    }

    /// The line of the rendered document (what diagnostics quote) at a location.
    static func quoted(_ result: ImportResult, _ diagnostic: Diagnostic) -> String {
        let lines = (result.text ?? "").components(separatedBy: "\n")
        guard let line = diagnostic.location?.line, line >= 1, line <= lines.count else { return "" }
        return lines[line - 1]
    }

    @Test func seedDocxImportsToTheExampleContent() throws {
        let result = try Self.convert("seed.docx")
        #expect(!result.failed)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.agency == "石龙区人民政府办公室")
        #expect(result.year == 2024)
        #expect(result.figureCounts == ["two": 10, "three": 175, "four": 15])
        #expect(result.layouts == ["Word 表格", "Word 表格", "Word 表格"])
        #expect(result.subheadings == 7)
        #expect(result.paragraphs == 15)

        // Every number: loaded back as content, figure for figure the hand-made report.
        let (loaded, diagnostics, _) = ImportFixture.load(result)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let report = try #require(loaded)
        #expect(ImportFixture.figures(report).count == 200)
        #expect(ImportFixture.figures(report) == Self.exampleFigures)
        // Every paragraph: the Markdown files are the hand-made ones, byte for byte.
        #expect(result.files.map(\.name) == ["report.yaml", "overview.md", "problems.md", "other.md"])
        for name in ["overview.md", "problems.md", "other.md"] {
            #expect(Self.file(result, name) == Self.exampleFile(name), "\(name)")
        }
        // report.yaml: the example's, but for spacing and the line naming the source.
        func lines(_ text: String) -> [String] {
            text.components(separatedBy: "\n").filter { !$0.contains("nianbao import") }
                .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        }
        let yaml = try #require(Self.file(result, "report.yaml"))
        #expect(lines(yaml) == lines(Self.exampleFile("report.yaml")))
        #expect(yaml.contains("# 由 nianbao import 从「seed.docx」导入"))
    }

    @Test func theRenderedTextIsWhatDiagnosticsQuote() throws {
        let result = try Self.convert("seed.docx")
        let lines = try #require(result.text).components(separatedBy: "\n")
        #expect(lines.first == "石龙区人民政府办公室 2024 年政府信息公开工作年度报告")
        #expect(lines.contains("一、总体情况"))
        #expect(lines.contains("（一）主动公开"))
        // A table row is a line, its cells on the grid, separated by tabs (merged slots empty).
        #expect(lines.contains("规章\t0\t0\t0"))
        #expect(lines.contains("行政许可\t0\t\t"))
        #expect(lines.contains("三、本年度办理结果\t(一) 予以公开\t\t8\t0\t0\t0\t0\t0\t8"))
        #expect(lines.contains("\t\t2. 其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0"))
    }

    /// Variants a clerk sends that still give every figure: the expected notes, and nothing else.
    @Test(arguments: [
        ("split-table.docx", [String]()),
        ("blank-row.docx", []),
        ("full-width-digits.docx", []),
        ("merged-labels.docx", []),
        ("numbered.docx", []),
        ("tracked-changes.docx", ["import.revisions"]),
        ("footnote-comment.docx", ["import.ignored", "import.ignored"]),
    ])
    func variantImportsEveryFigure(name: String, rules: [String]) throws {
        let result = try Self.convert(name)
        #expect(!result.failed)
        #expect(ImportFixture.rules(result) == rules, "\(result.diagnostics.map(\.message))")
        #expect(result.figureCounts == ["two": 10, "three": 175, "four": 15])
        let (loaded, diagnostics, _) = ImportFixture.load(result)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(ImportFixture.figures(try #require(loaded)) == Self.exampleFigures)
    }

    @Test func trackedChangesAreReadAsAcceptedAndWarned() throws {
        let result = try Self.convert("tracked-changes.docx")
        let warning = try #require(result.diagnostics.first { $0.rule == "import.revisions" })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("3 处未接受或拒绝的修订"))
        #expect(warning.message.contains("插入的文字计入，删除的文字不计"))
        // The deleted sentence is not imported; the inserted 9 (over a deleted 8) is.
        #expect(Self.file(result, "overview.md") == Self.exampleFile("overview.md"))
        #expect(!(result.text ?? "").contains("此句已删除"))
        #expect(result.report?.tableThree["received"]?.cells.first??.value.text == "9")
    }

    @Test func footnotesAndCommentsAreLeftOutWithANotice() throws {
        let result = try Self.convert("footnote-comment.docx")
        let messages = result.diagnostics.map(\.message)
        #expect(messages.contains("文档中有 1 个脚注或尾注，未导入；如需在网页上显示，请写入正文"))
        #expect(messages.contains("文档中有 1 条批注，未导入（批注不属于报告正文）"))
        // The footnote is located at the paragraph that refers to it.
        let footnote = try #require(result.diagnostics.first { $0.message.contains("脚注") })
        #expect(Self.quoted(result, footnote).hasPrefix("对照省、市政务公开工作要点"))
        for name in ["overview.md", "problems.md", "other.md"] {
            #expect(Self.file(result, name) == Self.exampleFile(name), "\(name)")
        }
    }

    @Test func numberingBoldAndListsBecomeMarkdown() throws {
        let result = try Self.convert("numbered.docx")
        // Automatic numbers are read as shown: `一、` headings cut the sections, `（一）` sub-headings.
        let overview = try #require(Self.file(result, "overview.md"))
        #expect(overview.hasPrefix("### （一）主动公开\n\n"))
        #expect(overview.contains("### （五）监督保障\n"))
        #expect(overview.contains("累计发布各类信息 **2451 条**，其中"))
        let problems = try #require(Self.file(result, "problems.md"))
        #expect(problems.hasPrefix("### （一）存在的主要问题\n\n"))
        let other = try #require(Self.file(result, "other.md"))
        #expect(other.hasSuffix("未收费。\n\n1. 依申请公开政府信息未收费；\n2. 无其他需要报告的事项。\n"))
        // And the page shows them so.
        let html = MarkdownRenderer.html(overview + other)
        #expect(html.contains("<strong>2451 条</strong>"))
        #expect(html.contains("<ol>\n<li>依申请公开政府信息未收费；</li>\n<li>无其他需要报告的事项。</li>\n</ol>"))
    }

    @Test func aNumberLostToAMergedCellIsNamedWithItsRow() throws {
        let result = try Self.convert("merged-numbers.docx")
        #expect(!result.failed)
        #expect(ImportFixture.rules(result) == ["import.merged", "import.row-unread"])
        let merged = result.diagnostics[0]
        #expect(merged.message.contains("与上一行的「1」合并成了一格（纵向合并单元格）"))
        #expect(Self.quoted(result, merged).hasPrefix("\t\t2. 没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t"))
        let unread = result.diagnostics[1]
        #expect(unread.message == "「2.没有现成信息需要另行制作」行有 6 个数（0 0 0 0 0 0），与表头的 7 列对不上，未导入；请对照原文填写")
        #expect(unread.location?.line == merged.location?.line)
        // Left out of report.yaml, commented with the note, so `check` asks for it.
        let yaml = try #require(Self.file(result, "report.yaml"))
        #expect(yaml.contains("# needs_creation:"))
        let (_, diagnostics, _) = ImportFixture.load(result)
        #expect(diagnostics.contains { $0.rule == "key.missing" && $0.message.contains("needs_creation") })
    }

    @Test func aTableThatDoesNotAddUpIsKeptAsPublishedWithRowAndColumnNamed() throws {
        let result = try Self.convert("wrong-total.docx")
        #expect(!result.failed)
        #expect(result.asPublished)
        let finding = try #require(result.diagnostics.first { $0.rule == "three.row-total" })
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("一、本年新收政府信息公开申请数量"))
        #expect(finding.message.contains("总计"))
        #expect(finding.expected == "9")
        #expect(finding.actual == "10")
        // Located at the row in the document's text.
        #expect(Self.quoted(result, finding).hasPrefix("一、本年新收政府信息公开申请数量\t\t\t9\t0\t0\t0\t0\t0\t10"))
        #expect(result.diagnostics.contains { $0.rule == "import.as-published" })
        let yaml = try #require(Self.file(result, "report.yaml"))
        #expect(yaml.contains("as_published: true"))
        #expect(yaml.contains("# 原文如此："))
    }

    @Test func aTablePastedAsAPictureIsReportedForEntryByHand() throws {
        let result = try Self.convert("table-image.docx")
        #expect(!result.failed)
        #expect(ImportFixture.rules(result) == ["import.table-missing"])
        let note = result.diagnostics[0]
        #expect(note.message.contains("「四、政府信息公开行政复议、行政诉讼情况」的表格是以图片插入的，无法读取其中的数字"))
        #expect(note.message.contains("请对照原文手工录入"))
        #expect(Self.quoted(result, note) == "〔图片〕")
        #expect(result.figureCounts["four"] == nil)
        let yaml = try #require(Self.file(result, "report.yaml"))
        #expect(yaml.contains("# review_and_litigation:"))
    }

    /// Files that cannot be read: one clear error each, and no files.
    @Test(arguments: [
        ("old-word.doc", "import.format", "这是旧版 Word 97–2003 文档（.doc）"),
        ("password.docx", "import.docx", "文件设有打开密码（已加密）"),
        ("truncated.docx", "import.docx", "Word 文档已损坏"),
        ("zip-bomb.docx", "import.docx", "的压缩比超过 200 倍"),
        ("zip-bomb-lying.docx", "import.docx", "解压后的大小超过压缩包中记录的 4096 字节"),
    ])
    func unreadableFileFailsWithAMessage(name: String, rule: String, message: String) throws {
        let result = try Self.convert(name)
        #expect(result.failed)
        #expect(ImportFixture.rules(result) == [rule])
        #expect(result.diagnostics[0].message.contains(message), "\(result.diagnostics[0].message)")
        #expect(result.files.isEmpty)
        #expect(result.report == nil)

        // And nothing is written.
        let dir = TempDir()
        var claimed: [String: String] = [:]
        let run = Importer.run(path: Self.folder + "/" + name, options: ImportFixture.options(content: dir.path), claimed: &claimed)
        #expect(!run.written)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) == [])
    }

    @Test func damagedDocumentsGiveAMessageNotACrash() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/seed.docx"))
        guard case .success(let package) = DocxPackage.open(data) else { Issue.record("seed.docx not opened"); return }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
        for round in 0..<150 {
            // The document part cut short or with bytes changed; the whole file with bytes changed.
            var document = package.document
            if round % 2 == 0 {
                document = document.prefix(random(document.count))
            } else {
                for _ in 0..<8 { document[random(document.count)] = UInt8(random(256)) }
            }
            var damaged = package
            damaged.document = document
            if case .success(let output) = DocxReader.read(damaged) {
                #expect(!output.text.isEmpty || output.document.blocks.isEmpty)
            }
            var bytes = data
            for _ in 0..<4 { bytes[random(bytes.count)] = UInt8(random(256)) }
            let result = Importer.convert(bytes, file: "damaged.docx", options: ImportFixture.options(published: "2025-01-20"))
            #expect(result.failed == result.files.isEmpty)
        }
    }

    @Test func packageLimitsAreCheckedBeforeExtracting() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/seed.docx"))
        var limits = DocxPackage.Limits()
        limits.totalDeclared = 10_000
        guard case .failure(let total) = DocxPackage.open(data, limits: limits) else { Issue.record("not refused"); return }
        #expect(total.message.contains("解压后共超过"))
        limits = DocxPackage.Limits()
        limits.entries = 3
        guard case .failure(let entries) = DocxPackage.open(data, limits: limits) else { Issue.record("not refused"); return }
        #expect(entries.message.contains("压缩包中的文件超过 3 个"))
        limits = DocxPackage.Limits()
        limits.part = 1000
        guard case .failure(let part) = DocxPackage.open(data, limits: limits) else { Issue.record("not refused"); return }
        #expect(part.message.contains("超过 0 MB") || part.message.contains("解压后有"))
    }

    @Test func hostileXMLIsRefusedWithoutCrashing() throws {
        let deep = String(repeating: "<w:p>", count: 5000) + String(repeating: "</w:p>", count: 5000)
        let entity = "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
        for document in [
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>\(deep)</w:body></w:document>",
            "\(entity)<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>",
            "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>",
        ] {
            let result = DocxReader.read(DocxPackage(document: Data(document.utf8)))
            guard case .failure(let failure) = result else { Issue.record("read: \(document.prefix(80))"); continue }
            #expect(failure.message.hasPrefix("Word 文档已损坏"))
        }
    }

    @Test func namespacePrefixesDoNotMatter() throws {
        // The same paragraph written with another prefix for WordprocessingML (strict namespace).
        let xml = """
            <x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body>
            <x:p><x:r><x:rPr><x:b/></x:rPr><x:t>（一）主动公开</x:t></x:r></x:p>
            <x:tbl><x:tr><x:tc><x:tcPr><x:gridSpan x:val="2"/></x:tcPr><x:p><x:r><x:t>规章</x:t></x:r></x:p></x:tc><x:tc><x:p><x:r><x:t>0</x:t></x:r></x:p></x:tc></x:tr></x:tbl>
            </x:body></x:document>
            """
        guard case .success(let output) = DocxReader.read(DocxPackage(document: Data(xml.utf8))) else { Issue.record("not read"); return }
        #expect(output.text == "（一）主动公开\n规章\t\t0\n")
        guard case .table(let table) = output.document.blocks[1] else { Issue.record("no table"); return }
        #expect(table.rows[0].map(\.position) == [0, 2])
        guard case .line(let line) = output.document.blocks[0] else { Issue.record("no line"); return }
        #expect(line.format?.spans == [LineFormat.Span(text: "（一）主动公开", bold: true)])
    }

    @Test func aNumberedHeadingStaysAHeadingAndANumberedParagraphAListItem() throws {
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        let numbering = """
            <w:numbering \(w)><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
            <w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num></w:numbering>
            """
        let styles = "<w:styles \(w)><w:style w:type=\"paragraph\" w:styleId=\"H2\"><w:name w:val=\"heading 2\"/></w:style></w:styles>"
        let numPr = "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"5\"/></w:numPr>"
        let document = """
            <w:document \(w)><w:body>
            <w:p><w:pPr><w:pStyle w:val="H2"/>\(numPr)</w:pPr><w:r><w:t>工作概述</w:t></w:r></w:p>
            <w:p><w:pPr>\(numPr)</w:pPr><w:r><w:t>第一项</w:t></w:r></w:p>
            </w:body></w:document>
            """
        let package = DocxPackage(document: Data(document.utf8), numbering: Data(numbering.utf8), styles: Data(styles.utf8))
        guard case .success(let output) = DocxReader.read(package) else { Issue.record("not read"); return }
        let lines = output.document.blocks.compactMap { block -> SourceLine? in if case .line(let l) = block { l } else { nil } }
        // The number as shown (no space after `1.`, as the official labels write it).
        #expect(lines.map(\.text) == ["1.工作概述", "2.第一项"])
        #expect(NarrativeWriter.markdown(lines) == "### 1.工作概述\n\n2. 第一项\n")
    }

    @Test func chineseAndOtherNumberFormats() {
        #expect([1, 2, 10, 11, 20, 21, 100, 105, 110].map { DocxNumbering.chinese($0) } == ["一", "二", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十"])
        #expect(DocxNumbering.format(3, "decimalFullWidth") == "３")
        #expect(DocxNumbering.format(2, "decimalEnclosedCircle") == "②")
        #expect(DocxNumbering.format(28, "lowerLetter") == "bb")
        #expect(DocxNumbering.format(14, "upperRoman") == "XIV")
        #expect(DocxNumbering.format(3, "ideographTraditional") == "丙")
    }

    @Test func boldRunsBecomeStrongOnThePage() {
        typealias S = LineFormat.Span
        #expect(NarrativeWriter.inline([S(text: "共", bold: false), S(text: "9 件", bold: true), S(text: "。", bold: false)]) == "共**9 件**。")
        // Spaces at the ends are left outside; markup characters inside are escaped.
        #expect(NarrativeWriter.inline([S(text: "a", bold: false), S(text: " *b* ", bold: true)]) == "a **\\*b\\*** ")
        for (spans, strong) in [
            ([S(text: "一是", bold: false), S(text: "（重点）", bold: true), S(text: "领域", bold: false)], "（重点）"),
            ([S(text: "（一）", bold: true), S(text: "主动公开。", bold: false)], "（一）"),
            ([S(text: "印发", bold: false), S(text: "《“三审三校”制度》", bold: true), S(text: "，", bold: false)], "《“三审三校”制度》"),
            ([S(text: "a", bold: false), S(text: " *b* ", bold: true)], "*b*"),
        ] {
            let html = MarkdownRenderer.html(NarrativeWriter.inline(spans))
            #expect(html.contains("<strong>\(strong)</strong>"), "\(html)")
            #expect(!html.contains("**"), "\(html)")
        }
    }
}
