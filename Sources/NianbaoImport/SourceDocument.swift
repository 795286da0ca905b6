/// A published report as read, before anything is matched: lines of text and tables, in
/// document order, each with its place in the file (1-based line and column).
struct SourceDocument {
    enum Kind { case text, html, word }

    var kind: Kind
    var blocks: [SourceBlock] = []
    /// HTML: the text of `<title>`, a fallback for the report title.
    var titleElement: SourceLine?
    /// HTML: `<meta name="PubDate" content="…">` and the like.
    var metaDate: SourceLine?
    /// Word: where pictures (or embedded objects) stand; a table pasted as a picture is one.
    var images: [SourceLine] = []
    /// Word: what the reader took in a way to be checked (tracked changes, footnotes, merged cells…).
    var notices: [(rule: String, line: SourceLine, message: String)] = []
}

enum SourceBlock {
    case line(SourceLine)
    case table(SourceTable)
}

/// One line (plain text) or one block of text (HTML: a paragraph, a heading, a list item; Word:
/// a paragraph, or each part of one broken by line breaks). For plain text `text` is the line as
/// written, tabs included; for Word, the paragraph as shown, automatic numbering included.
struct SourceLine {
    var text: String
    var line: Int
    var column: Int
    /// Word: the paragraph's style and bold runs, for the Markdown; nil for text and HTML.
    var format: LineFormat? = nil
    /// Plain text: how many blank lines stand before this one (runs of them are empty cells
    /// where blank lines separate the cells).
    var blanksBefore = 0
}

/// How a Word paragraph was formatted: a heading (by style or outline level), an item of a
/// numbered or bulleted list, or a paragraph; and its text in runs, bold or not.
struct LineFormat {
    enum Kind: Equatable {
        case paragraph
        case heading(level: Int)
        /// `marker` is `1.`, `2)` or `-`; `level` 0 is the outermost.
        case listItem(marker: String, level: Int)
    }

    struct Span: Equatable {
        var text: String
        var bold: Bool
    }

    var kind: Kind
    /// The text without a list item's marker, in runs; joined, the rest of `SourceLine.text`.
    var spans: [Span]
}

/// One cell of a table. `position` is its column in the table when the source has one (the
/// index of a tab- or `|`-separated cell, or the grid column of an HTML cell after its
/// neighbours' spans), nil where cells are not delimited.
struct SourceCell {
    var text: String
    var line: Int
    var column: Int
    var position: Int?
    var value: CellValue

    init(text: String, line: Int, column: Int, position: Int?) {
        self.text = text
        self.line = line
        self.column = column
        self.position = position
        self.value = CellValue(text)
    }

    var normalized: String { ImportLabels.normalize(text) }

    /// The text as shown in messages: trimmed, at most 30 characters.
    var shown: String {
        let trimmed = text.trimmingSpaces
        return trimmed.count > 30 ? String(trimmed.prefix(30)) + "…" : trimmed
    }
}

/// The layouts a table arrives in.
enum TableLayout: Equatable {
    case html
    case word
    case tabs
    case pipes
    /// Rebuilt from a PDF's word boxes (`PDFTable`).
    case pdf
    /// No cell delimiters: one cell per line, blank lines between cells, or a row's numbers
    /// separated by spaces.
    case lines

    var description: String {
        switch self {
        case .html: "网页表格"
        case .word: "Word 表格"
        case .tabs: "制表符分隔"
        case .pipes: "竖线分隔"
        case .pdf: "PDF 表格"
        case .lines: "逐行排列"
        }
    }
}

/// A table as rows of cells. In `.lines` layout a "row" is a line of the file, not a table row.
struct SourceTable {
    var rows: [[SourceCell]]
    var layout: TableLayout
    var line: Int

    var hasPositions: Bool { layout != .lines }
    var cells: [SourceCell] { rows.flatMap { $0 } }
}

extension StringProtocol {
    /// Without whitespace of any kind (ideographic and non-breaking spaces too) at either end.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace && !ImportLabels.ignorable.contains($0.value) }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace && !ImportLabels.ignorable.contains($0.value) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
