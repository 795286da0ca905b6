import Foundation
import NianbaoContent
@testable import NianbaoImport
import NianbaoModel
import Testing

/// Table layouts found in reports as portals publish them, each made from the example report in
/// a layout the importer already reads, then broken the way the field breaks it; every figure
/// must come back in its cell.
@Suite struct ImportFieldLayoutTests {
    static let example = ImportFixture.example
    static let exampleFigures = ImportFixture.figures(example)

    static func text(_ layout: ImportFixture.Layout) -> String {
        ImportFixture.publishedText(example, layout: layout)
    }

    /// Imports `text` and checks every figure against the example; returns the notes' rules.
    static func importEveryFigure(_ text: String, _ what: String) throws -> [String] {
        let result = ImportFixture.convert(text, file: "\(what).txt")
        #expect(!result.failed, "\(what): \(result.diagnostics.map(\.message))")
        #expect(result.figureCounts == ["two": 10, "three": 175, "four": 15], "\(what)")
        let (loaded, diagnostics, _) = ImportFixture.load(result)
        #expect(!diagnostics.hasErrors, "\(what): \(diagnostics.map(\.message))")
        let report = try #require(loaded)
        #expect(ImportFixture.figures(report) == exampleFigures, "\(what)")
        return ImportFixture.rules(result)
    }

    static let brokenColumns = [("商业企业", "商业", "企业"), ("科研机构", "科研", "机构"), ("社会公益组织", "社会公益", "组织"), ("法律服务机构", "法律服务", "机构")]

    @Test func columnLabelsBrokenOverTwoCellsOfTheColumn() throws {
        // Tabs: the header row of the five organisations becomes two rows.
        var lines = Self.text(.tabs).components(separatedBy: "\n")
        let header = try #require(lines.firstIndex { $0.contains("\t商业企业\t") })
        var upper = lines[header], lower = lines[header].replacingOccurrences(of: "其他", with: "")
        for (whole, top, bottom) in Self.brokenColumns {
            upper = upper.replacingOccurrences(of: whole, with: top)
            lower = lower.replacingOccurrences(of: whole, with: bottom)
        }
        lines[header...header] = [upper, lower]
        #expect(try Self.importEveryFigure(lines.joined(separator: "\n"), "columns-tabs") == [])
    }

    @Test(arguments: [ImportFixture.Layout.cellPerLine, .blankLines])
    func columnLabelsBrokenOverTwoLines(layout: ImportFixture.Layout) throws {
        var text = Self.text(layout)
        for (whole, top, bottom) in Self.brokenColumns {
            text = text.replacingOccurrences(of: "\n\(whole)\n", with: "\n\(top)\n\(bottom)\n")
        }
        text = text.replacingOccurrences(of: "\n自然人\n", with: "\n自然\n人\n")
        #expect(!text.contains("\n商业企业\n"))
        #expect(try Self.importEveryFigure(text, "columns-\(layout)") == [])
    }

    @Test(arguments: [ImportFixture.Layout.cellPerLine, .labelThenNumbers, .numbersOnOneLine])
    func rowLabelsBrokenOverLines(layout: ImportFixture.Layout) throws {
        var text = Self.text(layout)
        for (whole, top, bottom) in [("三、本年度办理结果", "三、本年度", "办理结果"), ("一、本年新收政府信息公开申请数量", "一、本年新收政府信息", "公开申请数量"),
                                     ("二、上年结转政府信息公开申请数量", "二、上年结转政府信息", "公开申请数量")] {
            // The label alone on its line, or the row's last label with its figures after it.
            #expect(text.contains("\n\(whole)\n") || text.contains("\n\(whole) "), "\(layout) \(whole)")
            text = text.replacingOccurrences(of: "\n\(whole)\n", with: "\n\(top)\n\(bottom)\n")
                .replacingOccurrences(of: "\n\(whole) ", with: "\n\(top)\n\(bottom) ")
        }
        #expect(try Self.importEveryFigure(text, "rows-\(layout)") == [])
    }

    @Test func rowLabelBrokenOverTwoCellsOfItsColumn() throws {
        var lines = Self.text(.tabs).components(separatedBy: "\n")
        let row = try #require(lines.firstIndex { $0.hasPrefix("三、本年度办理结果\t") })
        lines[row] = lines[row].replacingOccurrences(of: "三、本年度办理结果\t", with: "三、本年度\t")
        #expect(lines[row + 1].hasPrefix("\t"))
        lines[row + 1] = "办理结果" + lines[row + 1]
        #expect(try Self.importEveryFigure(lines.joined(separator: "\n"), "rows-tabs") == [])
    }

    @Test func tableFourHeaderFlattenedOntoTwoLines() throws {
        // As PDF text and flip-book pages give it: each header row on one line, its words split.
        let text = Self.text(.cellPerLine)
        let start = try #require(text.range(of: "四、政府信息公开行政复议、行政诉讼情况\n"))
        let end = try #require(text.range(of: "五、存在的主要问题及改进情况"))
        let figures = ReportFormat.tableFourGroups.flatMap { Self.example.tableFour[$0.leaf.key]!.cells.map { $0!.value.text } }
        let section = ["行政复议 行政诉讼", "未经复议直接起诉 复议后起诉",
                       Array(repeating: "结果 结果 其他 尚未 总", count: 3).joined(separator: " "),
                       Array(repeating: "维持 纠正 结果 审结 计", count: 3).joined(separator: " "),
                       figures.joined(separator: " "), ""].joined(separator: "\n")
        let flattened = String(text[..<start.upperBound]) + section + String(text[end.lowerBound...])
        // The labels are all there, though not in the official reading order: said so.
        #expect(try Self.importEveryFigure(flattened, "four-flattened") == ["import.columns"])
    }

    @Test func aPieceIsJoinedOnlyIntoALabelTheFormatKnows() {
        #expect(LabelRejoin.isPiece("商业"))
        #expect(!LabelRejoin.isPiece("商业企业"))  // a label of its own
        #expect(!LabelRejoin.isPiece("本单位今年"))  // prose
        let lines = [SourceLine(text: "三、本年度", line: 1, column: 1), SourceLine(text: "（一）予以公开", line: 2, column: 1)]
        #expect(LabelRejoin.lines(lines).map(\.text) == ["三、本年度", "（一）予以公开"])
    }
}
