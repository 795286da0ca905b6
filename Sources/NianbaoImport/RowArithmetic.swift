import NianbaoModel

/// A row of the one-cell-per-line layout with blank lines between cells that is short of
/// figures, with runs of blank lines at its start or end: each run may be an empty cell (its first
/// or last), or only the space around the row. The row's totals decide: each 总计 must equal the
/// sum of the columns under the same heading (table 三: the six applicants; table 四: the four
/// outcomes of its group). The row is placed only when exactly one way of putting the empty cells
/// at its ends adds up; never a figure in a column the arithmetic did not confirm.
enum RowArithmetic {
    enum Outcome {
        /// One cell per column; `empty` are the columns taken as empty (blank cells, read as 0).
        case placed(cells: [SourceCell], empty: [Int])
        /// More than one way adds up: which cell is empty is not certain.
        case ambiguous
        /// Not such a row, or no way adds up.
        case none
    }

    /// `cells` as the row gave them, blank cells for the runs of blank lines; `columns` in order.
    static func place(_ cells: [SourceCell], columns: [HeaderPath]) -> Outcome {
        guard cells.allSatisfy({ $0.position == nil }) else { return .none }
        let leading = Array(cells.prefix { $0.value == .blank })
        let rest = cells.dropFirst(leading.count)
        let trailing = Array(rest.reversed().prefix { $0.value == .blank }.reversed())
        let figures = Array(rest.dropLast(trailing.count))
        let missing = columns.count - figures.count
        let totals = totalParts(columns)
        guard !figures.isEmpty, missing >= 1, missing <= leading.count + trailing.count, !totals.isEmpty else { return .none }

        var fits: [Outcome] = []
        for front in max(0, missing - trailing.count)...min(missing, leading.count) {
            let back = missing - front
            let row = Array(leading.suffix(front)) + figures + Array(trailing.prefix(back))
            guard addsUp(row, totals) else { continue }
            fits.append(.placed(cells: row, empty: Array(0..<front) + Array((columns.count - back)..<columns.count)))
        }
        return fits.count == 1 ? fits[0] : fits.isEmpty ? .none : .ambiguous
    }

    /// For each 总计 column, the columns it sums: those under the same heading.
    static func totalParts(_ columns: [HeaderPath]) -> [(total: Int, parts: [Int])] {
        columns.indices.compactMap { t in
            let total = columns[t]
            guard total.leaf.key == "total" else { return nil }
            let heading = total.nodes.dropLast().map(\.key)
            let parts = columns.indices.filter { $0 != t && Array(columns[$0].nodes.map(\.key).prefix(heading.count)) == heading }
            return parts.isEmpty ? nil : (t, parts)
        }
    }

    /// Whether every total equals the sum of its parts (a blank or a placeholder counts 0; a cell
    /// that is no count adds up to nothing).
    static func addsUp(_ row: [SourceCell], _ totals: [(total: Int, parts: [Int])]) -> Bool {
        let values: [Int?] = row.map { cell in
            switch cell.value {
            case .count(let n): n
            case .blank, .placeholder: 0
            case .decimal, .text: nil
            }
        }
        return totals.allSatisfy { total, parts in
            guard let sum = values[total] else { return false }
            var added = 0
            for part in parts {
                guard let value = values[part] else { return false }
                added += value
            }
            return added == sum
        }
    }
}
