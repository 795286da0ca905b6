/// A Word table on a grid: cells placed at grid positions with their spans, written as
/// `w:gridSpan` (across) and `w:vMerge` (down: `restart` in the first row, continuation cells
/// below), as Word itself writes merged cells and as the importer reads them back. Every row
/// is kept whole on a page (`w:cantSplit`); the header rows repeat on every page a table runs
/// onto (`w:tblHeader`).
struct WordTable {
    struct Cell {
        var text: String
        var row: Int
        var column: Int
        var rowSpan = 1
        var columnSpan = 1
        /// Left-aligned (row labels); others are centred.
        var leftAligned = false
    }

    /// Grid column widths, in twips.
    var columnWidths: [Int]
    var rowCount: Int
    var cells: [Cell] = []
    /// The first rows, repeated on every page.
    var headerRows = 0
    /// Keep the whole table on one page (with the heading before it): for the small tables.
    var keepTogether = false

    static let borders = "<w:tblBorders>"
        + ["top", "left", "bottom", "right", "insideH", "insideV"]
            .map { #"<w:\#($0) w:val="single" w:sz="4" w:space="0" w:color="000000"/>"# }.joined()
        + "</w:tblBorders>"
    static let cellMargins = #"<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>"#

    mutating func place(_ text: String, row: Int, column: Int, rowSpan: Int = 1, columnSpan: Int = 1, leftAligned: Bool = false) {
        cells.append(Cell(text: text, row: row, column: column, rowSpan: rowSpan, columnSpan: columnSpan, leftAligned: leftAligned))
    }

    var xml: String {
        let width = columnWidths.reduce(0, +)
        var out = "<w:tbl><w:tblPr>" + #"<w:tblStyle w:val="TableGrid"/><w:tblW w:w="\#(width)" w:type="dxa"/><w:jc w:val="center"/>"#
            + Self.borders + #"<w:tblLayout w:type="fixed"/>"# + Self.cellMargins
            + #"<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>"#
            + "</w:tblPr><w:tblGrid>"
        out += columnWidths.map { #"<w:gridCol w:w="\#($0)"/>"# }.joined() + "</w:tblGrid>"
        var starts: [Int: [Int: Cell]] = [:]
        for cell in cells { starts[cell.row, default: [:]][cell.column] = cell }
        /// Per grid column, the cell a vertical merge continues and the last row it covers.
        var merging: [Int: (cell: Cell, lastRow: Int)] = [:]
        for row in 0..<rowCount {
            let isHeader = row < headerRows
            let keepNext = (keepTogether && row < rowCount - 1) || isHeader
            out += "<w:tr><w:trPr><w:cantSplit/>" + (isHeader ? "<w:tblHeader/>" : "") + "</w:trPr>"
            var column = 0
            while column < columnWidths.count {
                if let cell = starts[row]?[column] {
                    out += self.cell(cell, merge: cell.rowSpan > 1 ? "restart" : nil, keepNext: keepNext)
                    if cell.rowSpan > 1 { merging[column] = (cell, row + cell.rowSpan - 1) }
                    column += cell.columnSpan
                } else if let (above, lastRow) = merging[column], row <= lastRow {
                    out += self.cell(Cell(text: "", row: row, column: column, columnSpan: above.columnSpan), merge: "continue", keepNext: keepNext)
                    column += above.columnSpan
                } else {
                    // A slot nothing covers: an empty cell keeps the grid whole.
                    out += self.cell(Cell(text: "", row: row, column: column), merge: nil, keepNext: keepNext)
                    column += 1
                }
            }
            out += "</w:tr>"
        }
        return out + "</w:tbl>"
    }

    func cell(_ cell: Cell, merge: String?, keepNext: Bool) -> String {
        let end = min(cell.column + cell.columnSpan, columnWidths.count)
        let width = columnWidths[cell.column..<end].reduce(0, +)
        var tcPr = #"<w:tcW w:w="\#(width)" w:type="dxa"/>"#
        if cell.columnSpan > 1 { tcPr += #"<w:gridSpan w:val="\#(cell.columnSpan)"/>"# }
        if let merge { tcPr += merge == "restart" ? #"<w:vMerge w:val="restart"/>"# : "<w:vMerge/>" }
        tcPr += #"<w:vAlign w:val="center"/>"#
        let pPr = (keepNext ? "<w:keepNext/>" : "") + (cell.leftAligned ? #"<w:jc w:val="left"/>"# : "")
        let runs = cell.text.isEmpty ? "" : WordXML.run(cell.text)
        return "<w:tc><w:tcPr>\(tcPr)</w:tcPr>" + WordXML.paragraph(style: "TableText", properties: pPr, runs: runs) + "</w:tc>"
    }
}
