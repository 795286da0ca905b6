import Foundation
import NianbaoContent
@testable import NianbaoImport
import NianbaoModel
import Testing

/// One cell per line, blank lines between cells, and empty cells written as nothing: a run of
/// blank lines longer than one holds the empty cells. Inside a row that tells the cell; at a
/// row's start or end only the row's totals can (`RowArithmetic`).
@Suite struct ImportEmptyCellTests {
    static let nowhere = SourceLocation(file: "test", line: 1, column: 1)

    /// The example with rows of table 三 and 四 replaced (the tables still add up).
    static func report(three: [String: [Int]] = [:], four: [String: [Int]] = [:]) -> Report {
        var report = ImportFixture.example
        func row(_ values: [Int]) -> FigureRow { FigureRow(cells: values.map { Located(.count($0), at: nowhere) }, at: nowhere) }
        for (key, values) in three { report.tableThree[key] = row(values) }
        for (key, values) in four { report.tableFour[key] = row(values) }
        return report
    }

    /// Applications from other organisations, so that a row's first cell (自然人) is 0.
    static let organisations = report(three: [
        "received": [0, 8, 0, 0, 0, 1, 9],
        "results.granted": [0, 8, 0, 0, 0, 0, 8],
        "results.unavailable.not_held": [0, 0, 0, 0, 0, 1, 1],
        "results.total": [0, 8, 0, 0, 0, 1, 9],
    ])

    /// `report` in the blank-lines layout, as lines.
    static func lines(_ report: Report) -> [String] {
        ImportFixture.publishedText(report, layout: .blankLines).components(separatedBy: "\n")
    }

    /// The index of figure `n` of a table 三 row: label, blank, figure, blank, figure…
    static func figure(_ n: Int, row: String, in lines: [String]) throws -> Int {
        try #require(lines.firstIndex(of: row)) + 2 * (n + 1)
    }

    /// The index of figure `n` of table 四: its figures follow its header, a blank line apart.
    static func tableFourFigure(_ n: Int, in lines: [String]) throws -> Int {
        let heading = try #require(lines.firstIndex(of: ReportFormat.sections[3].heading))
        return try #require(lines[heading...].firstIndex { CellValue($0).isValue }) + 2 * n
    }

    /// Writes the figure at `index` as nothing; it must be a 0.
    static func empty(_ index: Int, in lines: inout [String]) {
        #expect(lines[index] == "0", "line \(index + 1) is \(lines[index])")
        lines[index] = ""
    }

    /// The places where two sets of figures differ, with both values (none when they agree).
    static func differences(_ figures: [String: String], _ expected: [String: String]) -> [String] {
        Set(figures.keys).union(expected.keys).sorted().compactMap { place in
            figures[place] == expected[place] ? nil : "\(place): \(figures[place] ?? "-") ≠ \(expected[place] ?? "-")"
        }
    }

