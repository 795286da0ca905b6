import Foundation
import NianbaoContent
import NianbaoImport
import NianbaoModel
import NianbaoSite
import Testing

/// What `nianbao import` writes: identical files for identical input, never over a report
/// folder unless told, and `as_published` for figures that break a 勾稽关系.
@Suite struct ImportWriteTests {
    func files(under folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            out[name] = FileManager.default.contents(atPath: folder + "/" + name)
        }
        return out
    }

    func run(_ path: String, _ options: ImportOptions) -> ImportResult {
        var claimed: [String: String] = [:]
        return Importer.run(path: path, options: options, claimed: &claimed)
    }

    @Test func importingTwiceGivesIdenticalFiles() throws {
        let dir = TempDir()
        let first = run(Repo.seedText, ImportFixture.options(content: dir.path + "/a"))
        let second = run(Repo.seedText, ImportFixture.options(content: dir.path + "/b"))
        #expect(first.written && second.written)
        let a = files(under: dir.path + "/a/reports/2024/shilong-gov-office")
        let b = files(under: dir.path + "/b/reports/2024/shilong-gov-office")
        #expect(a.keys.sorted() == ["other.md", "overview.md", "problems.md", "report.yaml"])
        #expect(a == b)
        // Again over the first, with --force: the same bytes.
        var force = ImportFixture.options(content: dir.path + "/a")
        force.force = true
        #expect(run(Repo.seedText, force).written)
        #expect(files(under: dir.path + "/a/reports/2024/shilong-gov-office") == a)
    }

    @Test func anExistingReportFolderIsKeptUnlessForced() throws {
        let content = Fixture.site()
        let folder = content.path + "/reports/2024/shilong-gov-office"
        content.write("reports/2024/shilong-gov-office/preamble.md", "前言。\n")
        let before = files(under: folder)
        let refused = run(Repo.seedText, ImportFixture.options(content: content.path))
        #expect(!refused.written)
        let refusal = refused.diagnostics.filter { $0.severity == .error }
        #expect(refusal.map(\.rule) == ["import.exists"])
        #expect(refusal.first?.message == "报告目录 \(folder)/ 已存在，未写入任何文件；如要用本次导入的内容覆盖，请加 --force")
        #expect(files(under: folder) == before)

        var options = ImportFixture.options(content: content.path, published: "2025-01-20")
        options.force = true
        let forced = run(Repo.seedText, options)
        #expect(forced.written)
        // The preamble of the earlier content is gone: the folder holds this import only.
        #expect(files(under: folder).keys.sorted() == ["other.md", "overview.md", "problems.md", "report.yaml"])
        let (loaded, diagnostics) = ContentLoader.load(content.path)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(ImportFixture.figures(loaded.reports[0]) == ImportFixture.figures(ImportFixture.example))
    }

    @Test func anyAgencyNameLoadsBackAsWritten() throws {
        for name in ["石龙区“政务”办公室: #1", "- [x] & *y*", "yes", "a\u{1}b\u{2028}c\\d\"e", "tab\there"] {
            var options = ImportFixture.options(published: "2025-01-20")
            options.agency = name
            let result = Importer.convert(try Data(contentsOf: URL(fileURLWithPath: Repo.seedText)), file: "seed.txt", options: options)
            let (loaded, diagnostics, _) = ImportFixture.load(result)
            #expect(!diagnostics.contains { $0.rule.hasPrefix("yaml.") }, "\(name): \(diagnostics.map(\.message))")
            #expect(loaded?.agency?.value == name)
        }
    }

    @Test func theSlugOfAnEarlierYearIsReused() {
        let content = Fixture.site()
        let text = try! String(contentsOfFile: Repo.seedText, encoding: .utf8)
            .replacingOccurrences(of: " 2024 年政府信息", with: " 2025 年政府信息")
        content.write("2025.txt", text)
        var options = ImportFixture.options(content: content.path)
        options.slug = nil
        let result = run(content.path + "/2025.txt", options)
        #expect(result.written)
        #expect(result.folder == content.path + "/reports/2025/shilong-gov-office")
        // An agency the content does not know needs --slug.
        let other = TempDir()
        let unknown = run(Repo.seedText, { var o = options; o.content = other.path; return o }())
        #expect(!unknown.written)
        #expect(unknown.diagnostics.filter { $0.severity == .error }.map(\.rule) == ["import.slug"])
    }

    @Test func brokenRulesAreKeptAsPublishedAndNoted() throws {
        let text = try String(contentsOfFile: Repo.seedText, encoding: .utf8)
            .replacingOccurrences(of: "一、本年新收政府信息公开申请数量\t\t9\t0\t0\t0\t0\t0\t9", with: "一、本年新收政府信息公开申请数量\t\t9\t0\t0\t0\t0\t0\t8")
        let result = ImportFixture.convert(text, file: "inconsistent.txt", published: "2025-01-20")
        #expect(!result.failed)
        #expect(result.asPublished)
        // The findings, as warnings located in the published text, and the note that says so.
        #expect(ImportFixture.rules(result) == ["three.row-total", "three.balance", "import.as-published"])
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
        let line = Fixture.position(of: "一、本年新收", in: text).line
        #expect(result.diagnostics[0].location?.line == line)
        let yaml = try #require(result.files.first { $0.name == "report.yaml" }?.text)
        #expect(yaml.contains("\nas_published: true             # 按原文照录：数字不符合勾稽关系之处，检查时只作警告\n"))
        #expect(yaml.contains("  # 原文如此：表三「一、本年新收政府信息公开申请数量」行的「总计」应为 9（自然人与法人或其他组织各列之和），实际为 8（as_published：数字按原文照录）（原文第 \(line) 行）\n  received:        [9, 0, 0, 0, 0, 0, 8]"))
        #expect(yaml.contains("[9, 0, 0, 0, 0, 0, 8]"))

        // check: warnings, no errors; the figures are the published ones.
        let (loaded, diagnostics, dir) = ImportFixture.load(result)
        #expect(loaded?.asPublished == true)
        #expect(loaded?.tableThree["received"]?.cells.last??.value.text == "8")
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.message))")
        #expect(diagnostics.filter { Rules.isConsistencyRule($0.rule) }.map(\.severity) == [.warning, .warning])

        // build: the page carries the note, listing both.
        let out = TempDir()
        let built = SiteBuilder.build(.init(content: dir.path, templates: Repo.templates, output: out.path + "/Site"))
        #expect(built.succeeded, "\(built.diagnostics)")
        let page = out.read("Site/2024/shilong-gov-office/index.html")
        #expect(page.contains("<aside class=\"note as-published\""))
        #expect(page.contains("<p>本报告的数字按原文照录。原文表格中以下数字之间不一致，本站未作改动：</p>"))
        #expect(page.contains("<li>表三「一、本年新收政府信息公开申请数量」行的「总计」应为 9（自然人与法人或其他组织各列之和），实际为 8</li>"))
        #expect(page.contains("<li>表三「总计」列不平衡"))
        // A report without as_published has no note (the committed site is checked elsewhere).
        #expect(!(try String(contentsOfFile: Repo.site + "/2024/shilong-gov-office/index.html", encoding: .utf8)).contains("as-published"))
    }

    @Test func asPublishedIsReadAsWrittenAndOnlyTurnsSumsIntoWarnings() {
        let broken = Fixture.seed(replacing: "received:        [9, 0, 0, 0, 0, 0, 9]", with: "received:        [9, 0, 0, 0, 0, 0, 8]")
        func check(_ value: String?) -> [Diagnostic] {
            var yaml = broken
            if let value { yaml = yaml.replacingOccurrences(of: "published: 2025-01-20", with: "published: 2025-01-20\nas_published: \(value)") }
            return Fixture.load(Fixture.site(yaml: yaml)).1.filter { $0.rule != "narrative.numbers" }
        }
        #expect(check(nil).map(\.severity) == [.error, .error])
        #expect(check("false").map(\.severity) == [.error, .error])
        #expect(check("true").map(\.severity) == [.warning, .warning])
        for bad in ["yes", "\"true\"", "1", "[true]"] {
            let found = check(bad)
            #expect(found.contains { $0.rule == "value.type" && $0.message.hasPrefix("「as_published」（按原文照录）应为 true 或 false") }, "\(bad)")
        }
        // A value error is never turned into a warning.
        let typo = Fixture.seed(replacing: "[9, 0, 0, 0, 0, 0, 9]", with: "[9, 0, 0, 0, 0, 0, x]")
            .replacingOccurrences(of: "published: 2025-01-20", with: "published: 2025-01-20\nas_published: true")
        #expect(Fixture.load(Fixture.site(yaml: typo)).1.contains { $0.rule == "value.type" && $0.severity == .error })
    }
}

