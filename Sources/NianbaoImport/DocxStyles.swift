/// What the importer needs of `word/styles.xml`: which paragraph styles are headings (and of
/// which level), which styles make text bold, and which carry numbering.
struct DocxStyles {
    struct Style {
        var name = ""
        var basedOn: String?
        /// `w:outlineLvl` (0 = level 1).
        var outlineLevel: Int?
        var bold: Bool?
        var numbering: (id: String, level: Int)?
    }

    var styles: [String: Style] = [:]
    /// The paragraph style used where a paragraph names none (`w:default="1"`).
    var defaultParagraph: String?

    init(_ root: XMLTree?) {
        guard let root else { return }
        for node in root.children("w:style") {
            guard let id = node.attributes["w:styleId"] else { continue }
            var style = Style()
            style.name = node.value(of: "w:name") ?? id
            style.basedOn = node.value(of: "w:basedOn")
            if let pPr = node.child("w:pPr") {
                style.outlineLevel = pPr.value(of: "w:outlineLvl").flatMap { Int($0) }
                style.numbering = DocxStyles.numbering(pPr)
            }
            style.bold = node.child("w:rPr").flatMap(DocxStyles.bold)
            styles[id] = style
            if node.attributes["w:type"] == "paragraph", DocxStyles.isOn(node.attributes["w:default"]) { defaultParagraph = id }
        }
    }

    /// The style and the styles it is based on, nearest first (cycles and long chains cut).
    func chain(_ id: String?) -> [Style] {
        var out: [Style] = []
        var seen: Set<String> = []
        var next = id
        while let current = next, !seen.contains(current), out.count < 20, let style = styles[current] {
            seen.insert(current)
            out.append(style)
            next = style.basedOn
        }
        return out
    }

    /// The heading level of a paragraph style: by its outline level, or by a name such as
    /// `heading 2`, `Heading2`, `标题 2`. Nil for other styles (`Title` included).
    func headingLevel(_ id: String?) -> Int? {
        for style in chain(id) {
            if let level = style.outlineLevel { return level < 9 ? level + 1 : nil }
            let name = style.name.lowercased().replacingOccurrences(of: " ", with: "")
            for prefix in ["heading", "标题"] where name.hasPrefix(prefix) {
                if let level = Int(name.dropFirst(prefix.count)), (1...9).contains(level) { return level }
            }
        }
        return nil
    }

    func bold(_ id: String?) -> Bool? { chain(id).lazy.compactMap(\.bold).first }

    func numbering(_ id: String?) -> (id: String, level: Int)? { chain(id).lazy.compactMap(\.numbering).first }

    /// `w:numPr` of a paragraph's (or a style's) properties.
    static func numbering(_ pPr: XMLTree) -> (id: String, level: Int)? {
        guard let numPr = pPr.child("w:numPr"), let id = numPr.value(of: "w:numId") else { return nil }
        return (id, numPr.value(of: "w:ilvl").flatMap { Int($0) } ?? 0)
    }

    /// `<w:b/>` in run properties: on, off, or not said.
    static func bold(_ rPr: XMLTree) -> Bool? {
        guard let b = rPr.child("w:b") else { return nil }
        return isOn(b.attributes["w:val"] ?? "true")
    }

    /// An OOXML on/off value; absent means on.
    static func isOn(_ value: String?) -> Bool {
        guard let value else { return false }
        return !["0", "false", "off", "none"].contains(value.lowercased())
    }
}