    /// Imports `lines`; returns the notes and the figures read.
    static func importing(_ lines: [String], _ what: String) throws -> (notes: [Diagnostic], figures: [String: String]) {
        let result = ImportFixture.convert(lines.joined(separator: "\n"), file: "\(what).txt")
        #expect(!result.failed, "\(what): \(result.diagnostics.map(\.message))")
        let (loaded, diagnostics, _) = ImportFixture.load(result)
        return (result.diagnostics, ImportFixture.figures(try #require(loaded, "\(what): \(diagnostics.map(\.message))")))
    }

    @Test func anEmptyCellInsideARowIsReadAsZeroAtItsPlaceAndNoted() throws {
        var lines = Self.lines(ImportFixture.example)
        Self.empty(try Self.figure(2, row: "一、本年新收政府信息公开申请数量", in: lines), in: &lines)
        let (notes, figures) = try Self.importing(lines, "empty-cell")
        #expect(notes.map(\.rule) == ["import.blank"], "\(notes.map(\.message))")
        #expect(notes.first?.message.contains("科研机构") == true)
        // Every figure in its column: the empty one is the example's 0, nothing shifted.
        #expect(Self.differences(figures, ImportFixture.figures(ImportFixture.example)) == [])
    }

    @Test func aFirstCellEmptyIsPlacedWhenTheRowsTotalSaysSo() throws {
        var lines = Self.lines(Self.organisations)
        let emptied = [try Self.figure(0, row: "一、本年新收政府信息公开申请数量", in: lines), try Self.figure(0, row: "（一）予以公开", in: lines)]
        for index in emptied { Self.empty(index, in: &lines) }
        let (notes, figures) = try Self.importing(lines, "empty-first")
        // Every cell of every table: 自然人 is the empty 0, and 8 … 9 stay under their columns.
        #expect(Self.differences(figures, ImportFixture.figures(Self.organisations)) == [])
        #expect(notes.map(\.rule) == ["import.blank", "import.blank"], "\(notes.map(\.message))")
        // Noted at the blank line that stands for the empty cell.
        #expect(notes.map { $0.location?.line } == emptied.map { $0 + 1 })
        #expect(notes.allSatisfy { $0.message.contains("「自然人」一格为空") && $0.message.contains("总计") })
    }

    @Test func lastCellsEmptyArePlacedWhenTheRowAddsUpEvenBeforeABrokenLabelOrTheNextHeading() throws {
        var lines = Self.lines(ImportFixture.example)
        let emptied = [
            try Self.figure(6, row: "二、上年结转政府信息公开申请数量", in: lines),
            try Self.figure(6, row: "1.属于国家秘密", in: lines),
            try Self.figure(6, row: "四、结转下年度继续办理", in: lines),  // the next line is heading 四
        ]
        for index in emptied { Self.empty(index, in: &lines) }
        // The row after 二 starts with a label broken over two lines: the blank lines stay before it.
        let group = try #require(lines.firstIndex(of: "三、本年度办理结果"))
        lines[group...group] = ["三、本年度", "办理结果"]
        let (notes, figures) = try Self.importing(lines, "empty-last")
        #expect(Self.differences(figures, ImportFixture.figures(ImportFixture.example)) == [])
        #expect(notes.map(\.rule) == ["import.blank", "import.blank", "import.blank"], "\(notes.map { "\($0.location?.line ?? 0) \($0.message)" })")
        #expect(notes.allSatisfy { $0.message.contains("「总计」一格为空") })
    }

    @Test(arguments: [[0], [7], [14], [0, 14]])
    func tableFoursEmptyCellsAreReadInsideAndPlacedByItsGroupsTotalsAtTheEnds(emptying: [Int]) throws {
        let report = Self.report(four: ["review": [0, 1, 0, 1, 2], "litigation_direct": [1, 0, 0, 0, 1]])
        var lines = Self.lines(report)
        let indices = try emptying.map { try Self.tableFourFigure($0, in: lines) }
        for index in indices { Self.empty(index, in: &lines) }
        let (notes, figures) = try Self.importing(lines, "four-empty")
        #expect(Self.differences(figures, ImportFixture.figures(report)) == [])
        #expect(notes.map(\.rule) == Array(repeating: "import.blank", count: emptying.count), "\(notes.map(\.message))")
        #expect(notes.map { $0.location?.line } == indices.map { $0 + 1 })
    }

    @Test func aRowWhoseFirstCellIsEmptyIsNotedAndLeftOutWhenItsTotalDoesNotAddUp() throws {
        // The example's first cell is 9: written as nothing, the row cannot add up (0 + … ≠ 9).
        var lines = Self.lines(ImportFixture.example)
        let index = try Self.figure(0, row: "一、本年新收政府信息公开申请数量", in: lines)
        #expect(lines[index] == "9")
        lines[index] = ""
        let (notes, figures) = try Self.importing(lines, "empty-first")
        #expect(notes.map(\.rule).contains("import.row-unread"))
        let example = ImportFixture.figures(ImportFixture.example)
        // That row is not read (commented out for the clerk); every other figure is in its cell.
        #expect(figures.filter { $0.key.hasPrefix("three.received.") }.values.allSatisfy { $0 == "nil" })
        #expect(figures.count >= 193)
        for (place, value) in figures where !place.hasPrefix("three.received.") {
            #expect(value == example[place], "\(place)")
        }
    }

    @Test func withBlankLinesAtBothEndsOfEveryRowTheTotalsPickTheEndOrTheRowStaysNoted() throws {
        // Rows set apart by two more blank lines: each row ends in a run that could be an empty cell.
        var lines = Self.lines(Self.organisations)
        let received = try Self.figure(0, row: "一、本年新收政府信息公开申请数量", in: lines)
        let secret = try Self.figure(0, row: "1.属于国家秘密", in: lines)
        for index in [received, secret] { Self.empty(index, in: &lines) }
        let rowLabels = Set(ReportFormat.tableThreeRowPaths.map(\.leaf.label))
        for index in lines.indices.reversed() where rowLabels.contains(lines[index]) && index > received - 2 {
            lines.insert(contentsOf: ["", ""], at: index)
        }
        let (notes, figures) = try Self.importing(lines, "empty-gaps")
        let expected = ImportFixture.figures(Self.organisations)
        // 一: empty at the end, 8 + … would not be 0; at the start, 8 + 1 = 9: placed.
        for column in 0..<7 { #expect(figures["three.received.\(column)"] == expected["three.received.\(column)"]) }
        // 1.属于国家秘密 is all zeros: either end adds up, so which cell is empty is not certain.
        let unread = try #require(notes.first { $0.rule == "import.row-unread" })
        #expect(unread.message.contains("1.属于国家秘密") && unread.message.contains("不能确定"), "\(unread.message)")
        #expect(notes.filter { $0.rule == "import.row-unread" }.count == 1)
        #expect(figures.filter { $0.key.hasPrefix("three.results.denied.state_secret.") }.values.allSatisfy { $0 == "nil" })
        for (place, value) in figures where !place.hasPrefix("three.results.denied.state_secret.") {
            #expect(value == expected[place], "\(place)")
        }
    }

    @Test func theTotalsAreTheSumsOfTheColumnsUnderTheirHeading() {
        let three = RowArithmetic.totalParts(ReportFormat.tableThreeColumnPaths)
        #expect(three.map(\.total) == [6] && three.map(\.parts) == [Array(0..<6)])
        let four = RowArithmetic.totalParts(ReportFormat.tableFourColumns.leafPaths)
        #expect(four.map(\.total) == [4, 9, 14])
        #expect(four.map(\.parts) == [Array(0..<4), Array(5..<9), Array(10..<14)])
    }
}
