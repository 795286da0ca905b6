import Foundation
import NianbaoModel
import NianbaoSite
import Testing

/// The founding example end to end: the published text of the seed report, parsed here on its
/// own, against the page nianbao builds from `Content/`.
@Suite struct SeedRoundTripTests {
    /// The published report, as text lines.
    static let seedLines: [String] = try! String(contentsOfFile: Repo.seedText, encoding: .utf8)
        .components(separatedBy: "\n").map { $0.replacingOccurrences(of: "\r", with: "") }

    static func lines(from start: String, to end: String?) -> ArraySlice<String> {
        let from = seedLines.firstIndex { $0.hasPrefix(start) }! + 1
        let to = end.map { e in seedLines[from...].firstIndex { $0.hasPrefix(e) }! } ?? seedLines.count
        return seedLines[from..<to]
    }

    static func cells(_ line: String) -> [String] {
        line.components(separatedBy: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func isNumber(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isNumber || $0 == "." }
    }

    /// The page built from the repository's Content/ and Templates/.
    static let page: String = {
        let out = TempDir()
        let result = SiteBuilder.build(.init(content: Repo.content, templates: Repo.templates, output: out.path + "/Site"))
        precondition(result.succeeded, "build failed: \(result.diagnostics)")
        return out.read("Site/2024/shilong-gov-office/index.html")
    }()

    @Test func tableTwoNumbersSitUnderTheirLabels() throws {
        // Seed: a row `label<TAB>n<TAB>n…` under a `信息内容<TAB>column…` row.
        var expected: [(row: String, column: String, value: String)] = []
        var columns: [String] = []
        for line in Self.lines(from: "二、主动公开政府信息情况", to: "三、收到和处理政府信息公开申请情况") {
            let c = Self.cells(line).filter { !$0.isEmpty }
            guard c.count >= 2 else { continue }
            if c[0] == "信息内容" {
                columns = Array(c.dropFirst())
            } else if c.dropFirst().allSatisfy(Self.isNumber) {
                for (column, value) in zip(columns, c.dropFirst()) { expected.append((c[0], column, value)) }
            }
        }
        #expect(expected.count == 10)  // 规章 ×3, 行政规范性文件 ×3, 许可, 处罚, 强制, 收费

        let table = try #require(try tables(in: Self.page)["t2"])
        let layout = TableLayout(table)
        var found: [(row: String, column: String, value: String)] = []
        var columnRow = 0
        for (r, slots) in layout.grid.enumerated() {
            if slots.first??.text == "信息内容" { columnRow = r; continue }
            for cell in layout.cells where cell.row == r && !cell.isHeader {
                let rowLabel = slots[0]!.text
                let columnLabel = layout.grid[columnRow][cell.column]!.text
                found.append((rowLabel, columnLabel, cell.text))
                #expect(layout.headerLabels(cell).contains(rowLabel))
                #expect(layout.headerLabels(cell).contains(columnLabel))
            }
        }
        #expect(found.map { "\($0.row)|\($0.column)|\($0.value)" } == expected.map { "\($0.row)|\($0.column)|\($0.value)" })
    }

    @Test func tableThreeNumbersSitUnderTheirLabels() throws {
        let region = Self.lines(from: "三、收到和处理政府信息公开申请情况", to: "四、政府信息公开行政复议、行政诉讼情况")
        let header = region.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.prefix(3).map(Self.cells)
        // Columns as the seed prints them: 自然人, the five kinds of organisation, 总计.
        let organisations = header[2].filter { !$0.isEmpty }
        let seedColumns = [header[1].first { !$0.isEmpty }!] + organisations + [header[0].last { !$0.isEmpty }!]
        #expect(seedColumns.count == 7)

        var seedRows: [(label: String, values: [String])] = []
        for line in region {
            let c = Self.cells(line).filter { !$0.isEmpty }
            guard c.count >= 8, c.suffix(7).allSatisfy(Self.isNumber) else { continue }
            seedRows.append((c[c.count - 8], Array(c.suffix(7))))
        }
        #expect(seedRows.count == 25)

        let layout = TableLayout(try #require(try tables(in: Self.page)["t3"]))
        #expect(layout.headRowCount == 3)
        #expect(layout.width == 10)
        let bodyRows = layout.headRowCount..<layout.grid.count
        #expect(bodyRows.count == 25)
        for (seed, r) in zip(seedRows, bodyRows) {
            let rowLabel = layout.grid[r][2]!.text  // the rightmost of the three label columns
            #expect(normalizedLabel(rowLabel) == normalizedLabel(seed.label), "row \(r)")
            for (index, value) in seed.values.enumerated() {
                let cell = layout.grid[r][3 + index]!
                let columnLabel = layout.grid[layout.headRowCount - 1][3 + index]!.text
                #expect(!cell.isHeader)
                #expect(cell.text == value, "\(seed.label) / \(columnLabel)")
                #expect(normalizedLabel(columnLabel) == normalizedLabel(seedColumns[index]))
                let headers = layout.headerLabels(cell)
                #expect(headers.contains(rowLabel) && headers.contains(columnLabel), "headers of \(seed.label) / \(columnLabel)")
            }
        }
    }

    @Test func tableFourNumbersSitUnderTheirLabels() throws {
        let region = Self.lines(from: "四、政府信息公开行政复议、行政诉讼情况", to: "五、存在的主要问题及改进情况")
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(Self.cells)
        let values = region.last!.filter { !$0.isEmpty }
        #expect(values.count == 15 && values.allSatisfy(Self.isNumber))
        let outcomes = region[1].filter { !$0.isEmpty }.prefix(5).map { $0 }
        let laterOutcomes = region[2].filter { !$0.isEmpty }
        let groups = region[1].filter { !$0.isEmpty }.dropFirst(5).map { $0 }  // 未经复议直接起诉, 复议后起诉
        var expectedHeaders: [[String]] = []
        for i in 0..<15 {
            if i < 5 {
                expectedHeaders.append([region[0][0], outcomes[i]])
            } else {
                let litigation = region[0].filter { !$0.isEmpty }[1]
                expectedHeaders.append([litigation, groups[(i - 5) / 5], laterOutcomes[i - 5]])
            }
        }

        let layout = TableLayout(try #require(try tables(in: Self.page)["t4"]))
        #expect(layout.headRowCount == 3 && layout.width == 15)
        let data = layout.cells.filter { !$0.isHeader }
        #expect(data.map(\.text) == values)
        for (cell, expected) in zip(data, expectedHeaders) {
            #expect(layout.headerLabels(cell).map(normalizedLabel) == expected.map(normalizedLabel))
            // The same chain, read off the grid column by column.
            let chain = (0..<layout.headRowCount).compactMap { layout.grid[$0][cell.column]?.text }
            var unique: [String] = []
            for label in chain where unique.last != label { unique.append(label) }
            #expect(unique.map(normalizedLabel) == expected.map(normalizedLabel))
        }
    }

    @Test func everyParagraphOfTheNarrativeIsOnThePage() throws {
        let document = try XMLTreeBuilder.parse(Self.page)
        let text = normalizedLabel(document.allText)
        let narrative = Self.lines(from: "一、总体情况", to: "二、主动公开政府信息情况")
            + Self.lines(from: "五、存在的主要问题及改进情况", to: "六、其他需要报告的事项")
            + Self.lines(from: "六、其他需要报告的事项", to: nil)
        let paragraphs = narrative.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(paragraphs.count == 15)
        for paragraph in paragraphs {
            #expect(text.contains(normalizedLabel(paragraph)), "missing: \(paragraph)")
        }
        let title = Self.seedLines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }!
        let h1 = try #require(document.first("h1"))
        #expect(normalizedLabel(h1.allText) == normalizedLabel(title))
    }

    @Test func sectionsComeInOrderWithIds() throws {
        let document = try XMLTreeBuilder.parse(Self.page)
        let sections = document.all("section")
        #expect(sections.map { $0.attributes["id"] ?? "" } == ReportFormat.sections.map(\.id))
        #expect(sections.map { $0.first("h2")?.allText ?? "" } == ReportFormat.sections.map(\.heading))
        for id in ["t2", "t3", "t4"] {
            let table = try #require(document.first("table") { $0.attributes["id"] == id })
            #expect(table.first("caption") != nil)
            // Every data cell names its headers, and every header it names exists.
            let layout = TableLayout(table)
            for cell in layout.cells where !cell.isHeader {
                let headers = (cell.element.attributes["headers"] ?? "").split(separator: " ")
                #expect(!headers.isEmpty)
                #expect(headers.allSatisfy { layout.ids[String($0)]?.name == "th" })
            }
            for cell in layout.cells where cell.isHeader { #expect(cell.element.attributes["id"] != nil) }
        }
    }
}
