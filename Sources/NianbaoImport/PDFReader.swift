import Foundation

/// A text PDF (words with boxes, from `PDFFile`/`PDFTools`) → `SourceDocument`: page headers,
/// footers and page numbers dropped; the pages stacked into one column; lines rejoined into
/// paragraphs; the sections 二, 三 and 四 rebuilt as tables (`PDFTable`). The text rendering
/// (what diagnostics quote) has a line per paragraph and per table row, and a mark per page.
enum PDFReader {
    struct Output {
        var document: SourceDocument
        var text: String
    }

    /// The document, or a failure for a PDF with no text to read (a scan).
    static func read(_ pages: [PDFPage]) -> Result<Output, DocxPackage.Failure> {
        let lines = stack(dropFurniture(pages))
        guard lines.contains(where: { !$0.text.isEmpty }) else {
            return .failure(PDFFile.failure(
                "PDF 中没有文字层：这是扫描件（或图片做成的 PDF），其中的文字和数字无法读取。请先用 OCR 软件识别成文字（并逐一核对数字），或对照原文手工录入；未导入"))
        }
        var document = SourceDocument(kind: .text)
        var rendering: [String] = []
        var page = -1
        func emit(_ text: String) -> Int {
            rendering.append(text)
            return rendering.count
        }
        // In reading order down the stacked pages (one column of text).
        let units = paragraphs(lines).enumerated().sorted { ($0.element[0].yMin, $0.offset) < ($1.element[0].yMin, $1.offset) }.map(\.element)
        var k = 0
        while k < units.count {
            let unit = units[k]
            if unit[0].page != page {
                page = unit[0].page
                _ = emit("—— 第 \(page + 1) 页 ——")
            }
            let text = PDFLine.joinLines(unit.map(\.text))
            let number = emit(text)
            document.blocks.append(.line(SourceLine(text: text, line: number, column: 1)))
            k += 1
            // A table section: everything up to the next section heading is one table.
            guard let section = ImportLabels.section(ofHeading: text), (1...3).contains(section) else { continue }
            var words: [PDFWord] = []
            while k < units.count, ImportLabels.section(ofHeading: PDFLine.joinLines(units[k].map(\.text))) == nil {
                words += units[k].flatMap(\.words)
                k += 1
            }
            let rows = PDFTable(words: words).rows()
            guard !rows.isEmpty else { continue }
            var table = SourceTable(rows: [], layout: .pdf, line: rendering.count + 1)
            for row in rows {
                var offset = 0
                var cells: [SourceCell] = []
                for cell in row {
                    cells.append(SourceCell(text: cell.text, line: rendering.count + 1, column: offset + 1, position: cell.position))
                    offset += cell.text.count + 1
                }
                _ = emit(row.map(\.text).joined(separator: "\t"))
                table.rows.append(cells)
            }
            document.blocks.append(.table(table))
        }
        return .success(Output(document: document, text: rendering.joined(separator: "\n")))
    }

    /// Without the lines in the top and bottom margins that are page numbers or that repeat
    /// (digits aside) on two pages or more: running heads, a browser's date, title and address.
    static func dropFurniture(_ pages: [PDFPage]) -> [PDFPage] {
        func inMargin(_ line: PDFLine, _ page: PDFPage) -> Bool {
            line.yMax < page.height * 0.08 || line.yMin > page.height * 0.92
        }
        // Digits aside; a line of digits alone is no running head (it may be a figure).
        func masked(_ text: String) -> String? {
            let rest = String(text.filter { !$0.isNumber && !$0.isWhitespace })
            return rest.isEmpty ? nil : rest
        }
        var seen: [String: Set<Int>] = [:]
        for (p, page) in pages.enumerated() {
            for line in page.lines where inMargin(line, page) {
                if let key = masked(line.text) { seen[key, default: []].insert(p) }
            }
        }
        return pages.map { page in
            // A page number stands alone: the first or last line of the page, nothing beside it.
            let top = page.lines.map(\.yMin).min() ?? 0
            let bottom = page.lines.map(\.yMax).max() ?? 0
            func alone(_ line: PDFLine) -> Bool {
                (line.yMin <= top || line.yMax >= bottom)
                    && !page.lines.contains { $0.block != line.block && $0.yMin < line.yMax && $0.yMax > line.yMin && $0.xMin != line.xMin }
            }
            var kept = page
            kept.lines = page.lines.filter { line in
                let repeated = pages.count > 1 && (masked(line.text).flatMap { seen[$0]?.count } ?? 0) > 1
                return !(inMargin(line, page) && ((isPageNumber(line.text) && alone(line)) || repeated))
            }
            return kept
        }
    }

    /// `3`, `- 3 -`, `第 3 页`, `第3页 共12页`, `3 / 12`, `Page 3`.
    static func isPageNumber(_ text: String) -> Bool {
        let t = text.filter { !$0.isWhitespace }
        return t.range(of: #"^([-—–－]*\d+[-—–－]*|第\d+页(,?共\d+页)?|\d+/\d+|[Pp]age\d+(of\d+)?)$"#, options: .regularExpression) != nil
    }

    /// Every page's lines in one column: page after page, y counted from the top of the first
    /// page's text, a page's text starting just under the last page's, so that a cell or a
    /// paragraph running over a page break reads on.
    static func stack(_ pages: [PDFPage]) -> [PDFLine] {
        var out: [PDFLine] = []
        var offset = 0.0
        for page in pages where !page.lines.isEmpty {
            let top = page.lines.map(\.yMin).min()!
            let bottom = page.lines.map(\.yMax).max()!
            for var line in page.lines {
                line.words = line.words.map { w in
                    PDFWord(text: w.text, xMin: w.xMin, yMin: w.yMin - top + offset, xMax: w.xMax, yMax: w.yMax - top + offset)
                }
                out.append(line)
            }
            offset += bottom - top + 2
        }
        return out
    }

    /// Lines grouped into paragraphs within poppler's blocks: a section heading stands alone; a
    /// line indented past the block's left edge, or after a line that ends short of its right
    /// edge, starts a new paragraph. A block that starts a page unindented continues a
    /// paragraph the last page left running to its edge.
    static func paragraphs(_ lines: [PDFLine]) -> [[PDFLine]] {
        var edges: [Int: (left: Double, right: Double)] = [:]
        for line in lines {
            let e = edges[line.block] ?? (line.xMin, line.xMax)
            edges[line.block] = (min(e.left, line.xMin), max(e.right, line.xMax))
        }
        var out: [[PDFLine]] = []
        for line in lines {
            let em = max(line.height, 1)
            let heading = ImportLabels.section(ofHeading: line.text) != nil
            if let previous = out.last?.last, !heading, ImportLabels.section(ofHeading: previous.text) == nil {
                let edge = edges[line.block]!
                let runsOn = previous.xMax >= edges[previous.block]!.right - em * 3
                // A centred line under a centred line (a title over two lines) is no indent.
                let centred = abs(line.xMid - previous.xMid) < em * 0.5 && line.xMax < previous.xMax
                let indented = line.xMin > edge.left + em * 0.8 && !centred
                let sameBlock = previous.block == line.block
                let nextPage = line.page != previous.page && line.xMin <= edge.left + em * 0.8
                if runsOn, !indented, sameBlock || nextPage {
                    out[out.count - 1].append(line)
                    continue
                }
            }
            out.append([line])
        }
        return out
    }
}

extension PDFLine {
    /// Lines of one paragraph joined: nothing between two CJK characters, a space elsewhere.
    static func joinLines(_ lines: [String]) -> String { join(lines) }
}
