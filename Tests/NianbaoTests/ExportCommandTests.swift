import Foundation
import NianbaoExport
import NianbaoModel
import Testing
import ZIPFoundation

/// `nianbao export` as a user runs it (bad input, several reports, replacing a file) and the
/// reference document a site can give.
@Suite struct ExportCommandTests {
    let cli = CommandLineTests()

    /// A zip of `parts` at `path`.
    static func zip(_ parts: [(String, Data)], to path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in parts {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    @Test func aReferenceThatIsNotAWordDocumentGetsOneErrorNamingIt() throws {
        let dir = TempDir()
        dir.write("text.docx", "这不是 Word 文档")
        try Self.zip([("word/document.xml", Data("<w:document/>".utf8))], to: dir.path + "/nostyles.docx")
        try Self.zip([("word/document.xml", Data("<w:document".utf8)), ("word/styles.xml", Data("<w:styles/>".utf8))],
                     to: dir.path + "/broken.docx")
        let cases = [("text.docx", "不是 zip 格式"), ("nostyles.docx", "缺少样式部件 word/styles.xml"),
                     ("broken.docx", "word/document.xml 不是有效的 XML"), ("missing.docx", "文件不存在")]
        for (name, reason) in cases {
            let path = dir.path + "/" + name
            #expect {
                try ReferenceDocument.load(path: path)
            } throws: { error in
                let message = (error as? ReferenceDocument.Failure)?.message ?? ""
                return message.hasPrefix("参考文档「\(path)」不是可用的 Word 文档（.docx）：") && message.contains(reason)
            }
        }
        // The command: one line, exit status 1, nothing written.
        let site = Fixture.site()
        let run = try cli.run(["export", "reports/2024/shilong-gov-office", "-o", "out.docx", "--reference", dir.path + "/text.docx"],
                              in: site.path)
        #expect(run.status == 1)
        #expect(run.stderr.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("参考文档「\(dir.path)/text.docx」不是可用的 Word 文档"))
        #expect(!FileManager.default.fileExists(atPath: site.path + "/out.docx"))
    }

    /// Styles and page set-up come from the reference; styles it lacks from the default.
    @Test func aReferenceGivesStylesAndPageSetUp() throws {
        let dir = TempDir()
        var parts = try ExportFixture.parts(try WordExport.document(for: ImportFixture.example)).map { ($0.name, $0.data) }
        for i in parts.indices {
            var text = String(decoding: parts[i].1, as: UTF8.self)
            if parts[i].0 == "word/styles.xml" {
                text = text.replacingOccurrences(of: #"w:eastAsia="仿宋_GB2312""#, with: #"w:eastAsia="宋体""#)
                let start = text.range(of: #"<w:style w:type="paragraph" w:styleId="TableText">"#)!
                let end = text.range(of: "</w:style>", range: start.upperBound..<text.endIndex)!
                text.removeSubrange(start.lowerBound..<end.upperBound)
            }
            if parts[i].0 == "word/document.xml" {
                text = text.replacingOccurrences(of: #"w:left="1587""#, with: #"w:left="2000""#)
                text = text.replacingOccurrences(of: "<w:sectPr>", with: #"<w:sectPr><w:headerReference w:type="default" r:id="rId99"/>"#)
            }
            parts[i].1 = Data(text.utf8)
        }
        try Self.zip(parts, to: dir.path + "/reference.docx")
        let reference = try ReferenceDocument.load(path: dir.path + "/reference.docx")
        let data = try WordExport.document(for: ImportFixture.example, reference: reference)
        let styles = try ExportFixture.part(data, "word/styles.xml")
        let defaults = try #require(styles.components(separatedBy: "</w:docDefaults>").first)
        #expect(defaults.contains(#"w:eastAsia="宋体""#) && !defaults.contains("仿宋_GB2312"))
        #expect(styles.contains(#"w:styleId="TableText""#))
        let document = try ExportFixture.part(data, "word/document.xml")
        #expect(document.contains(#"w:left="2000""#))
        #expect(!document.contains("rId99"))
        // The tables fill the narrower text area: 11906 − 2000 − 1474 twips.
        #expect(document.contains(#"<w:tblW w:w="8432" w:type="dxa"/>"#))
        #expect(ExportFixture.reimport(data, slug: "shilong-gov-office").figureCounts == ["two": 10, "three": 175, "four": 15])
    }

    /// Chinese Word gives built-in styles other ids (heading 1 is `1`, Normal is `a`) under the
    /// same names: the export uses the reference's ids, and imports back the same.
    @Test func aReferenceFromChineseWordIsMatchedByStyleName() throws {
        let dir = TempDir()
        var parts = try ExportFixture.parts(try WordExport.document(for: ImportFixture.example)).map { ($0.name, $0.data) }
        for i in parts.indices where parts[i].0 == "word/styles.xml" {
            var text = String(decoding: parts[i].1, as: UTF8.self)
            text = text.replacingOccurrences(of: #"w:styleId="Heading1""#, with: #"w:styleId="1""#)
                .replacingOccurrences(of: #"w:styleId="Normal""#, with: #"w:styleId="a""#)
                .replacingOccurrences(of: #"<w:basedOn w:val="Normal"/>"#, with: #"<w:basedOn w:val="a"/>"#)
                .replacingOccurrences(of: #"<w:next w:val="Normal"/>"#, with: #"<w:next w:val="a"/>"#)
            let start = text.range(of: #"<w:style w:type="paragraph" w:styleId="TableText">"#)!
            let end = text.range(of: "</w:style>", range: start.upperBound..<text.endIndex)!
            text.removeSubrange(start.lowerBound..<end.upperBound)
            parts[i].1 = Data(text.utf8)
        }
        try Self.zip(parts, to: dir.path + "/reference.docx")
        let data = try WordExport.document(for: ImportFixture.example, reference: try ReferenceDocument.load(path: dir.path + "/reference.docx"))
        let document = try ExportFixture.part(data, "word/document.xml")
        #expect(document.contains(#"<w:pStyle w:val="1"/>"#) && !document.contains(#"w:val="Heading1""#))
        let styles = try ExportFixture.part(data, "word/styles.xml")
        #expect(!styles.contains(#"w:styleId="Heading1""#) && !styles.contains(#"w:styleId="Normal""#))
        // TableText, added from the default, is based on the reference's Normal.
        let added = try #require(styles.components(separatedBy: #"w:styleId="TableText">"#).dropFirst().first)
        #expect(added.hasPrefix(#"<w:name w:val="Table Text"/><w:basedOn w:val="a"/>"#))
        let result = ExportFixture.reimport(data, slug: "shilong-gov-office")
        #expect(result.figureCounts == ["two": 10, "three": 175, "four": 15])
        #expect(result.files.first { $0.name == "overview.md" }?.text == ImportFixture.example.narrative["overview.md"])
    }

    @Test func aReportWithErrorsIsNotExportedAndItsDiagnosticsAreShownAsCheckShowsThem() throws {
        let site = Fixture.site(yaml: Fixture.seed(replacing: "received:        [9,", with: "received:        [8,"))
        let inside = try cli.run(["export", "reports/2024/shilong-gov-office", "-o", "out.docx"], in: site.path)
        #expect(inside.status == 1)
        #expect(inside.stderr.contains("reports/2024/shilong-gov-office/report.yaml:"), "\(inside.stderr)")
        #expect(inside.stderr.contains("[three.") && inside.stderr.contains("导出失败：未写入任何文件。"), "\(inside.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.path + "/out.docx"))
    }

    @Test func warningsArePrintedAndTheFileIsWrittenReplacingAnOldOneWhole() throws {
        let site = Fixture.site()
        site.write("reports/2024/shilong-gov-office/notes.txt", "草稿")
        site.write("out.docx", "旧文件")
        let run = try cli.run(["export", "reports/2024/shilong-gov-office", "-o", "out.docx"], in: site.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("[file.unknown]"))
        #expect(run.stdout == "已导出「石龙区人民政府办公室2024年政府信息公开工作年度报告」→ out.docx\n")
        let data = try Data(contentsOf: URL(fileURLWithPath: site.path + "/out.docx"))
        #expect(data == (try WordExport.document(for: ImportFixture.example)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func severalReportsGoIntoAFolderOneFileEach() throws {
        let site = Fixture.site()
        site.write("reports/2023/shilong-gov-office/report.yaml", Fixture.seedYAML.replacingOccurrences(of: "year: 2024", with: "year: 2023")
            .replacingOccurrences(of: "published: 2025-01-20", with: "published: 2024-01-20")
            .replacingOccurrences(of: "2024年政府", with: "2023年政府"))
        for name in ["overview.md", "problems.md", "other.md"] {
            site.write("reports/2023/shilong-gov-office/" + name, site.read("reports/2024/shilong-gov-office/" + name))
        }
        let run = try cli.run(["export", "reports/2024/shilong-gov-office", "reports/2023/shilong-gov-office", "-o", "word"], in: site.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path + "/word").sorted()
            == ["shilong-gov-office-2023.docx", "shilong-gov-office-2024.docx"])
        // Into one .docx file they cannot go.
        let refused = try cli.run(["export", "reports/2024/shilong-gov-office", "reports/2023/shilong-gov-office", "-o", "x.docx"], in: site.path)
        #expect(refused.status == 1 && refused.stderr.contains("[export.output]"), "\(refused.stderr)")
    }
}
