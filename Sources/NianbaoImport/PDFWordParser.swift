import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads `pdftotext -bbox-layout` output: `<page>` → `<flow>` → `<block>` → `<line>` → `<word>`.
final class PDFWordParser: NSObject, XMLParserDelegate {
    private(set) var pages: [PDFPage] = []
    private var block = 0
    private var line: [PDFWord] = []
    private var word: PDFWord?
    private var text = ""

    /// The pages of the output; nil when it is not well-formed.
    static func parse(_ data: Data) -> [PDFPage]? {
        // The XHTML head names an external DTD; only the `<doc>` element is read.
        guard let start = data.range(of: Data("<doc>".utf8)), let end = data.range(of: Data("</doc>".utf8), options: .backwards)
        else { return [] }
        let parser = XMLParser(data: xmlCharacters(data.subdata(in: start.lowerBound..<end.upperBound)))
        parser.shouldResolveExternalEntities = false
        let reader = PDFWordParser()
        parser.delegate = reader
        return parser.parse() ? reader.pages : nil
    }

    /// Without the characters XML does not allow, which pdftotext copies into a word as a font
    /// maps them (control characters, U+FFFE, U+FFFF): garbage in a word, and each one an error
    /// that would make the whole page unreadable.
    static func xmlCharacters(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D {
                i += 1
                continue
            }
            if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF {
                i += 3
                continue
            }
            out.append(b)
            i += 1
        }
        return out.count == bytes.count ? data : Data(out)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        func number(_ key: String) -> Double { Double(attributes[key] ?? "") ?? 0 }
        switch name {
        case "page": pages.append(PDFPage(width: number("width"), height: number("height")))
        case "block": block += 1
        case "line": line = []
        case "word":
            word = PDFWord(text: "", xMin: number("xMin"), yMin: number("yMin"), xMax: number("xMax"), yMax: number("yMax"))
            text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if word != nil { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "word":
            if var w = word, !pages.isEmpty {
                w.text = text.trimmingSpaces
                if !w.text.isEmpty { line.append(w) }
            }
            word = nil
        case "line":
            if !line.isEmpty, !pages.isEmpty {
                pages[pages.count - 1].lines.append(PDFLine(words: line, block: block, page: pages.count - 1))
            }
            line = []
        default: break
        }
    }
}
