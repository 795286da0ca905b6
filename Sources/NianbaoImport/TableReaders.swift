import NianbaoModel

/// A row label found in a table, with the cells that followed it.
struct FoundRow {
    var label: SourceCell
    var cells: [SourceCell] = []
    var quality: LabelMatchQuality
}

/// Reads tables 二, 三 and 四 into a `Report`, matching rows and columns by label.
///
/// Cells are read in order. A cell that matches a row label starts that row; the figures after
/// it, up to the next label (or the end of a delimited row), are the row's. Column order comes
/// from the header (`ColumnResolver`). Whatever cannot be placed is noted, never guessed.
struct TableReader {
    var report: Report
    var notes: NoteList
    /// Figures read, per table (for the summary).
    var counts: [String: Int] = [:]
    /// Each figure's place in report.yaml, by its place in the published file (for rule findings).
    var places: [SourceLocation: String] = [:]
    /// Empty cells placed by their row's totals (`RowArithmetic`), by their place in the file.
    var placedByTotals: Set<SourceLocation> = []

    // MARK: Helpers

    mutating func unplaced(_ cell: SourceCell, _ why: String, table: String) {
        notes.warn("import.unplaced", at: notes.location(cell), "单元格「\(cell.shown)」未能归入表格：\(why)", place: table)
    }

    /// The figures of one row, or nil with a note when a cell is not a figure.
    mutating func figures(
        _ cells: [SourceCell], columns: [String], amount: Bool = false, row: String, place: String
    ) -> [Located<Figure>]? {
        var out: [Located<Figure>] = []
        var problems: [String] = []
        var zeros: [(SourceCell, String)] = []
        for (cell, column) in zip(cells, columns) {
            let read = amount ? CellFigure.amount(cell) : CellFigure.count(cell)
            if let problem = read.problem { problems.append("「\(column)」\(problem)") }
            guard let figure = read.figure else { continue }
            if read.readAsZero { zeros.append((cell, column)) }
            out.append(Located(figure, at: notes.location(cell)))
        }
        guard problems.isEmpty else {
            notes.warn("import.row-unread", at: cells.first.map(notes.location), "「\(row)」行未导入：\(problems.joined(separator: "；"))", place: place)
            return nil
        }
        for (cell, column) in zeros {
            let why = placedByTotals.contains(notes.location(cell)) ? "：此行比表头少一格，行首或行尾有空行，只有这一格为空时该行的总计才等于各项之和" : ""
            notes.warn("import.blank", at: notes.location(cell), "表中「\(row)」行\(CellFigure.zeroNote(cell, column: column))\(why)", place: place)
        }
        for figure in out { places[figure.location] = place }
        return out
    }

    mutating func unread(_ row: FoundRow, name: String, expected: Int, place: String, why: String? = nil) {
        let numbers = row.cells.filter { $0.value != .blank }
        let message: String
        if numbers.isEmpty {
            message = "「\(name)」行没有数字，未导入；请对照原文填写"
        } else {
            let shown = numbers.prefix(20).map(\.shown).joined(separator: " ")
            message = "「\(name)」行有 \(numbers.count) 个数（\(shown)），与表头的 \(expected) 列对不上\(why.map { "：\($0)" } ?? "")，未导入；请对照原文填写"
        }
        notes.warn("import.row-unread", at: notes.location(row.label), message, place: place)
    }

    /// The cells of a row, one per column (`ColumnResolver.assign`), or else, in the
    /// one-cell-per-line layout, with its empty first or last cells placed by the row's totals
    /// (`RowArithmetic`). Nil when neither places the row; `why` when the totals could not tell.
    mutating func assign(_ cells: [SourceCell], to columns: [(path: HeaderPath, position: Int?)]) -> (cells: [SourceCell]?, why: String?) {
        if let assigned = ColumnResolver.assign(cells, to: columns) { return (assigned, nil) }
        switch RowArithmetic.place(cells, columns: columns.map(\.path)) {
        case .placed(let placed, let empty):
            for i in empty { placedByTotals.insert(notes.location(placed[i])) }
            return (placed, nil)
        case .ambiguous:
            return (nil, "行首和行尾都有空行，无论哪一端的格为空，该行的总计都等于各项之和，不能确定空的是哪一格")
        case .none:
            return (nil, nil)
        }
    }

    mutating func fuzzy(_ cell: SourceCell, as label: String, place: String) {
        notes.warn("import.label", at: notes.location(cell), "「\(cell.shown)」按「\(label)」读入", place: place)
    }

