import Foundation
import NianbaoContent
import NianbaoImport
import NianbaoModel
import Testing

/// `nianbao import` on input it cannot fully read: clear, located messages, nothing guessed,
/// nothing invented, no crash.
@Suite struct ImportBrokenInputTests {
    static let seed = try! String(contentsOfFile: Repo.seedText, encoding: .utf8)

    static func lineNumber(of needle: String, in text: String) -> Int {
        Fixture.position(of: needle, in: text).line
    }

    static func yaml(_ result: ImportResult) -> String {
        result.files.first { $0.name == "report.yaml" }?.text ?? ""
    }

    static func messages(_ result: ImportResult, _ rule: String) -> [String] {
        result.diagnostics.filter { $0.rule == rule }.map(\.message)
    }

    @Test func truncatedTextImportsWhatIsThereAndSaysWhatIsNot() throws {
        // Cut in the middle of table 三, inside the row 4.保护第三方合法权益.
        let cut = Self.seed.range(of: "4. 保护第三方合法权益\t0\t0")!.upperBound
        let text = String(Self.seed[..<cut])
        let result = ImportFixture.convert(text, file: "cut.txt", published: "2025-01-20")
        #expect(!result.failed)
        let line = Self.lineNumber(of: "4. 保护第三方合法权益", in: text)
        let unread = try #require(result.diagnostics.first { $0.rule == "import.row-unread" })
        #expect(unread.location?.line == line)
        #expect(unread.message.contains("「4.保护第三方合法权益」行有 2 个数（0 0），与表头的 7 列对不上，未导入"))
        // Rows after the cut, table 四 and the narrative sections 五 and 六 are reported missing…
        #expect(Self.messages(result, "import.row-missing").contains { $0.contains("四、结转下年度继续办理") })
        #expect(Self.messages(result, "import.table-missing").contains { $0.contains("四、政府信息公开行政复议、行政诉讼情况") })
        #expect(Self.messages(result, "import.narrative").count == 2)
        #expect(result.files.map(\.name) == ["report.yaml", "overview.md"])
        // …and left out of report.yaml, commented, with a note at their place; no zeros invented.
        let yaml = Self.yaml(result)
        #expect(yaml.contains("      # third_party_rights:  []"))
        #expect(yaml.contains("      # 导入注意：「4.保护第三方合法权益」行有 2 个数（0 0）"))
        #expect(yaml.contains("  # carried_forward: []"))
        #expect(yaml.contains("# review_and_litigation:\n#   review:"))
        #expect(!yaml.contains("  review:                  [0"))
        // The rows that were there are read.
        let (loaded, diagnostics, _) = ImportFixture.load(result)
        #expect(loaded?.tableThree["results.denied.security_stability"]?.cells.count == 7)
        // `check` reports every gap: the missing keys and files.
        #expect(diagnostics.contains { $0.rule == "key.missing" && $0.message.contains("third_party_rights") })
        #expect(diagnostics.contains { $0.rule == "key.missing" && $0.message.contains("review_and_litigation") })
        #expect(diagnostics.contains { $0.rule == "file.missing" && ($0.location?.file.hasSuffix("problems.md") ?? false) })
    }

    @Test func aRowCutShortIsNotReadAsZeros() throws {
        let full = "一、本年新收政府信息公开申请数量\t\t9\t0\t0\t0\t0\t0\t9\t"
        let text = Self.seed.replacingOccurrences(of: full, with: "一、本年新收政府信息公开申请数量\t\t9\t0\t0")
        let result = ImportFixture.convert(text, file: "short-row.txt", published: "2025-01-20")
        #expect(!result.failed)
        #expect(ImportFixture.rules(result) == ["import.row-unread"])
        let note = try #require(result.diagnostics.first)
        #expect(note.location == SourceLocation(file: "short-row.txt", line: Self.lineNumber(of: "一、本年新收", in: text), column: 1))
        #expect(note.message == "「一、本年新收政府信息公开申请数量」行有 3 个数（9 0 0），与表头的 7 列对不上，未导入；请对照原文填写")
        let yaml = Self.yaml(result)
        #expect(yaml.contains("  # 导入注意：「一、本年新收政府信息公开申请数量」行有 3 个数（9 0 0），与表头的 7 列对不上，未导入；请对照原文填写（原文第"))
        #expect(yaml.contains("  # received:        []"))
        // Everything else is read.
        let (loaded, diagnostics, _) = ImportFixture.load(result)
        #expect(loaded?.tableThree.count == 24)
        #expect(diagnostics.map(\.rule) == ["key.missing"])
    }

