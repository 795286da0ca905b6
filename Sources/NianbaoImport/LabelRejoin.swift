/// Labels published in pieces, put back together before the tables are read: a label broken over
/// two lines (`三、本年度` / `办理结果`, `一、本年新收政府信息` / `公开申请数量`) or two cells of a
/// column (`商业` / `企业`, `社会公益` / `组织`), and a two-row header flattened onto one line
/// each (`结果 结果 其他 尚未 总` / `维持 纠正 结果 审结 计`). Pieces are joined only when the
/// first is no label of its own and the joined text is one the format knows, so nothing
/// that reads as it stands is changed.
enum LabelRejoin {
    /// Every beginning of a known label (normalised), to tell a piece from prose.
    static let prefixes: Set<String> = {
        var out: Set<String> = []
        for label in ImportLabels.allLabels.union(ImportLabels.allStrippedLabels) {
            var prefix = ""
            for c in label {
                prefix.append(c)
                out.insert(prefix)
            }
        }
        return out
    }()

    /// Whether `piece` is the start of a label and no label of its own.
    static func isPiece(_ piece: String) -> Bool {
        let key = ImportLabels.normalize(piece)
        return !key.isEmpty && prefixes.contains(key) && !ImportLabels.isKnownLabel(piece) && CellValue(piece) == .text
    }

    // MARK: Undelimited lines

    /// Lines of a table in the one-cell-per-line layouts, pieces joined (the joined line keeps
    /// the first piece's place).
    static func lines(_ lines: [SourceLine]) -> [SourceLine] {
        var out: [SourceLine] = []
        var i = 0
        while i < lines.count {
            if i + 1 < lines.count, let header = flattenedHeader(lines[i], lines[i + 1]) {
                out.append(header)
                i += 2
                continue
            }
            var text = lines[i].text.trimmingSpaces
            var end: Int?
            var figures: SourceLine?
            if isPiece(text) {
                var j = i + 1
                while j < lines.count, j - i <= 3 {
                    // The last piece may have the row's figures after it: they stay where they are.
                    let (label, rest) = splitFigures(lines[j])
                    guard !label.isEmpty else { break }
                    text += label
                    if ImportLabels.isKnownLabel(text) {
                        end = j
                        figures = rest
                        break
                    }
                    guard rest == nil, prefixes.contains(ImportLabels.normalize(text)) else { break }
                    j += 1
                }
            }
            if let end {
                out.append(SourceLine(text: String(repeating: " ", count: lines[i].column - 1) + text, line: lines[i].line, column: lines[i].column,
                                      blanksBefore: lines[i].blanksBefore))
                if let figures { out.append(figures) }
                i = end + 1
            } else {
                out.append(lines[i])
                i += 1
            }
        }
        return out
    }

    /// A line's words before its trailing figures, and the figures as a line of their own (in
    /// their columns); nil when there are none.
    static func splitFigures(_ line: SourceLine) -> (label: String, figures: SourceLine?) {
        let words = line.text.split(whereSeparator: \.isWhitespace)
        let count = words.reversed().prefix { CellValue($0).isValue }.count
        guard count > 0, count < words.count else { return (count == 0 ? line.text.trimmingSpaces : "", nil) }
        let first = words[words.count - count]
        let offset = line.text.distance(from: line.text.startIndex, to: first.startIndex)
        let label = String(line.text[..<first.startIndex]).trimmingSpaces
        return (label, SourceLine(text: String(repeating: " ", count: offset) + line.text[first.startIndex...], line: line.line, column: offset + 1))
    }

    /// Two lines of words (no figures), as many on each, each upper word joined to the one
    /// below it a known label: one line of the joined labels, two spaces apart.
    static func flattenedHeader(_ upper: SourceLine, _ lower: SourceLine) -> SourceLine? {
        let a = upper.text.split(whereSeparator: \.isWhitespace).map(String.init)
        let b = lower.text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard a.count >= 2, a.count == b.count, a.contains(where: isPiece) else { return nil }
        var joined: [String] = []
        for (x, y) in zip(a, b) {
            guard ImportLabels.isKnownLabel(x + y) else { return nil }
            joined.append(x + y)
        }
        return SourceLine(text: String(repeating: " ", count: upper.column - 1) + joined.joined(separator: "  "), line: upper.line, column: upper.column,
                          blanksBefore: upper.blanksBefore)
    }

    // MARK: Cells with positions

    /// A table with positions (tabs, `|`, HTML, Word, PDF): a piece and the cell under it in the
    /// next row joined into the upper cell; the lower one left blank.
    static func cells(_ table: SourceTable) -> SourceTable {
        guard table.hasPositions, table.rows.count > 1 else { return table }
        var rows = table.rows
        for r in 0..<(rows.count - 1) {
            for (k, cell) in rows[r].enumerated() where isPiece(cell.text) {
                guard let p = cell.position, let m = rows[r + 1].firstIndex(where: { $0.position == p }) else { continue }
                let below = rows[r + 1][m]
                let text = cell.text.trimmingSpaces + below.text.trimmingSpaces
                guard CellValue(below.text) == .text, ImportLabels.isKnownLabel(text) else { continue }
                rows[r][k] = SourceCell(text: text, line: cell.line, column: cell.column, position: p)
                rows[r + 1][m] = SourceCell(text: "", line: below.line, column: below.column, position: p)
            }
        }
        var out = table
        out.rows = rows
        return out
    }
}
