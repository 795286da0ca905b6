/// A small, tolerant HTML parser: just enough of HTML to read a saved report page (tables with
/// rowspan/colspan, `<br>`, paragraphs, headings, entities), and never failing on broken markup.
///
/// FoundationXML's `XMLDocument(…, options: .documentTidyHTML)` was tried first: on Linux it
/// parses HTML as XML in recovery mode, so unquoted attributes (`rowspan=2`), unclosed `<td>`s
/// and `&nbsp;` garble or drop table cells. Hence this parser.
final class HTMLNode {
    /// Lowercased tag name, or `#text`.
    let name: String
    var attributes: [String: String]
    var children: [HTMLNode] = []
    /// Decoded text of a `#text` node.
    var text: String
    let line: Int
    let column: Int

    init(name: String, attributes: [String: String] = [:], text: String = "", line: Int, column: Int) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.line = line
        self.column = column
    }

    var isText: Bool { name == "#text" }
}

enum HTMLTree {
    /// Deeper nesting than this is flattened into the innermost kept element, so that walking
    /// the tree never recurses without bound.
    static let maxDepth = 200

    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]
    /// Elements whose start closes an open `<p>`.
    static let closesParagraph: Set<String> = [
        "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
    ]
    static let headElements: Set<String> = ["base", "link", "meta", "noscript", "script", "style", "template", "title"]
    static let tableParts: Set<String> = ["table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup"]

    static func parse(_ text: String) -> HTMLNode {
        let root = HTMLNode(name: "#document", line: 1, column: 1)
        var stack = [root]
        var tokenizer = HTMLTokenizer(text)
        while let token = tokenizer.next() {
            switch token {
            case let .text(text, line, column):
                stack[stack.count - 1].children.append(HTMLNode(name: "#text", text: text, line: line, column: column))
            case let .start(name, attributes, selfClosing, line, column):
                closeImplied(by: name, stack: &stack)
                let node = HTMLNode(name: name, attributes: attributes, line: line, column: column)
                stack[stack.count - 1].children.append(node)
                if !selfClosing, !voidElements.contains(name), stack.count < maxDepth { stack.append(node) }
            case let .end(name):
                close(name, stack: &stack)
            }
        }
        return root
    }

    /// Pops the elements an opening `name` ends implicitly (HTML's optional end tags).
    static func closeImplied(by name: String, stack: inout [HTMLNode]) {
        func popTo(_ names: Set<String>, within boundary: Set<String>) {
            var i = stack.count - 1
            while i > 0 {
                let open = stack[i].name
                if names.contains(open) {
                    stack.removeSubrange(i...)
                    return
                }
                if boundary.contains(open) { return }
                i -= 1
            }
        }
        switch name {
        case "td", "th":
            popTo(["td", "th"], within: ["tr", "table"])
        case "tr":
            popTo(["tr"], within: ["table"])
        case "thead", "tbody", "tfoot":
            popTo(["thead", "tbody", "tfoot"], within: ["table"])
        case "li":
            popTo(["li"], within: ["ul", "ol", "table", "td", "th"])
        case "dt", "dd":
            popTo(["dt", "dd"], within: ["dl", "table", "td", "th"])
        case "option":
            popTo(["option"], within: ["select"])
        default:
            break
        }
        // Anything but head content ends an unclosed `<head>` (else the page would sit inside it).
        if !headElements.contains(name), stack.contains(where: { $0.name == "head" }) {
            popTo(["head"], within: [])
        }
        if closesParagraph.contains(name) {
            popTo(["p"], within: ["td", "th", "table", "li", "div", "section", "article", "blockquote"])
        }
    }

    /// Pops up to the open element `name`; an end tag with no open element of its name is ignored.
    /// Table end tags do not reach out of their table; others do not reach out of a cell.
    static func close(_ name: String, stack: inout [HTMLNode]) {
        let boundary: Set<String> = tableParts.contains(name) ? ["table"] : ["td", "th", "table", "caption"]
        var i = stack.count - 1
        while i > 0 {
            let open = stack[i].name
            if open == name {
                stack.removeSubrange(i...)
                return
            }
            if boundary.contains(open), open != name { return }
            i -= 1
        }
    }
}
