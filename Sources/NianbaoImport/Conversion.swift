import Foundation
import NianbaoContent
import NianbaoModel

/// One conversion, stage by stage: bytes → text → blocks → sections → title and format checks →
/// tables → narrative → date → 勾稽关系 → files. Every stage adds its notes; a stage that finds
/// the input unusable adds an error and the conversion stops there, with no files.
struct Conversion {
    let file: String
    let options: ImportOptions
    var notes: NoteList
    var result: ImportResult

    init(file: String, options: ImportOptions) {
        self.file = file
        self.options = options
        notes = NoteList(file: file)
        result = ImportResult(file: file)
    }

    var start: SourceLocation { notes.location(1, 1) }

    mutating func run(_ data: Data) {
        var published: LocalDate?
        if let given = options.published {
            guard let date = LocalDate(given) else {
                notes.fail("import.published", at: start, "--published「\(given)」不是有效的日期，应写作 YYYY-MM-DD，如 2025-01-20")
                return
            }
            published = date
        }
        guard let document = read(data) else { return }
        let split = DocumentSplitter.split(document)
        guard let (agency, year, titleAt) = identify(split), isSupported(split, year: year, titleAt: titleAt) else { return }
        result.agency = agency
        result.year = year
        noteHeadings(split, titleAt: titleAt)

        var (report, missing, places) = readTables(split, year: year, titleAt: titleAt)
        noteImages(split, missing: missing)
        let narrative = writeNarrative(split, titleAt: titleAt)
        for (name, markdown) in narrative { report.narrative[name] = markdown }
        published = published ?? publicationDate(split, titleAt: titleAt)
        report.agency = Located(agency, at: titleAt)
        if let published { report.published = Located(published, at: titleAt) }
        keepAsPublished(report, places: places, titleAt: titleAt)

        var writer = ReportYAMLWriter(agency: agency, year: year, published: published, report: report)
        writer.asPublished = result.asPublished
        writer.missingTables = missing
        writer.source = URL(fileURLWithPath: file).lastPathComponent
        for note in notes.notes {
            if let place = note.yamlKey { writer.notes[place, default: []].append(note.yamlComment) }
        }
        result.files = [(ContentLoader.reportFile, writer.text)] + narrative
        result.report = report
    }

    // MARK: Stages

    /// The blocks of the file: a Word document, or else text (plain, or an HTML page).
    mutating func read(_ data: Data) -> SourceDocument? {
        if PDFFile.isPDF(data, file: file) {
            switch PDFImport.read(data) {
            case .failure(let failure):
                notes.fail(failure.rule, at: start, failure.message)
                return nil
            case .success(let output):
                result.text = output.text
                return output.document
            }
        }
        if DocxPackage.isWordFile(data, file: file) {
            switch DocxPackage.open(data).flatMap(DocxReader.read) {
            case .failure(let failure):
                notes.fail(failure.rule, at: start, failure.message)
                return nil
            case .success(let output):
                result.text = output.text
                for notice in output.document.notices {
                    notes.warn(notice.rule, at: notes.location(notice.line), notice.message, place: nil)
                }
                return output.document
            }
        }
        guard let text = decode(data) else { return nil }
        result.text = text
        return Importer.isHTMLFile(file, text) ? HTMLReader.read(text) : TextReader.read(text)
    }

    /// UTF-8 (a BOM allowed), else GB18030/GBK, as many saved Chinese pages are.
    mutating func decode(_ data: Data) -> String? {
        guard data.contains(where: { !Character(Unicode.Scalar($0)).isWhitespace }) else {
            notes.fail("import.format", at: start, "文件为空，没有可导入的内容")
            return nil
        }
        guard !data.contains(0) else {
            notes.fail("import.format", at: start, "文件不是纯文本、网页或 Word 文档（含有二进制数据）；请导入 .txt 纯文本、保存的 .html 网页或 .docx 文档")
            return nil
        }
        switch SourceFile.decode(data, display: file) {
        case .success(let text):
            return text
        case .failure(let problem):
            guard let text = String(data: data, encoding: Importer.gb18030) else {
                notes.fail("import.encoding", at: problem.location,
                           "文件既不是 UTF-8 也不是 GB18030（GBK）编码的文本，无法读取；请以 UTF-8 另存后再导入")
                return nil
            }
            notes.warn("import.encoding", at: start, "文件不是 UTF-8 编码，已按 GB18030（GBK）读取；请核对文字有无乱码", place: nil)
            return text
        }
    }

