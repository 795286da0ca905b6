/// Plain text: every non-blank line is a block. Which lines are table cells is decided later,
/// per section (`TextTable`), since only the sections 二, 三 and 四 hold tables.
enum TextReader {
    static func read(_ text: String) -> SourceDocument {
        var document = SourceDocument(kind: .text)
        var number = 0
        var blanks = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            let line = String(raw)
            let indent = line.prefix { $0.isWhitespace && $0 != "\t" }.count
            guard !line.trimmingSpaces.isEmpty else {
                blanks += 1
                continue
            }
            document.blocks.append(.line(SourceLine(text: line, line: number, column: indent + 1, blanksBefore: blanks)))
            blanks = 0
        }
        return document
    }
}

/// The lines of one table section as a table, in whichever layout they were copied:
/// tab-separated cells, `|`-separated cells, or undelimited lines (one cell per line, blank
/// lines between cells, or a row's numbers separated by spaces).
enum TextTable {
    /// `blanksAfter`: the blank lines after the last line (before the next heading).
    static func table(from lines: [SourceLine], blanksAfter: Int = 0) -> SourceTable? {
        guard let first = lines.first, let last = lines.last else { return nil }
        let layout: TableLayout
        if lines.contains(where: { $0.text.contains("\t") }) {
            layout = .tabs
        } else if lines.filter({ $0.text.contains("|") }).count * 2 >= lines.count {
            layout = .pipes
        } else {
            layout = .lines
        }
        var rows: [[SourceCell]] = []
        // One cell per line with a blank line between cells: an empty cell written as nothing
        // adds two blank lines (its own and the one after it), and is an empty cell of its own.
        // A run that is not one blank line plus pairs tells no count: it is marked, so that the
        // row is noted and not read rather than shifted.
        let separated = layout == .lines && lines.count > 4 && lines.dropFirst().filter { $0.blanksBefore == 1 }.count * 4 >= (lines.count - 1) * 3
        // (Blank lines before the first line stand for nothing: the table starts there.)
        for (index, line) in (layout == .lines ? LabelRejoin.lines(lines) : lines).enumerated() {
            if separated, index > 0 { rows += emptyCells(blanks: line.blanksBefore, before: line.line) }
            switch layout {
            case .tabs where line.text.contains("\t"):
                rows.append(split(line, by: "\t"))
            case .pipes where line.text.contains("|"):
                let row = pipeRow(line)
                if !row.isEmpty { rows.append(row) }
            default:
                rows.append(undelimited(line))
            }
        }
        // The table's last cells may be empty too: blank lines before the next heading, where a
        // report often leaves one more: each pair beyond the first blank line may be an empty cell
        // (its row's totals decide, `RowArithmetic`), an odd one out is the space before the heading.
        let paired = blanksAfter - (blanksAfter - 1) % 2
        if separated { rows += emptyCells(blanks: paired, before: last.line + paired + 1) }
        return SourceTable(rows: rows, layout: layout, line: first.line)
    }

    /// The empty cells a run of `blanks` blank lines before line `before` stands for, one row each
    /// (at the blank line standing for it); one marked cell when the run gives no count.
    static func emptyCells(blanks: Int, before: Int) -> [[SourceCell]] {
        guard blanks > 1 else { return [] }
        let exact = (blanks - 1) % 2 == 0
        return (0..<(exact ? (blanks - 1) / 2 : 1)).map { k in
            [SourceCell(text: exact ? "" : "（空行数不明）", line: before - blanks + 2 * k + 1, column: 1, position: nil)]
        }
    }

    /// Cells between separators; `position` is the cell's index in the line.
    static func split(_ line: SourceLine, by separator: Character, dropOuter: Bool = false) -> [SourceCell] {
        var cells: [SourceCell] = []
        var start = 0
        var text = ""
        var offset = 0
        var pieces: [(text: String, start: Int)] = []
        for c in line.text {
            if c == separator {
                pieces.append((text, start))
                text = ""
                start = offset + 1
            } else {
                text.append(c)
            }
            offset += 1
        }
        pieces.append((text, start))
        if dropOuter {
            if let first = pieces.first, first.text.trimmingSpaces.isEmpty { pieces.removeFirst() }
            if let last = pieces.last, last.text.trimmingSpaces.isEmpty { pieces.removeLast() }
        }
        for (index, piece) in pieces.enumerated() {
            let lead = piece.text.prefix { $0.isWhitespace }.count
            cells.append(SourceCell(text: piece.text, line: line.line, column: piece.start + lead + 1, position: index))
        }
        return cells
    }

    /// `| a | b |`, without the outer bars; Markdown's `|---|---|` separator row gives no cells.
    static func pipeRow(_ line: SourceLine) -> [SourceCell] {
        let cells = split(line, by: "|", dropOuter: true)
        let isRule = cells.allSatisfy { cell in
            let t = cell.text.trimmingSpaces
            return !t.isEmpty && t.allSatisfy { $0 == "-" || $0 == ":" }
        }
        return isRule ? [] : cells
    }

    /// A line with no cell delimiters: the text before the last words that are numbers is one
    /// label (or several, where a known label would otherwise be lost), and each trailing
    /// number is a cell of its own.
    static func undelimited(_ line: SourceLine) -> [SourceCell] {
        // Tokens separated by whitespace, with their offsets and the width of the gap before them.
        var tokens: [Word] = []
        var current = ""
        var start = 0
        var gap = 0
        var offset = 0
        for c in line.text {
            if c.isWhitespace {
                if !current.isEmpty {
                    tokens.append((current, start, gap))
                    current = ""
                    gap = 0
                }
                gap += 1
            } else {
                if current.isEmpty { start = offset }
                current.append(c)
            }
            offset += 1
        }
        if !current.isEmpty { tokens.append((current, start, gap)) }
        guard !tokens.isEmpty else { return [] }

        let lastText = tokens.lastIndex { !CellValue($0.text).isValue }
        var cells: [SourceCell] = []
        if let lastText {
            let characters = Array(line.text)
            let words = Array(tokens[...lastText])
            for group in labelGroups(words) {
                let text = String(characters[group.first!.start..<(group.last!.start + group.last!.text.count)])
                cells.append(SourceCell(text: text, line: line.line, column: group.first!.start + 1, position: nil))
            }
        }
        for token in tokens[((lastText ?? -1) + 1)...] {
            cells.append(SourceCell(text: token.text, line: line.line, column: token.start + 1, position: nil))
        }
        return cells
    }

    typealias Word = (text: String, start: Int, gap: Int)

    /// The words before the numbers, grouped into labels: all of them as one label when that is a
    /// known label (`结果 维持`); else a run of known labels (`(三) 不予公开 1. 属于国家秘密`, taking
    /// the longest known label at each step); else split at gaps of two spaces or more.
    static func labelGroups(_ words: [Word]) -> [[Word]] {
        if words.count == 1 || ImportLabels.isKnownLabel(words.map(\.text).joined()) { return [words] }
        if words.count <= 40 {
            var groups: [[Word]] = []
            var i = 0
            while i < words.count {
                var end: Int?
                var joined = ""
                for k in i..<words.count {
                    joined += words[k].text
                    if ImportLabels.isKnownLabel(joined) { end = k }
                }
                guard let end else { break }
                groups.append(Array(words[i...end]))
                i = end + 1
            }
            if i == words.count { return groups }
        }
        var wide: [[Word]] = []
        for word in words {
            if wide.isEmpty || word.gap >= 2 { wide.append([word]) } else { wide[wide.count - 1].append(word) }
        }
        return wide
    }
}
