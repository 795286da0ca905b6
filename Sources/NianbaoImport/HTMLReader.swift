/// A saved HTML page as blocks: each paragraph, heading, list item or `<br>`-separated line is a
/// line of text; each data table is a table laid out on its grid (rowspan/colspan applied).
/// Page furniture is skipped: `<head>` (except `<title>` and a `PubDate` meta), scripts, styles,
/// `<nav>`, and `<header>`/`<footer>` outside the article.
enum HTMLReader {
    static let skipped: Set<String> = [
        "head", "script", "style", "noscript", "template", "nav", "select", "button", "iframe", "object", "svg",
        "math", "canvas", "audio", "video", "map", "textarea", "input", "caption", "colgroup", "col",
    ]
    static let blocks: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "center", "dd", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li",
        "main", "ol", "p", "pre", "section", "summary", "details", "ul", "tr", "td", "th", "tbody", "thead", "tfoot",
    ]
    /// Meta names that hold the publication date on Chinese government pages.
    static let dateMetas: Set<String> = ["pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date"]
    /// A cell longer than this is prose: its table is page layout, not a report table.
    static let longestCell = 200
    /// Cells laid out at most (rows × columns after spans), against pathological spans.
    static let gridLimit = 100_000

    static func read(_ text: String) -> SourceDocument {
        var reader = Walker()
        reader.walk(HTMLTree.parse(text), inArticle: false)
        reader.flush()
        return reader.document
    }

    struct Walker {
        var document = SourceDocument(kind: .html)
        var line = LineBuilder()

        mutating func flush() {
            if let done = line.finish() { document.blocks.append(.line(done)) }
        }

        mutating func walk(_ node: HTMLNode, inArticle: Bool) {
            for child in node.children {
                if child.isText {
                    line.append(child.text, line: child.line, column: child.column)
                    continue
                }
                let name = child.name
                if name == "title" || name == "meta" {
                    headItem(child)
                    continue
                }
                if name == "head" {
                    for item in child.children where item.name == "title" || item.name == "meta" { headItem(item) }
                    continue
                }
                if HTMLReader.skipped.contains(name) { continue }
                if (name == "header" || name == "footer"), !inArticle { continue }
                if name == "br" {
                    flush()
                    continue
                }
                if name == "table" {
                    flush()
                    if let table = HTMLReader.dataTable(child) {
                        document.blocks.append(.table(table))
                    } else {
                        walk(child, inArticle: inArticle)
                        flush()
                    }
                    continue
                }
                let article = inArticle || name == "article" || name == "main" || name == "section"
                if HTMLReader.blocks.contains(name) {
                    flush()
                    walk(child, inArticle: article)
                    flush()
                } else {
                    walk(child, inArticle: article)
                }
            }
        }

        /// `<title>` (the first one) and a meta tag holding the publication date.
        mutating func headItem(_ node: HTMLNode) {
            if node.name == "title" {
                var title = LineBuilder()
                title.collect(node)
                if document.titleElement == nil { document.titleElement = title.finish() }
            } else {
                let key = (node.attributes["name"] ?? node.attributes["property"] ?? "").lowercased()
                if HTMLReader.dateMetas.contains(key), let content = node.attributes["content"], document.metaDate == nil {
                    document.metaDate = SourceLine(text: content, line: node.line, column: node.column)
                }
            }
        }
    }

    /// A table of figures, or nil for a table used for page layout (it holds another table, has
    /// one cell per row, or has a cell of prose).
    static func dataTable(_ table: HTMLNode) -> SourceTable? {
        var rows: [HTMLNode] = []
        var nested = false
        func findRows(_ node: HTMLNode, depth: Int) {
            for child in node.children where !child.isText {
                if child.name == "table" {
                    nested = true
                } else if child.name == "tr" {
                    rows.append(child)
                } else if child.name != "td", child.name != "th" {
                    findRows(child, depth: depth + 1)
                }
            }
        }
        findRows(table, depth: 0)
        var cellRows: [[(node: HTMLNode, text: SourceLine?)]] = []
        for row in rows {
            var cells: [(node: HTMLNode, text: SourceLine?)] = []
            func findCells(_ node: HTMLNode) {
                for child in node.children where !child.isText {
                    if child.name == "td" || child.name == "th" {
                        var text = LineBuilder()
                        text.collect(child) { nested = nested || $0.name == "table" }
                        cells.append((child, text.finish()))
                    } else if child.name != "tr", child.name != "table" {
                        findCells(child)
                    }
                }
            }
            findCells(row)
            cellRows.append(cells)
        }
        if nested || rows.isEmpty || cellRows.allSatisfy({ $0.count <= 1 }) { return nil }
        if cellRows.contains(where: { $0.contains { ($0.text?.text.count ?? 0) > longestCell } }) { return nil }

        // Lay the cells out on the grid: a cell takes the first free column of its row.
        var taken: [Set<Int>] = Array(repeating: [], count: cellRows.count)
        var budget = gridLimit
        var out: [[SourceCell]] = []
        for (r, cells) in cellRows.enumerated() {
            var row: [SourceCell] = []
            var c = 0
            for (node, text) in cells {
                while taken[r].contains(c) { c += 1 }
                let rowspan = min(span(node.attributes["rowspan"]), cellRows.count - r)
                var colspan = min(span(node.attributes["colspan"]), 1000)
                if rowspan * colspan > budget { colspan = 1 }
                budget -= rowspan * colspan
                if rowspan > 1 {
                    for rr in (r + 1)..<(r + rowspan) { for cc in c..<(c + colspan) { taken[rr].insert(cc) } }
                }
                let place = text ?? SourceLine(text: "", line: node.line, column: node.column)
                row.append(SourceCell(text: place.text, line: place.line, column: place.column, position: c))
                c += colspan
            }
            out.append(row)
        }
        return SourceTable(rows: out, layout: .html, line: table.line)
    }

    /// A `rowspan`/`colspan` value: its leading digits, at least 1.
    static func span(_ value: String?) -> Int {
        guard let value else { return 1 }
        let digits = value.trimmingSpaces.prefix { $0.isASCII && $0.isNumber }.prefix(6)
        return max(1, Int(digits) ?? 1)
    }
}

