import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An element of an XML part of a Word package. Names are `prefix:local` with the prefix made
/// canonical from the namespace (`w:` for WordprocessingML, transitional or strict, `r:`, `mc:`,
/// `rel:`), so a document written with other prefixes reads the same. Character data is kept only
/// for the elements that hold text (`w:t`, `w:delText`, `w:instrText`).
final class XMLTree {
    let name: String
    let attributes: [String: String]
    private(set) var children: [XMLTree] = []
    fileprivate(set) var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The first child with this name.
    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    /// The children with this name.
    func children(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    /// `w:val` of the child with this name (`<w:pStyle w:val="Heading1"/>` → `Heading1`).
    func value(of name: String) -> String? { child(name)?.attributes["w:val"] }

    /// Every element below this one, depth first, in document order.
    func descendants(where match: (XMLTree) -> Bool) -> [XMLTree] {
        var out: [XMLTree] = []
        var stack = children.reversed() as [XMLTree]
        while let node = stack.popLast() {
            if match(node) { out.append(node) }
            stack += node.children.reversed()
        }
        return out
    }

    /// Namespaces by URI → the prefix used here.
    static let prefixes: [String: String] = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
        "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
        "http://purl.oclc.org/ooxml/officeDocument/relationships": "r",
        "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
        "http://schemas.openxmlformats.org/package/2006/relationships": "rel",
    ]
    static let textElements: Set<String> = ["w:t", "w:delText", "w:instrText"]

    enum ParseError: Error {
        /// Not well-formed, or beyond the limits (depth, elements, a DTD).
        case malformed(String)
    }

    /// The root element of `data`. Refuses a document type declaration (OOXML has none; it is how
    /// entity expansion attacks start), nesting deeper than `maxDepth` and more than `maxElements`.
    static func parse(_ data: Data, maxDepth: Int = 256, maxElements: Int = 4_000_000) throws -> XMLTree {
        var data = data
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            // UTF-16, which OOXML allows and Word never writes: as UTF-8, declaration included.
            guard let text = String(data: data, encoding: .utf16) else { throw ParseError.malformed("UTF-16 编码有误") }
            data = Data(text.replacingOccurrences(of: "encoding=\"UTF-16\"", with: "encoding=\"UTF-8\"", options: .caseInsensitive).utf8)
        }
        // FoundationXML on Linux traps on names that are not UTF-8: check every byte first.
        guard String(validating: data, as: UTF8.self) != nil else { throw ParseError.malformed("不是有效的 UTF-8 文本") }
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw ParseError.malformed("含有文档类型声明（DTD）")
        }
        let builder = Builder(maxDepth: maxDepth, maxElements: maxElements)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let ok = parser.parse()
        if let problem = builder.problem { throw ParseError.malformed(problem) }
        // An unclosed root is no document (some parsers report no error at a premature end).
        guard ok, builder.closed, let root = builder.root else {
            let where_ = parser.lineNumber > 0 ? "第 \(parser.lineNumber) 行" : ""
            throw ParseError.malformed("XML 格式错误\(where_)")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        let maxDepth: Int
        var elementsLeft: Int
        var root: XMLTree?
        var stack: [XMLTree] = []
        /// Prefix → canonical prefix, one scope per open element.
        var scopes: [[String: String]] = [[:]]
        var problem: String?
        var closed = false

        init(maxDepth: Int, maxElements: Int) {
            self.maxDepth = maxDepth
            elementsLeft = maxElements
        }

        func canonical(_ qualified: String, scope: [String: String], isAttribute: Bool) -> String {
            guard let colon = qualified.firstIndex(of: ":") else {
                // Unprefixed element names are in the default namespace; attributes in none.
                if !isAttribute, let prefix = scope[""] { return prefix + ":" + qualified }
                return qualified
            }
            let prefix = String(qualified[..<colon])
            let local = qualified[qualified.index(after: colon)...]
            if prefix == "xml" || prefix == "xmlns" { return qualified }
            return (scope[prefix] ?? "?" + prefix) + ":" + local
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:])
        {
            elementsLeft -= 1
            guard problem == nil, stack.count < maxDepth, elementsLeft >= 0 else {
                if problem == nil { problem = stack.count >= maxDepth ? "嵌套层数超过 \(maxDepth)" : "元素过多" }
                parser.abortParsing()
                return
            }
            var scope = scopes[scopes.count - 1]
            for (key, uri) in attributeDict where key == "xmlns" || key.hasPrefix("xmlns:") {
                let prefix = key == "xmlns" ? "" : String(key.dropFirst(6))
                scope[prefix] = XMLTree.prefixes[uri] ?? "ns{\(uri)}"
            }
            scopes.append(scope)
            var attributes: [String: String] = [:]
            for (key, value) in attributeDict where key != "xmlns" && !key.hasPrefix("xmlns:") {
                attributes[canonical(key, scope: scope, isAttribute: true)] = value
            }
            let node = XMLTree(name: canonical(elementName, scope: scope, isAttribute: false), attributes: attributes)
            if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard !stack.isEmpty else { return }
            stack.removeLast()
            scopes.removeLast()
            if stack.isEmpty { closed = true }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let node = stack.last, XMLTree.textElements.contains(node.name) { node.text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if let node = stack.last, XMLTree.textElements.contains(node.name) {
                node.text += String(decoding: CDATABlock, as: UTF8.self)
            }
        }
    }
}