/// The `nianbao import` command as a user runs it.
@Suite struct ImportCommandTests {
    @Test func importThenRefuseThenCheck() throws {
        let dir = TempDir()
        let runner = CommandLineTests()
        let first = try runner.run(["import", Repo.seedText, "--slug", "shilong-gov-office", "--content", "Content"], in: dir.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("已导入「石龙区人民政府办公室2024年政府信息公开工作年度报告」：\(Repo.seedText) → Content/reports/2024/shilong-gov-office/\n"))
        #expect(first.stdout.contains("  写入 report.yaml、overview.md、problems.md、other.md\n"))
        #expect(first.stdout.contains("  读入 表二 10 个数、表三 175 个数、表四 15 个数（制表符分隔）；叙述 15 段，其中小标题 7 个\n"))
        #expect(first.stderr.contains("\(Repo.seedText):3:1: 警告: 原文中没有找到发布日期"))
        #expect(first.stderr.contains("需要核对 1 处"))
        #expect(first.stderr.contains("导入后检查此报告：1 个错误，0 个警告"))

        let again = try runner.run(["import", Repo.seedText, "--slug", "shilong-gov-office"], in: dir.path)
        #expect(again.status == 1)
        #expect(again.stderr.contains("已存在，未写入任何文件；如要用本次导入的内容覆盖，请加 --force [import.exists]"))
        #expect(again.stderr.contains("导入失败：\(Repo.seedText) 未写入任何文件。"))

        let forced = try runner.run(["import", Repo.seedText, "--slug", "shilong-gov-office", "--published", "2025-01-20", "--force"], in: dir.path)
        #expect(forced.status == 0)
        #expect(forced.stderr.contains("没有需要核对之处。\n导入后检查此报告：0 个错误，0 个警告\n"))

        let missing = try runner.run(["import", "no-such-file.html", "--slug", "x"], in: dir.path)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no-such-file.html:1:1: 错误: 文件不存在 [import.file]"))
    }

