/// Writing WordprocessingML by hand: escaping, runs and paragraphs. Every text from content
/// goes through `escape`, which also drops the characters XML 1.0 cannot hold (Word refuses a
/// document with a stray control character, and content may carry one).
enum WordXML {
    static let namespaces =
        #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#
        + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    /// Text for an element or an attribute value: `& < > " '` as references, characters not
    /// allowed in XML 1.0 left out.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// XML 1.0 `Char`: tab, line feed, carriage return, and U+0020 up, without the surrogates
    /// (never in a Swift string) and U+FFFE, U+FFFF.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// One run: line breaks as `<w:br/>`, tabs as `<w:tab/>`, the text kept with its spaces.
    static func run(_ text: String, bold: Bool = false, italic: Bool = false, properties: String = "") -> String {
        var rPr = properties
        if bold { rPr += "<w:b/><w:bCs/>" }
        if italic { rPr += "<w:i/><w:iCs/>" }
        var out = "<w:r>"
        if !rPr.isEmpty { out += "<w:rPr>\(rPr)</w:rPr>" }
        var first = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { out += "<w:br/>" }
            first = false
            var firstPart = true
            for part in line.split(separator: "\t", omittingEmptySubsequences: false) {
                if !firstPart { out += "<w:tab/>" }
                firstPart = false
                if !part.isEmpty { out += #"<w:t xml:space="preserve">"# + escape(String(part)) + "</w:t>" }
            }
        }
        return out + "</w:r>"
    }

    /// A paragraph written by `paragraph(style:properties:runs:)` with `w:keepNext` added (after
    /// its style, where the schema wants it).
    static func keepingWithNext(_ paragraph: String) -> String {
        guard paragraph.hasPrefix("<w:p>"), !paragraph.contains("<w:keepNext/>") else { return paragraph }
        var rest = paragraph.dropFirst("<w:p>".count)
        guard rest.hasPrefix("<w:pPr>") else { return "<w:p><w:pPr><w:keepNext/></w:pPr>" + rest }
        rest = rest.dropFirst("<w:pPr>".count)
        var style = ""
        if rest.hasPrefix("<w:pStyle "), let end = rest.range(of: "/>") {
            style = String(rest[..<end.upperBound])
            rest = rest[end.upperBound...]
        }
        return "<w:p><w:pPr>" + style + "<w:keepNext/>" + rest
    }

    /// A paragraph of `style` (a style id of styles.xml) with extra paragraph properties.
    static func paragraph(style: String?, properties: String = "", runs: String) -> String {
        var pPr = ""
        if let style { pPr += #"<w:pStyle w:val="\#(style)"/>"# }
        pPr += properties
        return "<w:p>" + (pPr.isEmpty ? "" : "<w:pPr>\(pPr)</w:pPr>") + runs + "</w:p>"
    }
}