    /// Agency and year: from the title, unless given.
    mutating func identify(_ split: SplitDocument) -> (agency: String, year: Int, titleAt: SourceLocation)? {
        let titleAt = split.title.map(notes.location) ?? start
        guard let parts = split.titleParts ?? options.agency.flatMap({ a in options.year.map { (a, $0) } }) else {
            notes.fail("import.title", at: start,
                       "没有找到标题「<机关全称>YYYY年政府信息公开工作年度报告」，无法确定机关和年度；请用 --agency 和 --year 指定")
            return nil
        }
        let agency = options.agency ?? parts.agency
        let year = options.year ?? parts.year
        if agency != parts.agency {
            notes.warn("import.title", at: titleAt, "标题中的机关为「\(parts.agency)」，按 --agency 导入为「\(agency)」", place: "report")
        }
        if year != parts.year {
            notes.warn("import.title", at: titleAt, "标题中的年度为 \(parts.year)，按 --year 导入为 \(year)", place: "report")
        }
        return (agency, year, titleAt)
    }

    /// The 2021 format only: not the 2019 trial format (by its table labels, or by the year),
    /// and a report at all (some section heading).
    mutating func isSupported(_ split: SplitDocument, year: Int, titleAt: SourceLocation) -> Bool {
        var texts: [SourceLine] = []
        for section in split.sections[1...3].compactMap({ $0 }) {
            texts += section.lines + section.tables.flatMap(\.cells).map { SourceLine(text: $0.text, line: $0.line, column: $0.column) }
        }
        texts += split.strayTables.flatMap(\.cells).map { SourceLine(text: $0.text, line: $0.line, column: $0.column) }
        if let marker = texts.first(where: { ImportLabels.isTrialFormatLabel(ImportLabels.normalize($0.text)) }) {
            notes.fail("import.format", at: notes.location(marker),
                       "表格中有「\(marker.text.trimmingSpaces)」：这是 2019 年试行格式（国办公开办函〔2019〕60号，用于 2019、2020 年度报告）的表格。"
                        + "nianbao 目前只支持 2021 年起的格式（国办公开办函〔2021〕30号），两者的表二、表三不同，不能强行对应；未导入")
            return false
        }
        if year < 2021 {
            notes.fail("import.format", at: titleAt,
                       "这是 \(year) 年度的报告：2019、2020 年度报告采用 2019 年试行格式（国办公开办函〔2019〕60号），"
                        + "nianbao 目前只支持 2021 年起的格式（国办公开办函〔2021〕30号）；未导入")
            return false
        }
        if split.sections.allSatisfy({ $0 == nil }) {
            notes.fail("import.format", at: start,
                       "没有找到任何章节标题（\(ReportFormat.sections.map(\.heading).joined(separator: "、"))），不像一份政府信息公开工作年度报告；未导入")
            return false
        }
        return true
    }

    mutating func noteHeadings(_ split: SplitDocument, titleAt: SourceLocation) {
        for (index, section) in ReportFormat.sections.enumerated() where split.sections[index] == nil {
            notes.warn("import.heading", at: titleAt, "没有找到标题「\(section.heading)」", place: nil)
        }
        for (index, line) in split.looseHeadings {
            notes.warn("import.heading", at: notes.location(line),
                       "「\(line.text.trimmingSpaces)」按顺序读作「\(ReportFormat.sections[index].heading)」", place: nil)
        }
        if !split.leftOut.isEmpty {
            let lines = split.leftOut.prefix(10).map { String($0.line) }.joined(separator: "、") + (split.leftOut.count > 10 ? " 等" : "")
            notes.warn("import.left-out", at: notes.location(split.leftOut[0]),
                       "第 \(lines) 行（标题前的网页内容、发布信息或目录）不属于报告正文，未导入", place: nil)
        }
    }

    /// Tables 二, 三 and 四, each from its section: the HTML tables there (merged, for a table
    /// split at a page break), or else the section's lines in whichever text layout they are.
    mutating func readTables(
        _ split: SplitDocument, year: Int, titleAt: SourceLocation
    ) -> (report: Report, missing: Set<String>, places: [SourceLocation: String]) {
        var reader = TableReader(report: Report(slug: options.slug ?? "import", year: year, folder: file), notes: notes)
        var missing: Set<String> = []
        let tables: [(section: Int, place: String, read: (inout TableReader, SourceTable) -> Void)] = [
            (1, YAMLPlace.tableTwo, { $0.readTableTwo($1) }),
            (2, YAMLPlace.tableThree, { $0.readTableThree($1) }),
            (3, YAMLPlace.tableFour, { $0.readTableFour($1) }),
        ]
        for (index, place, read) in tables {
            let heading = ReportFormat.sections[index].heading
            guard let section = split.sections[index] else {
                missing.insert(place)
                reader.notes.warn("import.table-missing", at: titleAt, "没有找到「\(heading)」一节，此表未导入；请对照原文手工录入", place: place, showLine: false)
                continue
            }
            var table: SourceTable?
            if let first = section.tables.first {
                table = SourceTable(rows: section.tables.flatMap(\.rows), layout: first.layout, line: first.line)
                for line in section.lines where !ImportLabels.isIgnorable(ImportLabels.normalize(line.text)) {
                    let shown = SourceCell(text: line.text, line: line.line, column: line.column, position: nil).shown
                    reader.notes.warn("import.unplaced", at: reader.notes.location(line), "表格外的文字「\(shown)」未导入", place: place)
                }
            } else {
                table = TextTable.table(from: section.lines, blanksAfter: section.blanksAfter)
            }
            table = table.map(LabelRejoin.cells)
            guard let table, table.cells.contains(where: { $0.value.isValue }) else {
                missing.insert(place)
                if let image = section.images.first {
                    reader.notes.warn("import.table-missing", at: reader.notes.location(image),
                                      "「\(heading)」的表格是以图片插入的，无法读取其中的数字，此表未导入，没有填入任何数字；请对照原文手工录入", place: place)
                    continue
                }
                reader.notes.warn("import.table-missing", at: reader.notes.location(section.heading),
                                  "「\(heading)」下没有表格文字（表格可能以图片发布），此表未导入，没有填入任何数字；请对照原文手工录入", place: place)
                for cell in table?.cells ?? [] where cell.value == .text { reader.unplaced(cell, "此节没有数字", table: place) }
                continue
            }
            read(&reader, table)
            result.layouts.append(table.layout.description)
        }
        for table in split.strayTables {
            reader.notes.warn("import.unplaced", at: reader.notes.location(table.line, 1), "「\(ReportFormat.sections[0].heading)」之前的表格未导入", place: nil)
        }
        notes = reader.notes
        result.figureCounts = reader.counts
        return (reader.report, missing, reader.places)
    }