    /// The cells of a table in order: text to `label` (with its row index), anything else to
    /// `value`. A row of two cells or more (a table row, or a line with a label and its numbers)
    /// ends the current row; a line of one cell does not, so one cell per line reads too.
    static func scan(_ table: SourceTable, label: (SourceCell, Int) -> Void, value: (SourceCell) -> Void, endRow: () -> Void) {
        for (r, row) in table.rows.enumerated() {
            for cell in row {
                if case .text = cell.value { label(cell, r) } else { value(cell) }
            }
            if row.count >= 2 { endRow() }
        }
    }

    // MARK: Table 二

    mutating func readTableTwo(_ table: SourceTable) {
        let place = YAMLPlace.tableTwo
        let groups = LabelIndex(ReportFormat.tableTwo.indices.map { (ReportFormat.tableTwo[$0].heading, $0) })
        var rowEntries: [(label: String, value: (group: Int, row: Int))] = []
        var columnEntries: [(label: String, value: (group: Int, column: Int))] = []
        for (g, group) in ReportFormat.tableTwo.enumerated() {
            for (r, row) in group.rows.enumerated() { rowEntries.append((row.label, (g, r))) }
            for (c, column) in group.columns.enumerated() { columnEntries.append((column.label, (g, c))) }
        }
        let rows = LabelIndex(rowEntries)
        let columns = LabelIndex(columnEntries)
        let content = ImportLabels.normalize(ReportFormat.tableTwoContentLabel)

        var group: Int?
        var inHeader = false
        var headers: [Int: [(column: Int, cell: SourceCell)]] = [:]
        var found: [String: (row: FoundRow, group: Int, index: Int)] = [:]
        var current: String?
        var stray: [(SourceCell, String)] = []

        Self.scan(table, label: { cell, _ in
            let key = cell.normalized
            if ImportLabels.isIgnorable(key) { return }
            if let m = groups.match(cell.text), m.values.count == 1 {
                group = m.values[0]
                headers[group!] = []
                inHeader = false
                current = nil
                return
            }
            if key == content {
                inHeader = true
                current = nil
                return
            }
            if inHeader, let m = columns.match(cell.text) {
                let pick = m.values.first { $0.group == group } ?? m.values[0]
                headers[pick.group, default: []].append((pick.column, cell))
                return
            }
            if let m = rows.match(cell.text), m.values.count == 1 {
                let (g, r) = m.values[0]
                let key = ReportFormat.tableTwo[g].rows[r].key
                inHeader = false
                if found[key] != nil {
                    stray.append((cell, "「\(ReportFormat.tableTwo[g].rows[r].label)」行重复出现"))
                    current = nil
                } else {
                    found[key] = (FoundRow(label: cell, quality: m.quality), g, r)
                    current = key
                }
                return
            }
            stray.append((cell, inHeader ? "不是本表的列名" : "不是本表的行名"))
        }, value: { cell in
            if let key = current {
                found[key]!.row.cells.append(cell)
            } else if cell.value != .blank {
                stray.append((cell, "前面没有可识别的行名"))
            }
        }, endRow: {
            current = nil
            inHeader = false
        })

        for (cell, why) in stray { unplaced(cell, why, table: place) }
        var read = 0
        for group in ReportFormat.tableTwo {
            for node in group.rows {
                let rowPlace = YAMLPlace.two(node.key)
                guard let (row, g, _) = found[node.key] else {
                    notes.warn("import.row-missing", at: notes.location(table.line, 1), "表二中没有找到「\(node.label)」行，请对照原文填写", place: rowPlace, showLine: false)
                    continue
                }
                if row.quality == .prefix { fuzzy(row.label, as: node.label, place: rowPlace) }
                // Columns as the group's header names them; without a header, the official ones.
                var order: [(path: HeaderPath, position: Int?)] = group.columns.map { (HeaderPath(nodes: [$0]), nil) }
                if let header = headers[g], Set(header.map(\.column)) == Set(group.columns.indices), header.count == group.columns.count {
                    order = header.map { (HeaderPath(nodes: [group.columns[$0.column]]), $0.cell.position) }
                } else if group.columns.count > 1 {
                    notes.warn("import.columns", at: notes.location(row.label), "表二「\(group.heading)」没有可识别的列名，按官方格式的列顺序（\(group.columns.map(\.label).joined(separator: "、"))）读入", place: rowPlace)
                }
                let assigned = assign(row.cells, to: order)
                guard row.cells.contains(where: { $0.value != .blank }), let cells = assigned.cells else {
                    unread(row, name: node.label, expected: order.count, place: rowPlace, why: assigned.why)
                    continue
                }
                // Back to the official column order.
                var byKey: [String: SourceCell] = [:]
                for (column, cell) in zip(order, cells) { byKey[column.path.leaf.key] = cell }
                let ordered = group.columns.map { byKey[$0.key]! }
                guard let figures = figures(ordered, columns: group.columns.map(\.label), amount: group.isAmount, row: node.label, place: rowPlace)
                else { continue }
                report.tableTwo[node.key] = FigureRow(cells: figures, at: notes.location(row.label))
                places[notes.location(row.label)] = rowPlace
                read += figures.count
            }
        }
        counts["two"] = read
    }

