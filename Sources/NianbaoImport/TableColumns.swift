import NianbaoModel

/// The data columns of a table as the published header names them, in the order they stand.
struct ColumnOrder {
    var columns: [(path: HeaderPath, position: Int?)]
    /// True when the header could not confirm the order and the official order was taken.
    var assumed: Bool
}

/// Reads a table's column header against its tree in `ReportFormat`.
enum ColumnResolver {
    /// Header cells (with the table row each sits in) → the order of the data columns.
    ///
    /// Where cells have positions, each leaf label is placed by its position; a label that occurs
    /// under several groups (table 四's 结果维持 …) belongs to the nearest group heading above it
    /// and at or left of it. Without positions, the labels must all be there, and then the
    /// official order is used (confirmed when they come in the official reading order).
    /// Returns nil when the header names no complete set of columns.
    static func resolve(_ header: [(cell: SourceCell, row: Int)], tree: [HeaderNode]) -> ColumnOrder? {
        // An official header has a few dozen cells; thousands are no header.
        guard header.count <= 200 else { return nil }
        let index = LabelIndex(tree.allNodePaths.map { ($0.last!.label, $0) })
        let matched = header.compactMap { h in index.match(h.cell.text).map { (cell: h.cell, row: h.row, paths: $0.values) } }
        let leaves = tree.leafPaths
        let withoutTotals = leaves.filter { $0.leaf.key != "total" }
        func complete(_ keys: [String]) -> [HeaderPath]? {
            let set = Set(keys)
            guard set.count == keys.count else { return nil }
            if set == Set(leaves.map(\.key)) { return leaves }
            if set == Set(withoutTotals.map(\.key)) { return withoutTotals }
            return nil
        }

        if !matched.isEmpty, matched.allSatisfy({ $0.cell.position != nil }) {
            let groups = matched.filter { $0.paths.contains { !$0.last!.isLeaf } }
            var placed: [(path: HeaderPath, position: Int)] = []
            for m in matched {
                let leafPaths = m.paths.filter { $0.last!.isLeaf }
                guard !leafPaths.isEmpty, let p = m.cell.position else { continue }
                var pick: [HeaderNode]?
                if leafPaths.count == 1 {
                    pick = leafPaths[0]
                } else if let group = groups.filter({ $0.row < m.row && $0.cell.position! <= p })
                    .max(by: { ($0.row, $0.cell.position!) < ($1.row, $1.cell.position!) })
                {
                    let parents = group.paths.filter { !$0.last!.isLeaf }
                    let fits = leafPaths.filter { leaf in parents.contains { leaf.count == $0.count + 1 && leaf.starts(with: $0) } }
                    if fits.count == 1 { pick = fits[0] }
                }
                if let pick { placed.append((HeaderPath(nodes: pick), p)) }
            }
            placed.sort { $0.position < $1.position }
            if complete(placed.map(\.path.key)) != nil, Set(placed.map(\.position)).count == placed.count {
                return ColumnOrder(columns: placed.map { ($0.path, $0.position) }, assumed: false)
            }
        }

        // Without positions (or when they do not add up): the labels as a set.
        let leafLabels = matched.filter { $0.paths.contains { $0.last!.isLeaf } }.map { ImportLabels.normalize($0.cell.text) }
        for candidate in [leaves, withoutTotals] {
            let expected = candidate.map { ImportLabels.normalize($0.leaf.label) }
            guard leafLabels.sorted() == expected.sorted() else { continue }
            let reading = readingOrder(tree, keepTotals: candidate.count == leaves.count).map(ImportLabels.normalize)
            let seen = matched.map { ImportLabels.normalize($0.cell.text) }
            return ColumnOrder(columns: candidate.map { ($0, nil) }, assumed: seen != reading)
        }
        return nil
    }

    /// The labels of a header tree row by row, as the official table prints them.
    static func readingOrder(_ tree: [HeaderNode], keepTotals: Bool) -> [String] {
        var levels: [[String]] = []
        func walk(_ nodes: [HeaderNode], _ depth: Int) {
            for node in nodes where keepTotals || node.key != "total" {
                if levels.count <= depth { levels.append([]) }
                levels[depth].append(node.label)
                walk(node.children, depth + 1)
            }
        }
        walk(tree, 0)
        return levels.flatMap { $0 }
    }

    /// The cells of a row, one per column: by count (leading and trailing blanks dropped), or
    /// else by position when every column has a cell at its position and every figure is under
    /// a column. Nil when neither works.
    static func assign(_ cells: [SourceCell], to columns: [(path: HeaderPath, position: Int?)]) -> [SourceCell]? {
        var trimmed = ArraySlice(cells)
        while let first = trimmed.first, first.value == .blank { trimmed.removeFirst() }
        while let last = trimmed.last, last.value == .blank { trimmed.removeLast() }
        if trimmed.count == columns.count { return Array(trimmed) }
        let positions = columns.compactMap(\.position)
        guard positions.count == columns.count, cells.allSatisfy({ $0.position != nil }) else { return nil }
        var byPosition: [Int: SourceCell] = [:]
        for cell in cells { byPosition[cell.position!] = cell }
        let wanted = Set(positions)
        guard trimmed.allSatisfy({ $0.value == .blank || wanted.contains($0.position!) }) else { return nil }
        let out = positions.compactMap { byPosition[$0] }
        return out.count == columns.count ? out : nil
    }

    /// Columns for a row when the header gave none: the official ones, all or without 总计.
    static func official(for count: Int, tree: [HeaderNode]) -> [(path: HeaderPath, position: Int?)]? {
        let leaves = tree.leafPaths
        if count == leaves.count { return leaves.map { ($0, nil) } }
        let withoutTotals = leaves.filter { $0.leaf.key != "total" }
        if count == withoutTotals.count { return withoutTotals.map { ($0, nil) } }
        return nil
    }
}

/// A cell read as a figure for report.yaml.
enum CellFigure {
    /// The figure, or nil with the reason. Blanks and placeholders are 0, with a note.
    static func count(_ cell: SourceCell) -> (figure: Figure?, readAsZero: Bool, problem: String?) {
        switch cell.value {
        case .count(let n): return (.count(n), false, nil)
        case .blank, .placeholder: return (.count(0), true, nil)
        case .decimal(let s): return (nil, false, "「\(s)」不是整数")
        case .text: return (nil, false, "「\(cell.shown)」不是数字")
        }
    }

    static func amount(_ cell: SourceCell) -> (figure: Figure?, readAsZero: Bool, problem: String?) {
        switch cell.value {
        case .count(let n): return (.amount(String(n)), false, nil)
        case .decimal(let s): return (.amount(s), false, nil)
        case .blank, .placeholder: return (.amount("0"), true, nil)
        case .text: return (nil, false, "「\(cell.shown)」不是数字")
        }
    }

    /// How a blank or placeholder cell is described in the note.
    static func zeroNote(_ cell: SourceCell, column: String) -> String {
        switch cell.value {
        case .placeholder(let mark): "「\(column)」一格为「\(mark)」，按 0 读入"
        default: "「\(column)」一格为空，按 0 读入"
        }
    }
}
