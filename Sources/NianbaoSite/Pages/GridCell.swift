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

    /// `<th …>text</th>`: attributes in a fixed order, the text escaped. For the article, the
    /// classes become an inline style (`inHead`: in the header rows; `totalRow`: in a 总计 row).
    func write(to out: inout String, markup: TableMarkup = .site, inHead: Bool = false, totalRow: Bool = false) {
        out += "<"
        out += kind.rawValue
        if let id { out += " id=\""; HTML.escape(id, into: &out); out += "\"" }
        if let scope { out += " scope=\""; out += scope; out += "\"" }
        if rowspan > 1 { out += " rowspan=\"\(rowspan)\"" }
        if colspan > 1 { out += " colspan=\"\(colspan)\"" }
        if !headers.isEmpty { out += " headers=\""; HTML.escape(headers.joined(separator: " "), into: &out); out += "\"" }
        switch markup {
        case .site:
            if !classes.isEmpty { out += " class=\""; out += classes.joined(separator: " "); out += "\"" }
        case .article:
            out += " style=\""; out += TableMarkup.articleStyle(self, inHead: inHead, totalRow: totalRow); out += "\""
        }
        out += ">"
        HTML.escape(text, into: &out)
        out += "</"
        out += kind.rawValue
        out += ">"
    }
}