    // MARK: Table 三

    mutating func readTableThree(_ table: SourceTable) {
        let place = YAMLPlace.tableThree
        let nodePaths = ReportFormat.tableThreeRows.allNodePaths
        let rows = LabelIndex(nodePaths.indices.map { (nodePaths[$0].last!.label, $0) })
        let columnLabels = LabelIndex(ReportFormat.tableThreeColumns.allNodePaths.map { ($0.last!.label, 0) })
        let corner = ImportLabels.normalize(ReportFormat.tableThreeCorner)

        var header: [(cell: SourceCell, row: Int)] = []
        var inBody = false
        var group: [HeaderNode] = []
        var found: [String: FoundRow] = [:]
        var current: String?
        var stray: [(SourceCell, String)] = []

        Self.scan(table, label: { cell, r in
            let key = cell.normalized
            if key == corner || ImportLabels.isIgnorable(key) { return }
            if !inBody, columnLabels.match(cell.text) != nil {
                header.append((cell, r))
                return
            }
            let match = rows.match(cell.text)
            // A header repeated where a table runs over two pages is no figure: skip it. (A row
            // label written exactly still wins: `（七）总计` over the column 总计.)
            if inBody, match?.quality != .exact, columnLabels.match(cell.text)?.quality == .exact { return }
            if let m = match {
                // A label under several groups is read under the current one.
                let candidates = m.values.map { nodePaths[$0] }
                let path = candidates.count == 1 ? candidates[0] : candidates.first { Array($0.dropLast()) == group }
                guard let path else {
                    stray.append((cell, "行名不明确"))
                    return
                }
                inBody = true
                if path.last!.isLeaf {
                    let key = HeaderPath(nodes: path).key
                    if found[key] != nil {
                        stray.append((cell, "「\(path.last!.label)」行重复出现"))
                        current = nil
                    } else {
                        found[key] = FoundRow(label: cell, quality: m.quality)
                        current = key
                    }
                    group = Array(path.dropLast())
                } else {
                    group = path
                    current = nil
                }
                return
            }
            stray.append((cell, inBody ? "不是本表的行名" : "不是本表的列名"))
        }, value: { cell in
            if let key = current {
                found[key]!.cells.append(cell)
            } else if cell.value != .blank {
                stray.append((cell, "前面没有可识别的行名"))
            }
        }, endRow: { current = nil })

        for (cell, why) in stray { unplaced(cell, why, table: place) }
        let order = ColumnResolver.resolve(header, tree: ReportFormat.tableThreeColumns)
        if let order, order.assumed {
            notes.warn("import.columns", at: header.first.map { notes.location($0.cell) } ?? notes.location(table.line, 1),
                       "表三的列名不在原位（或每格单独一行），按官方格式的列顺序（\(order.columns.map(\.path.leaf.label).joined(separator: "、"))）读入", place: place)
        } else if order == nil, !found.isEmpty {
            notes.warn("import.columns", at: header.first.map { notes.location($0.cell) } ?? notes.location(table.line, 1),
                       "表三的表头未能识别，各行按官方格式的列顺序读入", place: place)
        }
        var read = 0
        for path in ReportFormat.tableThreeRowPaths {
            let rowPlace = YAMLPlace.three(path.key)
            guard let row = found[path.key] else {
                // （七）总计 is optional in report.yaml: computed when absent.
                if path.key != ReportFormat.tableThreeTotalRow {
                    notes.warn("import.row-missing", at: notes.location(table.line, 1), "表三中没有找到「\(path.label)」行，请对照原文填写", place: rowPlace, showLine: false)
                }
                continue
            }
            if row.quality == .prefix { fuzzy(row.label, as: path.leaf.label, place: rowPlace) }
            let numbers = row.cells.filter { $0.value != .blank }.count
            let columns = order?.columns ?? ColumnResolver.official(for: numbers, tree: ReportFormat.tableThreeColumns) ?? []
            let assigned = assign(row.cells, to: columns)
            guard numbers > 0, !columns.isEmpty, let cells = assigned.cells else {
                unread(row, name: path.leaf.label, expected: columns.isEmpty ? ReportFormat.tableThreeColumnPaths.count : columns.count, place: rowPlace, why: assigned.why)
                continue
            }
            var byKey: [String: SourceCell] = [:]
            for (column, cell) in zip(columns, cells) { byKey[column.path.key] = cell }
            let official = ReportFormat.tableThreeColumnPaths.filter { byKey[$0.key] != nil }
            guard let figures = figures(official.map { byKey[$0.key]! }, columns: official.map { Rules.tableThreeColumnLabel(ReportFormat.tableThreeColumnPaths.firstIndex(of: $0)!) },
                                        row: path.leaf.label, place: rowPlace)
            else { continue }
            report.tableThree[path.key] = FigureRow(cells: figures, at: notes.location(row.label))
            places[notes.location(row.label)] = rowPlace
            read += figures.count
        }
        counts["three"] = read
    }

