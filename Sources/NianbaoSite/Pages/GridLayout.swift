import NianbaoModel
import NianbaoTemplates

/// Builds header rows from column trees and body rows from row trees.
enum GridLayout {
    static func id(_ prefix: String, _ nodes: [HeaderNode]) -> String {
        ([prefix] + nodes.map(\.key)).joined(separator: "-")
    }

    /// Header rows for a column tree; `corner` is placed first in the top row (spanning the
    /// row-label columns and every header row).
    static func headRows(columns: [HeaderNode], prefix: String, corner: GridCell?) -> [GridRow] {
        let depth = columns.depth
        var rows = Array(repeating: GridRow(cells: []), count: depth)
        if var corner {
            corner.rowspan = depth
            rows[0].cells.append(corner)
        }
        func walk(_ nodes: [HeaderNode], _ parents: [HeaderNode]) {
            for node in nodes {
                let level = parents.count
                let path = parents + [node]
                var cell = GridCell(kind: .header, text: node.label, id: id(prefix, path))
                cell.colspan = node.leafCount
                cell.rowspan = node.isLeaf ? depth - level : 1
                cell.scope = node.isLeaf ? "col" : "colgroup"
                cell.headers = parents.indices.map { id(prefix, Array(parents[...$0])) }
                if node.key == "total" { cell.classes.append("total") }
                rows[level].cells.append(cell)
                walk(node.children, path)
            }
        }
        walk(columns, [])
        return rows
    }

    /// Whether a printed page may break before this row (class `group-start`): it begins a
    /// second-level group other than its parent's first (（二）…（七） in table 三), or a
    /// top-level group after one of several rows (四 after 三). So the first rows stay with the
    /// table's heading, and a group's rows stay together.
    static func startsPrintGroup(_ path: HeaderPath, after previousTop: HeaderNode?) -> Bool {
        let top = path.nodes[0]
        if top != previousTop { return (previousTop?.leafCount ?? 0) > 1 }
        guard path.nodes.count > 1, let first = top.children.first else { return false }
        return path.nodes[1] != first && isFirstLeaf(path, below: 1)
    }

    /// Whether `path` is the first leaf under its node at `level`: each node below it is its
    /// parent's first child.
    static func isFirstLeaf(_ path: HeaderPath, below level: Int) -> Bool {
        (level + 1..<path.nodes.count).allSatisfy { path.nodes[$0] == path.nodes[$0 - 1].children.first }
    }

    /// The ids of a column leaf's header chain.
    static func columnHeaders(_ path: HeaderPath, prefix: String) -> [String] {
        path.nodes.indices.map { id(prefix, Array(path.nodes[...$0])) }
    }

    /// Body rows for a row tree: row headers with their spans, then `values(leafPath)` as data cells.
    static func bodyRows(
        rows: [HeaderNode], prefix: String, columns: [HeaderPath], columnPrefix: String,
        values: (HeaderPath) -> [String]
    ) -> [GridRow] {
        let depth = rows.depth
        let columnHeaderIds = columns.map { columnHeaders($0, prefix: columnPrefix) }
        var out: [GridRow] = []
        var previousTop: HeaderNode?
        for path in rows.leafPaths {
            var row = GridRow(cells: [])
            if startsPrintGroup(path, after: previousTop) { row.classes.append("group-start") }
            if path.nodes[0] != previousTop { previousTop = path.nodes[0] }
            var rowHeaderIds: [String] = []
            for (level, node) in path.nodes.enumerated() {
                let nodeId = id(prefix, Array(path.nodes[...level]))
                // A group heading is written once, on the first row it spans.
                let isFirstRow = node.isLeaf || isFirstLeaf(path, below: level)
                if isFirstRow {
                    var cell = GridCell(kind: .header, text: node.label, id: nodeId)
                    cell.rowspan = node.leafCount
                    cell.colspan = node.isLeaf ? depth - level : 1
                    cell.scope = node.isLeaf ? "row" : "rowgroup"
                    cell.headers = rowHeaderIds
                    if !node.isLeaf { cell.classes.append("group") }
                    if node.key == "total" { cell.classes.append("total") }
                    row.cells.append(cell)
                }
                rowHeaderIds.append(nodeId)
            }
            for ((column, headers), text) in zip(zip(columns, columnHeaderIds), values(path)) {
                var cell = GridCell(kind: .data, text: text)
                cell.headers = rowHeaderIds + headers
                cell.classes = ["num"] + (column.leaf.key == "total" ? ["total"] : [])
                row.cells.append(cell)
            }
            if path.leaf.key == "total" { row.classes.append("total") }
            out.append(row)
        }
        return out
    }
}
