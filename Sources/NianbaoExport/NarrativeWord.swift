import NianbaoMarkdown

/// The narrative's Markdown as Word paragraphs, through libcmark's tree (`MarkdownBlock`),
/// never through HTML: paragraphs in the body style (first line indented two characters),
/// bold and italic runs, sub-headings (`###` → second level, 楷体; `####` → third level;
/// deeper → fourth), lists with Word's own numbering (`numbering.xml`, so the number is Word's
/// and the importer reads it back as `1.` or `-`), quotes and code as plain paragraphs.
struct NarrativeWord {
    /// One `w:num` per Markdown list (so that each list counts from its own start).
    struct ListInstance {
        var ordered: Bool
        var level: Int
        var start: Int
    }

    var lists: [ListInstance] = []
    /// The body so far.
    private(set) var xml = ""
    /// Where the last block starts in `xml` (UTF-8 offset), if it is a paragraph.
    private var lastParagraph: Int?

    mutating func append(paragraph: String) {
        lastParagraph = xml.utf8.count
        xml += paragraph
    }

    mutating func append(table: String) {
        lastParagraph = nil
        xml += table
    }

    /// Keeps the last paragraph on the page of what follows (the 落款 never stands alone on a
    /// page, GB/T 9704 7.3.5).
    mutating func keepLastParagraphWithNext() {
        guard let start = lastParagraph else { return }
        let utf8 = Array(xml.utf8)
        xml = String(decoding: utf8[..<start], as: UTF8.self) + WordXML.keepingWithNext(String(decoding: utf8[start...], as: UTF8.self))
    }

    /// The abstract numberings: 1 for ordered lists (`1.` at every level), 2 for bullets.
    static let orderedAbstract = 1
    static let bulletAbstract = 2

    mutating func add(markdown: String) {
        for block in MarkdownBlock.parse(markdown) { add(block) }
    }

    mutating func add(_ block: MarkdownBlock) {
        switch block {
        case .paragraph(let spans):
            append(paragraph: WordXML.paragraph(style: nil, runs: Self.runs(spans)))
        case .heading(let level, let spans):
            // `###` is a sub-heading of a section (the section headings are level 1 here).
            let style = "Heading\(min(max(level - 1, 2), 4))"
            append(paragraph: WordXML.paragraph(style: style, runs: Self.runs(spans.map { MarkdownSpan(text: $0.text) })))
        case .list(let start, let items):
            addList(start: start, items: items, level: 0)
        case .quote(let blocks):
            for inner in blocks {
                if case .paragraph(let spans) = inner {
                    append(paragraph: WordXML.paragraph(style: "Quote", runs: Self.runs(spans)))
                } else {
                    add(inner)
                }
            }
        case .code(let text):
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                append(paragraph: WordXML.paragraph(style: "ListParagraph", runs: WordXML.run(String(line))))
            }
        case .rule:
            break
        }
    }

    mutating func addList(start: Int?, items: [[MarkdownBlock]], level: Int) {
        lists.append(ListInstance(ordered: start != nil, level: min(level, 8), start: start ?? 1))
        let numId = lists.count
        for item in items {
            var numbered = false
            for block in item {
                switch block {
                case .paragraph(let spans):
                    // The item's first paragraph carries the number; later ones are indented like it.
                    let numPr = numbered ? "" : #"<w:numPr><w:ilvl w:val="\#(min(level, 8))"/><w:numId w:val="\#(numId)"/></w:numPr>"#
                    let indent = numbered ? #"<w:ind w:left="\#(640 * (level + 1))" w:firstLineChars="0" w:firstLine="0"/>"# : ""
                    append(paragraph: WordXML.paragraph(style: "ListParagraph", properties: numPr + indent, runs: Self.runs(spans)))
                    numbered = true
                case .list(let innerStart, let innerItems):
                    addList(start: innerStart, items: innerItems, level: level + 1)
                default:
                    add(block)
                }
            }
        }
    }

    static func runs(_ spans: [MarkdownSpan]) -> String {
        spans.map { WordXML.run($0.text, bold: $0.bold, italic: $0.italic) }.joined()
    }

    /// `word/numbering.xml`: the two abstract numberings and one instance per list, each
    /// starting its level at the list's start.
    var numberingXML: String {
        var out = WordXML.declaration + "<w:numbering \(WordXML.namespaces)>"
        out += Self.abstract(Self.orderedAbstract) { level in
            (#"<w:numFmt w:val="decimal"/>"#, "%\(level + 1).")
        }
        out += Self.abstract(Self.bulletAbstract) { level in
            (#"<w:numFmt w:val="bullet"/>"#, level % 2 == 0 ? "•" : "◦")
        }
        for (index, list) in lists.enumerated() {
            out += #"<w:num w:numId="\#(index + 1)"><w:abstractNumId w:val="\#(list.ordered ? Self.orderedAbstract : Self.bulletAbstract)"/>"#
            out += #"<w:lvlOverride w:ilvl="\#(list.level)"><w:startOverride w:val="\#(list.start)"/></w:lvlOverride></w:num>"#
        }
        return out + "</w:numbering>"
    }

    /// Nine levels; level n starts its number two characters in, plus two per level.
    static func abstract(_ id: Int, _ format: (Int) -> (numFmt: String, text: String)) -> String {
        var out = #"<w:abstractNum w:abstractNumId="\#(id)"><w:multiLevelType w:val="multilevel"/>"#
        for level in 0..<9 {
            let (numFmt, text) = format(level)
            out += #"<w:lvl w:ilvl="\#(level)"><w:start w:val="1"/>\#(numFmt)<w:suff w:val="space"/>"#
                + #"<w:lvlText w:val="\#(WordXML.escape(text))"/><w:lvlJc w:val="left"/>"#
                + #"<w:pPr><w:ind w:left="\#(640 * level)" w:firstLine="640"/></w:pPr></w:lvl>"#
        }
        return out + "</w:abstractNum>"
    }
}