    @Test func blankCellsAreReadAsZeroAndSaidSo() throws {
        let text = Self.seed.replacingOccurrences(of: "行政规范性文件\t1\t1\t20", with: "行政规范性文件\t1\t\t20")
            .replacingOccurrences(of: "2. 重复申请\t0\t0", with: "2. 重复申请\t/\t0")
        let result = ImportFixture.convert(text, file: "blank.txt", published: "2025-01-20")
        #expect(ImportFixture.rules(result) == ["import.blank", "import.blank"])
        #expect(result.diagnostics[0].message == "表中「行政规范性文件」行「本年废止件数」一格为空，按 0 读入")
        #expect(result.diagnostics[1].message == "表中「2.重复申请」行「自然人」一格为「/」，按 0 读入")
        #expect(result.diagnostics[1].location?.column == Fixture.position(of: "2. 重复申请\t/", in: text).column + 8)
        let yaml = Self.yaml(result)
        #expect(yaml.contains("  # 导入注意：表中「行政规范性文件」行「本年废止件数」一格为空，按 0 读入（原文第"))
        #expect(yaml.contains("  normative_documents: {issued: 1, repealed: 0, in_force: 20}"))
    }

    @Test func aPageWithNoTablesKeepsItsNarrativeAndInventsNoFigures() throws {
        let page = """
            <html><head><title>石龙区人民政府办公室2024年政府信息公开工作年度报告</title></head><body>
            <h1>石龙区人民政府办公室2024年政府信息公开工作年度报告</h1>
            <h2>一、总体情况</h2><p>全年主动公开信息 2451 条。</p>
            <h2>二、主动公开政府信息情况</h2><p><img src="table2.png" alt="表二"></p>
            <h2>三、收到和处理政府信息公开申请情况</h2><p><img src="table3.png"></p>
            <h2>四、政府信息公开行政复议、行政诉讼情况</h2><p><img src="table4.png"></p>
            <h2>五、存在的主要问题及改进情况</h2><p>解读形式单一。</p>
            <h2>六、其他需要报告的事项</h2><p>无。</p>
            <p>2025年1月20日</p>
            </body></html>
            """
        let result = ImportFixture.convert(page, file: "images.html")
        #expect(!result.failed)
        let missing = Self.messages(result, "import.table-missing")
        #expect(missing.count == 3)
        #expect(missing[0] == "「二、主动公开政府信息情况」下没有表格文字（表格可能以图片发布），此表未导入，没有填入任何数字；请对照原文手工录入")
        #expect(Self.messages(result, "import.published") == ["原文没有注明发布日期，取文末落款日期 2025-01-20 为发布日期，请核对"])
        #expect(result.files.first { $0.name == "overview.md" }?.text == "全年主动公开信息 2451 条。\n")
        let yaml = Self.yaml(result)
        // Each table is a commented form to fill in: no figure at all.
        for key in ["active_disclosure", "applications", "review_and_litigation"] {
            #expect(yaml.contains("\n# \(key):\n"))
        }
        let uncommented = yaml.components(separatedBy: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        #expect(uncommented.filter { !$0.isEmpty }.map { String($0.prefix(while: { $0 != ":" })) } == ["agency", "year", "published"])
        let (_, diagnostics, _) = ImportFixture.load(result)
        #expect(diagnostics.filter { $0.rule == "key.missing" }.count == 3)
    }

    /// Whatever is missing, the written files load, with no error but the gaps themselves
    /// (`key.missing`, `file.missing`); every figure they hold is the example's figure at the same
    /// place (the example in Content/ was typed in by hand from the seed, not imported), and the
    /// report is not kept `as_published` (which would make a misplaced number a mere warning).
    @Test func withAnyLineOfTheSeedLostTheFilesStillLoad() {
        let expected = ImportFixture.figures(ImportFixture.example)
        #expect(expected.count == 200)
        let lines = Self.seed.components(separatedBy: "\n")
        for i in lines.indices where !lines[i].trimmingCharacters(in: .whitespaces).isEmpty {
            var cut = lines
            cut.remove(at: i)
            let result = ImportFixture.convert(cut.joined(separator: "\n"), file: "cut.txt", published: "2025-01-20")
            guard !result.failed else {
                #expect(lines[i].contains("年度报告"), "only losing the title may stop the import: line \(i + 1)")
                continue
            }
            let (loaded, diagnostics, _) = ImportFixture.load(result)
            let errors = diagnostics.filter { $0.severity == .error && $0.rule != "key.missing" && $0.rule != "file.missing" }
            #expect(errors.isEmpty, "line \(i + 1) lost: \(errors.map(\.message))")
            #expect(!result.asPublished && loaded?.asPublished == false, "line \(i + 1) lost: kept as published")
            let figures = loaded.map(ImportFixture.figures) ?? [:]
            for (place, value) in figures where expected[place] != value {
                Issue.record("line \(i + 1) lost: \(place) is \(value), the example has \(expected[place] ?? "no such cell")")
            }
        }
    }

    @Test func aTableWithNoRowReadIsAFormToFillIn() throws {
        // Table 二 with its row labels lost, and the rows of （四）无法提供 gone.
        var text = Self.seed
        for label in ["规章\t", "行政规范性文件\t", "行政许可\t", "行政处罚\t", "行政强制\t", "行政事业性收费\t"] {
            text = text.replacingOccurrences(of: "\n" + label, with: "\n?\t")
        }
        for row in ["\t(四) 无法提供\t1. 本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1\n", "\t\t2. 没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0\n",
                    "\t\t3. 补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0\n"] {
            text = text.replacingOccurrences(of: row, with: "")
        }
        let result = ImportFixture.convert(text, file: "gaps.txt", published: "2025-01-20")
        let yaml = Self.yaml(result)
        #expect(yaml.contains("\n# active_disclosure:\n#   # 第二十条第（一）项"))
        #expect(yaml.contains("\n    # unavailable:"))
        let (_, diagnostics, _) = ImportFixture.load(result)
        #expect(diagnostics.filter { $0.severity == .error }.map(\.rule) == ["key.missing", "key.missing"])
        #expect(diagnostics.contains { $0.message.contains("「active_disclosure」") })
        #expect(diagnostics.contains { $0.message.contains("「unavailable」") })
    }

    @Test func emptyAndBinaryFilesAreRefused() {
        for (data, expected) in [(Data(), "文件为空，没有可导入的内容"), (Data(" \n\t\n".utf8), "文件为空，没有可导入的内容"),
                                 (Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]), "文件不是纯文本、网页或 Word 文档（含有二进制数据）；请导入 .txt 纯文本、保存的 .html 网页或 .docx 文档"),
                                 // A zip, whatever its name, is read as a Word document.
                                 (Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]), "Word 文档已损坏（无法打开压缩包），无法读取；请在 Word 中打开、另存为 .docx 后重新导入，或请报送单位重新发送")] {
            let result = Importer.convert(data, file: "x.txt", options: ImportFixture.options())
            #expect(result.failed)
            #expect(result.files.isEmpty)
            #expect(result.diagnostics.map(\.message) == [expected])
            #expect(result.diagnostics.first?.location == SourceLocation(file: "x.txt", line: 1, column: 1))
        }
    }

    @Test func randomBytesGiveAMessageNotACrash() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for round in 0..<200 {
            var bytes: [UInt8] = []
            for _ in 0..<(round * 37 % 3000 + 1) {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                // Half the rounds avoid NUL, so the decoders and parsers see the bytes too.
                bytes.append(round % 2 == 0 ? UInt8(truncatingIfNeeded: state) : UInt8(truncatingIfNeeded: state % 255 + 1))
            }
            let result = Importer.convert(Data(bytes), file: "random.bin", options: ImportFixture.options())
            #expect(result.failed, "round \(round)")
            #expect(result.diagnostics.contains { $0.severity == .error && $0.rule.hasPrefix("import.") })
            #expect(result.files.isEmpty)
        }
    }

    @Test func theTrialFormatIsNamedNotForced() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: ImportFixture.folder + "/trial-format-2020.txt"))
        let result = Importer.convert(data, file: "2020.txt", options: ImportFixture.options())
        #expect(result.failed)
        #expect(result.files.isEmpty)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.rule == "import.format")
        #expect(error.location?.line == 10)
        #expect(error.message.hasPrefix("表格中有「信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量」：这是 2019 年试行格式（国办公开办函〔2019〕60号"))
        // By the year alone, too.
        let byYear = ImportFixture.convert("石龙区人民政府办公室2020年政府信息公开工作年度报告\n一、总体情况\n无。\n")
        #expect(byYear.diagnostics.map(\.message) == [
            "这是 2020 年度的报告：2019、2020 年度报告采用 2019 年试行格式（国办公开办函〔2019〕60号），nianbao 目前只支持 2021 年起的格式（国办公开办函〔2021〕30号）；未导入",
        ])
    }

    @Test func withoutTitleAgencyAndYearMustBeGiven() {
        let text = Self.seed.replacingOccurrences(of: "石龙区人民政府办公室 2024 年政府信息公开工作年度报告", with: "")
        let result = ImportFixture.convert(text)
        #expect(result.failed)
        #expect(result.diagnostics.map(\.rule) == ["import.title"])
        var options = ImportFixture.options(published: "2025-01-20")
        options.agency = "石龙区人民政府办公室"
        options.year = 2024
        let given = Importer.convert(Data(text.utf8), file: "x.txt", options: options)
        #expect(!given.failed)
        #expect(given.diagnostics.isEmpty)
        #expect(ImportFixture.load(given).report.map(ImportFixture.figures) == ImportFixture.figures(ImportFixture.example))
    }

    @Test func textThatIsNoReportIsRefused() {
        let result = ImportFixture.convert("石龙区人民政府办公室2024年政府信息公开工作年度报告\n\n这是一段说明。\n")
        #expect(result.failed)
        #expect(result.diagnostics.map(\.rule) == ["import.format"])
        #expect(result.diagnostics[0].message.hasPrefix("没有找到任何章节标题（一、总体情况、二、主动公开政府信息情况"))
    }
}
