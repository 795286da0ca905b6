import NianbaoModel
import NianbaoTemplates

/// One cell of a rendered table, before templating.
public struct GridCell: Sendable, Hashable {
    public enum Kind: String, Sendable { case header = "th", data = "td" }
    public var kind: Kind
    public var text: String
    public var id: String? = nil
    public var scope: String? = nil
    public var headers: [String] = []
    public var rowspan = 1
    public var colspan = 1
    public var classes: [String] = []

    /// `<th …>text</th>`: attributes in a fixed order, the text escaped.
    func write(to out: inout String) {
        out += "<"
        out += kind.rawValue
        if let id { out += " id=\""; HTML.escape(id, into: &out); out += "\"" }
        if let scope { out += " scope=\""; out += scope; out += "\"" }
        if rowspan > 1 { out += " rowspan=\"\(rowspan)\"" }
        if colspan > 1 { out += " colspan=\"\(colspan)\"" }
        if !headers.isEmpty { out += " headers=\""; HTML.escape(headers.joined(separator: " "), into: &out); out += "\"" }
        if !classes.isEmpty { out += " class=\""; out += classes.joined(separator: " "); out += "\"" }
        out += ">"
        HTML.escape(text, into: &out)
        out += "</"
        out += kind.rawValue
        out += ">"
    }
}

public struct GridRow: Sendable, Hashable {
    public var cells: [GridCell]
    public var classes: [String] = []
}

/// A table ready for the `table` template: caption, header rows and body rows, with the spans,
/// `id`s and `headers` derived from the canonical definition in `ReportFormat`.
public struct TableGrid: Sendable, Hashable {
    public let id: String
    public let caption: String
    public let className: String
    public var head: [GridRow] = []
    public var body: [GridRow] = []

    /// The rows as HTML (`<thead>` when there are header rows, then `<tbody>`): the table
    /// markup is nianbao's own, built from the canonical definition, with every text escaped.
    public var rowsHTML: String {
        var out = ""
        out.reserveCapacity(16_384)
        func rows(_ rows: [GridRow]) {
            for row in rows {
                out += row.classes.isEmpty ? "<tr>" : "<tr class=\"\(row.classes.joined(separator: " "))\">"
                for cell in row.cells { cell.write(to: &out) }
                out += "</tr>\n"
            }
        }
        if !head.isEmpty {
            out += "<thead>\n"
            rows(head)
            out += "</thead>\n"
        }
        out += "<tbody>\n"
        rows(body)
        out += "</tbody>"
        return out
    }

    /// The table with its data cells left open: built once per table shape, filled per report.
    var compiled: CompiledTable {
        var skeleton = self
        for r in skeleton.body.indices {
            for c in skeleton.body[r].cells.indices where skeleton.body[r].cells[c].kind == .data {
                skeleton.body[r].cells[c].text = String(CompiledTable.slot)
            }
        }
        return CompiledTable(id: id, caption: caption, className: className,
                             segments: skeleton.rowsHTML.split(separator: CompiledTable.slot, omittingEmptySubsequences: false).map(String.init))
    }
}

/// A table's HTML cut at its data cells: `segments[0] value₀ segments[1] value₁ …`.
struct CompiledTable: Sendable {
    static let slot: Character = "\u{FFFF}"
    let id: String
    let caption: String
    let className: String
    let segments: [String]

    /// The context for the `table` template, with `values` (escaped here) in data-cell order.
    func context(_ values: [String]) -> [String: Any] {
        precondition(values.count == segments.count - 1, "\(id): \(values.count) values for \(segments.count - 1) cells")
        var rows = segments[0]
        rows.reserveCapacity(segments.reduce(0) { $0 + $1.utf8.count } + values.count * 4)
        for (value, segment) in zip(values, segments.dropFirst()) {
            HTML.escape(value, into: &rows)
            rows += segment
        }
        return ["tableId": id, "caption": caption, "tableClass": className, "rows": rows]
    }
}

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
        var out: [GridRow] = []
        for path in rows.leafPaths {
            var row = GridRow(cells: [])
            var rowHeaderIds: [String] = []
            for (level, node) in path.nodes.enumerated() {
                let nodeId = id(prefix, Array(path.nodes[...level]))
                // A group heading is written once, on the first row it spans.
                let isFirstRow = node.isLeaf || node.leafPaths(under: Array(path.nodes[..<level])).first == path
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
            for (column, text) in zip(columns, values(path)) {
                var cell = GridCell(kind: .data, text: text)
                cell.headers = rowHeaderIds + columnHeaders(column, prefix: columnPrefix)
                cell.classes = ["num"] + (column.leaf.key == "total" ? ["total"] : [])
                row.cells.append(cell)
            }
            if path.leaf.key == "total" { row.classes.append("total") }
            out.append(row)
        }
        return out
    }
}

extension HeaderNode {
    /// Leaf paths below this node, with `parents` above it.
    func leafPaths(under parents: [HeaderNode]) -> [HeaderPath] {
        [self].leafPaths.map { HeaderPath(nodes: parents + $0.nodes) }
    }
}
