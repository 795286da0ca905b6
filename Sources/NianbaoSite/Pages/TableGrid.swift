import NianbaoModel
import NianbaoTemplates

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
    public var rowsHTML: String { rowsHTML(.site) }

    func rowsHTML(_ markup: TableMarkup) -> String {
        var out = ""
        out.reserveCapacity(16_384)
        func rows(_ rows: [GridRow], inHead: Bool) {
            for row in rows {
                out += row.classes.isEmpty || markup == .article ? "<tr>" : "<tr class=\"\(row.classes.joined(separator: " "))\">"
                let totalRow = row.classes.contains("total")
                for cell in row.cells { cell.write(to: &out, markup: markup, inHead: inHead, totalRow: totalRow) }
                out += "</tr>\n"
            }
        }
        if !head.isEmpty {
            out += "<thead>\n"
            rows(head, inHead: true)
            out += "</thead>\n"
        }
        out += "<tbody>\n"
        rows(body, inHead: false)
        out += "</tbody>"
        return out
    }

    /// The table with its data cells left open: built once per table shape, filled per report.
    var compiled: CompiledTable { compiled(.site) }

    func compiled(_ markup: TableMarkup) -> CompiledTable {
        var skeleton = self
        for r in skeleton.body.indices {
            for c in skeleton.body[r].cells.indices where skeleton.body[r].cells[c].kind == .data {
                skeleton.body[r].cells[c].text = String(CompiledTable.slot)
            }
        }
        return CompiledTable(id: id, caption: caption, className: className, segments: CompiledTable.cut(skeleton.rowsHTML(markup)))
    }
}