    /// Pictures other than a table published as one: not imported, said so.
    mutating func noteImages(_ split: SplitDocument, missing: Set<String>) {
        let tablePlaces = [1: YAMLPlace.tableTwo, 2: YAMLPlace.tableThree, 3: YAMLPlace.tableFour]
        var images = split.strayImages
        for (index, section) in split.sections.enumerated() {
            guard let section else { continue }
            // The first picture of a table section whose table is missing was reported as the table.
            let reported = tablePlaces[index].map(missing.contains) ?? false
            images += section.images.dropFirst(reported ? 1 : 0)
        }
        for image in images.sorted(by: { $0.line < $1.line }) {
            notes.warn("import.ignored", at: notes.location(image), "图片（或嵌入的对象）未导入；如其中有文字或数字，请对照原文补写", place: nil)
        }
    }

    /// preamble.md, overview.md, problems.md and other.md; a section not found gets no file.
    mutating func writeNarrative(_ split: SplitDocument, titleAt: SourceLocation) -> [(name: String, text: String)] {
        var parts: [(name: String, lines: [SourceLine])] = []
        if !split.preamble.isEmpty { parts.append((ReportFormat.preambleFile, split.preamble)) }
        for (index, section) in ReportFormat.sections.enumerated() {
            guard let name = section.file else { continue }
            guard let part = split.sections[index] else {
                notes.warn("import.narrative", at: titleAt, "没有找到「\(section.heading)」，未写 \(name)；请对照原文补写（nianbao check 会报告缺少此文件）", place: nil)
                continue
            }
            for table in part.tables {
                notes.warn("import.unplaced", at: notes.location(table.line, 1), "「\(section.heading)」中的表格未导入，请对照原文补写", place: nil)
            }
            parts.append((name, part.lines))
        }
        for (_, lines) in parts {
            result.paragraphs += lines.count
            result.subheadings += lines.filter(NarrativeWriter.isHeading).count
        }
        return parts.map { ($0.name, NarrativeWriter.markdown($0.lines)) }
    }

    /// A `PubDate` meta tag, a `发布日期` line, or (said so) the closing date; nil, said so, if none.
    mutating func publicationDate(_ split: SplitDocument, titleAt: SourceLocation) -> LocalDate? {
        guard let best = split.dates.first else {
            notes.warn("import.published", at: titleAt, "原文中没有找到发布日期，report.yaml 中的 published 一行已注释，请填写实际发布日期（YYYY-MM-DD）",
                       place: "published", showLine: false)
            return nil
        }
        if best.how == .closing {
            notes.warn("import.published", at: notes.location(best.line), "原文没有注明发布日期，取文末落款日期 \(best.date) 为发布日期，请核对", place: "published")
        }
        return best.date
    }

    /// Figures that break a 勾稽关系 stay as published: each finding is noted at its row, and
    /// report.yaml gets `as_published: true`.
    mutating func keepAsPublished(_ report: Report, places: [SourceLocation: String], titleAt: SourceLocation) {
        let findings = Rules.check(report).filter { Rules.isConsistencyRule($0.rule) }
        guard !findings.isEmpty else { return }
        result.asPublished = true
        for finding in Rules.asPublished(findings) {
            notes.append(ImportNote(diagnostic: finding, yamlKey: finding.location.flatMap { places[$0] }, heading: "原文如此"))
        }
        notes.warn("import.as-published", at: titleAt,
                   "原文数字有 \(findings.count) 处不符合勾稽关系（见上），已按原文照录，并在 report.yaml 中写入 as_published: true：检查时这些只作警告，网页上附说明",
                   place: "report")
    }
}
