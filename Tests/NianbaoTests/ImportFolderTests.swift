import Foundation
import NianbaoContent
@testable import NianbaoImport
import NianbaoModel
import Testing

/// Many reports at once (`nianbao import DIR/*`): a bad file is passed over, the summary names
/// every file, and nothing depends on the order of the arguments.
@Suite struct ImportFolderTests {
    /// A folder of mixed files: the seed as text, Word and PDF (under three slugs' worth of
    /// agencies: each its own content folder is not needed, --slug is not given), a saved page, a
    /// 2019-format report, a scan and an empty file.
    static func folder() throws -> TempDir {
        let dir = TempDir()
        let seed = try String(contentsOfFile: Repo.seedText, encoding: .utf8)
        dir.write("in/a-seed.txt", seed)
        dir.write("in/b-other-agency.txt", seed.replacingOccurrences(of: "石龙区人民政府办公室", with: "青山区人民政府办公室"))
        dir.write("in/empty.txt", "")
        for (name, from) in [("c-seed.docx", "docx/seed.docx"), ("d-seed.pdf", "pdf/seed-chromium.pdf"), ("e-scan.pdf", "pdf/scan.pdf"),
                             ("f-trial.txt", "import/trial-format-2020.txt")] {
            try FileManager.default.copyItem(atPath: Repo.fixtures + "/" + from, toPath: dir.path + "/in/" + name)
        }
        dir.write("in/notes.yaml", "not a report")
        return dir
    }

    static func options(_ dir: TempDir) -> ImportOptions {
        var o = ImportOptions()
        o.content = dir.path + "/Content"
        o.published = "2025-01-20"
        return o
    }

    @Test func aFolderImportsPastBadFilesAndSummarisesEveryFile() throws {
        let dir = try Self.folder()
        // Slugs: the agencies already have report folders of another year.
        dir.write("Content/reports/2023/shilong-gov-office/report.yaml", "agency: 石龙区人民政府办公室\n")
        dir.write("Content/reports/2023/qingshan-gov-office/report.yaml", "agency: 青山区人民政府办公室\n")
        let results = ImportSummary.run([dir.path + "/in"], options: Self.options(dir))
        let names = results.map { URL(fileURLWithPath: $0.file).lastPathComponent }
        // The folder's report files, in path order; notes.yaml is no report file.
        #expect(names == ["a-seed.txt", "b-other-agency.txt", "c-seed.docx", "d-seed.pdf", "e-scan.pdf", "empty.txt", "f-trial.txt"])
        let rows = ImportSummary.rows(results)
        #expect(rows[0][1...4] == ["石龙区人民政府办公室", "2024", "200", "0"])
        #expect(rows[0][5].hasPrefix("已导入 → ") && rows[0][5].hasSuffix("/reports/2024/shilong-gov-office/"))
        #expect(rows[1][1...3] == ["青山区人民政府办公室", "2024", "200"])
        #expect(rows[1][5].hasSuffix("/reports/2024/qingshan-gov-office/"))
        // The same report again, as Word and PDF: the folder is the seed's, already written.
        #expect(rows[2][5].hasPrefix("未导入：") && rows[2][5].contains("a-seed.txt"))
        #expect(rows[3][5].hasPrefix("未导入："))
        #expect(rows[4][5].contains("扫描件"))
        #expect(rows[5][5].contains("文件为空"))
        #expect(rows[6][5].contains("2019 年试行格式"))
        let table = ImportSummary.table(results)
        #expect(table.hasSuffix("共 7 个文件：已导入 2 个，未导入 5 个；需核对 0 份已导入的报告。\n"))
        // Both written reports load.
        let (content, diagnostics) = ContentLoader.load(dir.path + "/Content")
        #expect(content.reports.filter { $0.year == 2024 }.count == 2)
        #expect(!diagnostics.contains { $0.severity == .error && $0.location?.file.contains("2024") == true })
    }

    @Test func theSummaryIsTheSameBytesWhateverTheOrderOfTheArguments() throws {
        var outputs: [String] = []
        for order in [[0, 1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1, 0], [3, 0, 6, 2, 5, 1, 4]] {
            let dir = try Self.folder()
            let files = ImportSummary.files([dir.path + "/in"])
            let given = order.map { files[$0] }
            var options = Self.options(dir)
            options.slug = "shilong-gov-office"
            let results = ImportSummary.run(given, options: options)
            let csv = ImportSummary.csv(results) + ImportSummary.table(results)
            outputs.append(csv.replacingOccurrences(of: dir.path, with: "DIR"))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
        // The first report of the slug is written; the others meet its folder.
        #expect(outputs[0].contains("DIR/in/a-seed.txt,石龙区人民政府办公室,2024,200,0,已导入 → DIR/Content/reports/2024/shilong-gov-office/\r\n"))
    }

    @Test func theCSVQuotesWhatNeedsQuotingAndStartsWithABOM() throws {
        var result = ImportResult(file: "a,b \"c\".txt")
        result.diagnostics = [.error("import.format", at: SourceLocation(file: "x", line: 1, column: 1), "文件为空，没有可导入的内容")]
        let csv = ImportSummary.csv([result])
        #expect(csv.hasPrefix("\u{FEFF}文件,机关,年度,读入数字,需核对,结果\r\n"))
        #expect(csv.hasSuffix("\"a,b \"\"c\"\".txt\",,,0,0,未导入：文件为空，没有可导入的内容\r\n"))
    }
}
