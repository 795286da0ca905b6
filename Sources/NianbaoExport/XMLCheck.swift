import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Whether a part of a reference document is well-formed XML, before any of it is copied into
/// an export: one root element, every element closed (FoundationXML's parser alone accepts a
/// document cut off inside its root). Refuses a DTD (no entity expansion from a file someone sent).
final class XMLCheck: NSObject, XMLParserDelegate {
    private var depth = 0
    private var roots = 0

    static func isWellFormed(_ text: String) -> Bool {
        guard !text.contains("<!DOCTYPE"), !text.contains("<!ENTITY") else { return false }
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldResolveExternalEntities = false
        let check = XMLCheck()
        parser.delegate = check
        return parser.parse() && check.roots == 1 && check.depth == 0
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if depth == 0 { roots += 1 }
        depth += 1
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        depth -= 1
    }
}
