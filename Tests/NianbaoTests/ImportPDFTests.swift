import Foundation
import NianbaoContent
@testable import NianbaoImport
import NianbaoModel
import Testing

/// `nianbao import` on PDF files (scripts/make-pdf-fixtures.sh): the seed as LibreOffice exports
/// the Word fixture and as Chromium prints a saved page, and the PDFs that must be refused. These
/// tests run poppler's pdfinfo and pdftotext (poppler-utils), as the importer does; without them
/// they fail.
@Suite struct ImportPDFTests {
    static let folder = Repo.fixtures + "/pdf"
    static let exampleFigures = ImportFixture.figures(ImportFixture.example)

    static func convert(_ name: String) throws -> ImportResult {
        try ImportFixture.convert(name, in: folder)
    }

    @Test func popplerIsInstalled() {
        #expect(PDFTools.locate("pdftotext") != nil, "install poppler-utils")
        #expect(PDFTools.locate("pdfinfo") != nil, "install poppler-utils")
    }

    /// Both PDFs: every figure in its cell, every paragraph of the narrative byte for byte, and
    /// nothing to check (no note at all).
    @Test(arguments: ["seed-libreoffice.pdf", "seed-chromium.pdf"])
    func seedPDFImportsToTheExampleContent(name: String) throws {
        let result = try Self.convert(name)
        #expect(!result.failed)
        #expect(result.diagnostics.map(\.message) == [])
        #expect(result.agency == "石龙区人民政府办公室")
        #expect(result.year == 2024)
        #expect(result.figureCounts == ["two": 10, "three": 175, "four": 15])
        #expect(result.layouts == ["PDF 表格", "PDF 表格", "PDF 表格"])
        let (loaded, diagnostics, _) = ImportFixture.load(result)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let report = try #require(loaded)
        #expect(ImportFixture.figures(report).count == 200)
        #expect(ImportFixture.figures(report) == Self.exampleFigures)
        #expect(result.files.map(\.name) == ["report.yaml", "overview.md", "problems.md", "other.md"])
        for name in ["overview.md", "problems.md", "other.md"] {
            let example = try String(contentsOfFile: Repo.seedReportFolder + "/" + name, encoding: .utf8)
            #expect(result.files.first { $0.name == name }?.text == example, "\(name)")
        }
    }

    @Test func pageFurnitureIsDroppedAndTheRenderingMarksPages() throws {
        let result = try Self.convert("seed-chromium.pdf")
        let text = try #require(result.text)
        // Chromium's header (date, page title) and footer (file address, "1/4") are gone.
        #expect(!text.contains("file://"))
        #expect(!text.contains("1/4"))
        #expect(text.components(separatedBy: "\n").filter { $0.hasPrefix("石龙区人民政府办公室2024年") }.count == 1)
        #expect(text.contains("—— 第 2 页 ——"))
        // A table row is a line, its cells separated by tabs.
        #expect(text.contains("一、本年新收政府信息公开申请数量\t9\t0\t0\t0\t0\t0\t9"))
    }

    /// Table 四's column groups stand over their five columns. (Chromium prints the figures at
    /// the right of their cells and the group labels centred on them: placed against the figures
    /// alone, 未经复议直接起诉 started a column late, and the header read as out of place.)
    @Test(arguments: ["seed-libreoffice.pdf", "seed-chromium.pdf"])
    func tableFourGroupLabelsStandOverTheirColumns(name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/" + name))
        guard case .success(let output) = PDFImport.read(data) else {
            Issue.record("\(name) not read")
            return
        }
        let tables = output.document.blocks.compactMap { block -> SourceTable? in
            if case .table(let table) = block { return table }
            return nil
        }
        let four = try #require(tables.last)
        let groups = ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"]
        let positions = four.cells.filter { groups.contains($0.normalized) }.map { "\($0.normalized)@\($0.position ?? -1)" }
        #expect(positions == ["行政复议@1", "行政诉讼@6", "未经复议直接起诉@6", "复议后起诉@11"])
        let outcomes = four.cells.filter { ImportLabels.normalize("结果维持") == $0.normalized }.compactMap(\.position)
        #expect(outcomes == [1, 6, 11])
    }

    @Test func labelsWrappedInNarrowCellsAreRejoined() throws {
        // LibreOffice's table 三 has label columns two characters wide: 「1. 属 / 于国 / 家秘 / 密」.
        let result = try Self.convert("seed-libreoffice.pdf")
        let lines = try #require(result.text).components(separatedBy: "\n")
        #expect(lines.contains("(三) 不予公开\t1. 属于国家秘密\t0\t0\t0\t0\t0\t0\t0"))
        #expect(lines.contains("三、本年度办理结果\t(一) 予以公开\t8\t0\t0\t0\t0\t0\t8"))
        // The paragraph that ran over lines is one line again, with no space between CJK characters.
        #expect(lines.contains { $0.hasPrefix("对照省、市政务公开工作要点，聚焦重点领域") && $0.hasSuffix("办理区长信箱群众留言答复 15 件。") })
    }

    @Test(arguments: [
        ("scan.pdf", "扫描件"),
        ("encrypted.pdf", "已加密"),
        ("truncated.pdf", "不完整"),
        ("bomb-pages.pdf", "共 5000 页"),
        ("bomb-stream.pdf", "解压后共超过"),
    ])
    func unreadablePDFIsRefusedWithOneMessage(name: String, words: String) throws {
        let dir = TempDir()
        var claimed: [String: String] = [:]
        var options = ImportFixture.options(content: dir.path + "/Content")
        options.published = "2025-01-20"
        let result = Importer.run(path: Self.folder + "/" + name, options: options, claimed: &claimed)
        #expect(result.failed)
        #expect(!result.written)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.rule == "import.pdf")
        #expect(result.diagnostics.first?.message.contains(words) == true, "\(result.diagnostics.map(\.message))")
        #expect(SourceFile.kind(of: dir.path + "/Content") == .missing)
    }

    @Test func aStuckReaderIsStoppedAtTheTimeLimit() throws {
        var limits = PDFFile.Limits()
        limits.wallSeconds = 0
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/seed-libreoffice.pdf"))
        guard case .failure(let failure) = PDFImport.read(data, limits: limits) else {
            Issue.record("read within no time at all")
            return
        }
        #expect(failure.message.contains("读取超过 0 秒"))
    }

    @Test func damagedPDFsGiveAMessageNotACrash() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/seed-libreoffice.pdf"))
        var seed: UInt64 = 17
        func random(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        for _ in 0..<6 {
            var bytes = [UInt8](data)
            for _ in 0..<200 { bytes[random(bytes.count)] = UInt8(random(256)) }
            let result = Importer.convert(Data(bytes), file: "damaged.pdf", options: ImportFixture.options())
            // Either read (poppler repairs what it can) or refused with a message; never a crash.
            #expect(result.failed ? result.diagnostics.contains { $0.severity == .error } : result.report != nil)
        }
    }
}