/// Text of inline content collected into one line, with HTML's whitespace rules: runs of
/// spaces and line breaks become one space, and a line break between two CJK characters (a
/// wrapped source line) disappears. A non-breaking space stays a space.
struct LineBuilder {
    private var text = String.UnicodeScalarView()
    private var line = 0
    private var column = 0
    private var pendingSpace = false
    private var pendingBreak = false

    mutating func append(_ piece: String, line pieceLine: Int, column pieceColumn: Int) {
        var l = pieceLine, c = pieceColumn
        for scalar in piece.unicodeScalars {
            defer {
                if scalar == "\n" { l += 1; c = 1 } else { c += 1 }
            }
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}" {
                if !text.isEmpty {
                    pendingSpace = true
                    if scalar == "\n" { pendingBreak = true }
                }
                continue
            }
            if text.isEmpty {
                if scalar.properties.isWhitespace || ImportLabels.ignorable.contains(scalar.value) { continue }
                line = l
                column = c
            }
            if pendingSpace {
                let joinsCJK = pendingBreak && Self.isWide(text.last!) && Self.isWide(scalar)
                if !joinsCJK { text.append(" ") }
                pendingSpace = false
                pendingBreak = false
            }
            text.append(scalar == "\u{A0}" ? " " : scalar)
        }
    }

    /// All text below `node`; `<br>` and block elements become spaces. `visit` sees every element.
    mutating func collect(_ node: HTMLNode, visit: (HTMLNode) -> Void = { _ in }) {
        for child in node.children {
            if child.isText {
                append(child.text, line: child.line, column: child.column)
            } else {
                visit(child)
                if HTMLReader.skipped.contains(child.name) { continue }
                if child.name == "br" || HTMLReader.blocks.contains(child.name) { append(" ", line: child.line, column: child.column) }
                collect(child, visit: visit)
            }
        }
    }

    /// The line collected so far (trimmed), or nil if it is blank; starts a new one.
    mutating func finish() -> SourceLine? {
        defer { self = LineBuilder() }
        let done = String(text).trimmingSpaces
        return done.isEmpty ? nil : SourceLine(text: done, line: line, column: column)
    }

    static func isWide(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}
