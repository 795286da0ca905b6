/// How a table's cells are written: for the site's pages (classes, styled by `assets/style.css`)
/// or for the article made to be pasted into a portal's rich-text editor (no classes; every style
/// inline, since an editor keeps neither the site's stylesheet nor its class names).
enum TableMarkup: Sendable {
    case site
    case article

    /// The inline style of a cell in the article: borders, padding, alignment and shading, from
    /// what the cell is (header or figure, in the header rows or not) and its classes.
    static func articleStyle(_ cell: GridCell, inHead: Bool, totalRow: Bool) -> String {
        var style = "border:1px solid #000000;padding:4px 6px;vertical-align:middle;"
        let isTotal = totalRow || cell.classes.contains("total")
        switch cell.kind {
        case .data:
            style += "text-align:right;white-space:nowrap;"
        case .header where inHead:
            style += cell.classes.contains("corner")
                ? "text-align:left;font-weight:normal;font-size:12px;background-color:#ffffff;"
                : "text-align:center;font-weight:bold;background-color:#eef1f5;word-break:keep-all;"
        case .header:
            let bold = cell.classes.contains("group") || isTotal
            style += "text-align:left;background-color:#f5f7fa;font-weight:\(bold ? "bold" : "normal");"
        }
        if isTotal, cell.kind == .data { style += "font-weight:bold;" }
        if totalRow { style += "border-top:3px double #000000;" }
        return style
    }
}
