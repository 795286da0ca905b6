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