    @Test func importWordDocuments() throws {
        let dir = TempDir()
        let runner = CommandLineTests()
        let docx = Repo.fixtures + "/docx/"
        let seed = try runner.run(["import", docx + "merged-numbers.docx", "--slug", "shilong-gov-office", "--published", "2025-01-20"], in: dir.path)
        #expect(seed.status == 0, "\(seed.stderr)")
        #expect(seed.stdout.contains("  读入 表二 10 个数、表三 168 个数、表四 15 个数（Word 表格）；叙述 15 段，其中小标题 7 个\n"))
        // The note quotes the row as the document's text gives it, the caret under the merged cell.
        let lines = seed.stderr.components(separatedBy: "\n")
        let note = try #require(lines.firstIndex { $0.contains("[import.merged]") })
        #expect(lines[note].hasPrefix(docx + "merged-numbers.docx:45:31: 警告: 这一格与上一行的「1」合并成了一格"))
        #expect(lines[note + 1].hasPrefix(" 45 | \t\t2. 没有现成信息需要另行制作\t0"))
        // The caret's indent keeps the tabs, so it stands under the cell on any terminal.
        #expect(lines[note + 2] == "    | \t\t" + String(repeating: " ", count: 3 + 12 * 2) + "\t0\t0\t0\t0\t0\t0\t".replacingOccurrences(of: "0", with: " ") + "^")
        #expect(seed.stderr.contains("导入后检查此报告：1 个错误，0 个警告"))

        // A .doc and a password-protected file: one message each, nothing written, status 1.
        let refused = try runner.run(["import", docx + "old-word.doc", docx + "password.docx", "--slug", "other", "--content", "C"], in: dir.path)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("old-word.doc:1:1: 错误: 这是旧版 Word 97–2003 文档（.doc），nianbao 只能读取 Word 2007 起的 .docx；请在 Word 或 WPS 中打开，「另存为」Word 文档（*.docx）后再导入 [import.format]"))
        #expect(refused.stderr.contains("password.docx:1:1: 错误: 文件设有打开密码（已加密），无法读取"))
        #expect(refused.stderr.contains("导入失败：\(docx)old-word.doc 未写入任何文件。"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/C"))
    }
}