    // MARK: Table 四

    mutating func readTableFour(_ table: SourceTable) {
        let place = YAMLPlace.tableFour
        let (header, data, stray) = Self.tableFourCells(table)
        for (cell, why) in stray { unplaced(cell, why, table: place) }
        let numbers = data.filter { $0.value != .blank }
        let order = ColumnResolver.resolve(header, tree: ReportFormat.tableFourColumns)
        let columns = order?.columns ?? ColumnResolver.official(for: numbers.count, tree: ReportFormat.tableFourColumns) ?? []
        let anchor = header.first.map { notes.location($0.cell) } ?? notes.location(table.line, 1)
        if order?.assumed ?? !columns.isEmpty {
            notes.warn("import.columns", at: anchor, order == nil ? "表四的表头未能识别，按官方格式的列顺序读入" : "表四的列名不在原位（或每格单独一行），按官方格式的列顺序读入", place: place)
        }
        let assigned = assign(data, to: columns)
        guard !numbers.isEmpty, !columns.isEmpty, let cells = assigned.cells else {
            let shown = numbers.prefix(20).map(\.shown).joined(separator: " ")
            let expected = columns.isEmpty ? ReportFormat.tableFourColumns.leafPaths.count : columns.count
            let message = numbers.isEmpty
                ? "表四没有数字，未导入；请对照原文填写"
                : "表四有 \(numbers.count) 个数（\(shown)），与表头的 \(expected) 列对不上\(assigned.why.map { "：\($0)" } ?? "")，未导入；请对照原文填写"
            notes.warn("import.row-unread", at: numbers.first.map(notes.location) ?? anchor, message, place: place)
            return
        }
        var byKey: [String: SourceCell] = [:]
        for (column, cell) in zip(columns, cells) { byKey[column.path.key] = cell }
        var read = 0
        for group in ReportFormat.tableFourGroups {
            let rowPlace = YAMLPlace.four(group.leaf.key)
            let outcomes = ReportFormat.tableFourOutcomes.filter { byKey[group.key + "." + $0.key] != nil }
            let groupCells = outcomes.map { byKey[group.key + "." + $0.key]! }
            guard let figures = figures(groupCells, columns: outcomes.map { "\(group.label) / \($0.label)" }, row: group.label, place: rowPlace)
            else { continue }
            report.tableFour[group.leaf.key] = FigureRow(cells: figures, at: figures.first?.location ?? anchor)
            read += figures.count
        }
        counts["four"] = read
    }

    /// Table 四's header cells (with their row), its data cells in order and the cells that are
    /// neither. One cell per line, a blank cell is a run of blank lines standing for an empty cell
    /// (`TextTable`): kept in its place among the figures, and before the first figure too (the
    /// first cell may be the empty one), but not among the header's labels.
    static func tableFourCells(_ table: SourceTable) -> (header: [(cell: SourceCell, row: Int)], data: [SourceCell], stray: [(SourceCell, String)]) {
        let columnLabels = LabelIndex(ReportFormat.tableFourColumns.allNodePaths.map { ($0.last!.label, 0) })
        var header: [(cell: SourceCell, row: Int)] = []
        var data: [SourceCell] = []
        var emptyBefore: [SourceCell] = []
        var stray: [(SourceCell, String)] = []
        for (r, row) in table.rows.enumerated() {
            let hasFigures = row.contains { $0.value.isValue }
            if !table.hasPositions, row.count == 1, row[0].value == .blank {
                if data.isEmpty { emptyBefore.append(row[0]) } else { data.append(row[0]) }
                continue
            }
            for cell in row {
                switch cell.value {
                case .text:
                    let key = cell.normalized
                    if ImportLabels.isIgnorable(key) { continue }
                    emptyBefore = []
                    if columnLabels.match(cell.text) != nil {
                        if data.isEmpty { header.append((cell, r)) }
                    } else {
                        stray.append((cell, "不是本表的列名"))
                    }
                default:
                    guard hasFigures else { continue }
                    if data.isEmpty { data = emptyBefore }
                    data.append(cell)
                }
            }
        }
        return (header, data, stray)
    }
}
