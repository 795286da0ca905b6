/// The default reference document, built here as XML rather than shipped as a binary .docx:
/// every font, size and margin is a line a reviewer can read in a diff, and there is no
/// generated file to keep in step with a script. A site replaces it with its own
/// `Templates/reference.docx` (see `ReferenceDocument`).
///
/// The layout follows GB/T 9704-2012 (党政机关公文格式): A4; 天头 (top margin) 37 mm, 订口 (left)
/// 28 mm, text area 156 × 225 mm, hence right 26 mm and bottom 35 mm; 22 lines of 28 characters
/// (line pitch 225 mm / 22 = 28.95 pt; 156 mm / 28 = 15.8 pt a character, so 三号 (16 pt) text
/// is set 0.25 pt closer: a character grid (`linesAndChars`) would do the same in Word, but
/// LibreOffice spreads the characters of such a grid far apart); title 二号 (22 pt) 小标宋, body 三号 仿宋_GB2312, first-level
/// headings 黑体, second-level 楷体_GB2312, third-level 仿宋 bold; page numbers 四号 (14 pt) 宋体
/// as `— 1 —`, odd pages at the right, even pages at the left, one character in.
enum DefaultReference {
    /// 1 mm in twentieths of a point.
    static func twips(mm: Double) -> Int { Int((mm * 1440 / 25.4).rounded()) }

    static let lineTwips = 579  // 28.95 pt
    static let pageWidth = 11906  // 210 mm
    static let pageHeight = 16838  // 297 mm
    static let margins = (top: twips(mm: 37), bottom: twips(mm: 35), left: twips(mm: 28), right: twips(mm: 26))
    /// The text width, for the tables' column widths.
    static var textWidth: Int { pageWidth - margins.left - margins.right }

    /// `w:sectPr` children: page size, margins, the line and character grid. The footer
    /// references are added by the document (they point to its own footer parts).
    static let sectionProperties =
        #"<w:pgSz w:w="\#(pageWidth)" w:h="\#(pageHeight)"/>"#
        + #"<w:pgMar w:top="\#(margins.top)" w:right="\#(margins.right)" w:bottom="\#(margins.bottom)" w:left="\#(margins.left)" "#
        + #"w:header="851" w:footer="\#(twips(mm: 23))" w:gutter="0"/>"#
        + #"<w:docGrid w:type="lines" w:linePitch="\#(lineTwips)"/>"#

    static func fonts(eastAsia: String, latin: String = "Times New Roman") -> String {
        #"<w:rFonts w:ascii="\#(latin)" w:hAnsi="\#(latin)" w:eastAsia="\#(eastAsia)" w:cs="\#(latin)"/>"#
    }

    static func size(_ halfPoints: Int) -> String { #"<w:sz w:val="\#(halfPoints)"/><w:szCs w:val="\#(halfPoints)"/>"# }

    static func style(
        _ id: String, name: String, type: String = "paragraph", isDefault: Bool = false, basedOn: String? = "Normal",
        extra: String = "", pPr: String = "", rPr: String = ""
    ) -> String {
        let flag = isDefault ? #" w:default="1""# : ""
        var out = #"<w:style w:type="\#(type)"\#(flag) w:styleId="\#(id)">"# + #"<w:name w:val="\#(name)"/>"#
        if let basedOn { out += #"<w:basedOn w:val="\#(basedOn)"/>"# }
        out += extra
        if !pPr.isEmpty { out += "<w:pPr>\(pPr)</w:pPr>" }
        if !rPr.isEmpty { out += "<w:rPr>\(rPr)</w:rPr>" }
        return out + "</w:style>"
    }

    static let exactLine = #"<w:spacing w:before="0" w:after="0" w:line="\#(lineTwips)" w:lineRule="exact"/>"#
    static let indentTwoCharacters = #"<w:ind w:firstLineChars="200" w:firstLine="640"/>"#

    /// A heading of a level below the title: indented two characters like the body, kept with
    /// the next paragraph, not bold (GB/T 9704 sets the levels apart by typeface).
    static func heading(_ level: Int, font: String, bold: Bool = false) -> String {
        style(
            "Heading\(level)", name: "heading \(level)", extra: #"<w:next w:val="Normal"/><w:qFormat/>"#,
            pPr: "<w:keepNext/><w:keepLines/>" + exactLine + indentTwoCharacters + #"<w:outlineLvl w:val="\#(level - 1)"/>"#,
            rPr: fonts(eastAsia: font) + (bold ? "<w:b/><w:bCs/>" : #"<w:b w:val="0"/><w:bCs w:val="0"/>"#))
    }

    /// The document defaults: 仿宋_GB2312 三号 (Times New Roman for Latin text and digits), Chinese.
    static let documentDefaults =
        "<w:docDefaults><w:rPrDefault><w:rPr>" + fonts(eastAsia: "仿宋_GB2312") + #"<w:kern w:val="2"/>"# + size(32)
        + #"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#
        + "<w:pPrDefault><w:pPr>" + #"<w:widowControl w:val="0"/><w:jc w:val="both"/>"# + "</w:pPr></w:pPrDefault></w:docDefaults>"

    /// The styles the export uses, by id (also added to a reference document that lacks them).
    static let styleList: [(id: String, xml: String)] = [
        ("Normal", style(
            "Normal", name: "Normal", isDefault: true, basedOn: nil, extra: #"<w:qFormat/>"#,
            pPr: exactLine + indentTwoCharacters + #"<w:jc w:val="both"/>"#, rPr: #"<w:spacing w:val="-5"/>"#)),
        ("Title", style(
            "Title", name: "Title", extra: #"<w:next w:val="Normal"/><w:qFormat/>"#,
            pPr: "<w:keepNext/>" + #"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="\#(lineTwips)" w:line="\#(lineTwips + 200)" w:lineRule="exact"/>"#
                + #"<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>"#,
            rPr: fonts(eastAsia: "方正小标宋简体") + size(44))),
        ("Heading1", heading(1, font: "黑体")),
        ("Heading2", heading(2, font: "楷体_GB2312")),
        ("Heading3", heading(3, font: "仿宋_GB2312", bold: true)),
        ("Heading4", heading(4, font: "仿宋_GB2312")),
        ("ListParagraph", style(
            "ListParagraph", name: "List Paragraph", extra: #"<w:qFormat/>"#,
            pPr: #"<w:ind w:firstLineChars="0" w:firstLine="0"/>"#)),
        ("Quote", style(
            "Quote", name: "Quote",
            pPr: #"<w:ind w:left="640" w:right="640" w:firstLineChars="200" w:firstLine="640"/>"#,
            rPr: fonts(eastAsia: "楷体_GB2312"))),
        ("Signature", style(
            "Signature", name: "Signature",
            pPr: #"<w:ind w:right="1280" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>"#)),
        // Tables: 五号 (10.5 pt), the size tables take in 公文, so that table 三's ten columns
        // and its longest labels fit 156 mm; single spacing, off the 28.95 pt grid.
        ("TableText", style(
            "TableText", name: "Table Text",
            pPr: #"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>"#
                + #"<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>"#,
            rPr: fonts(eastAsia: "仿宋_GB2312") + #"<w:spacing w:val="0"/><w:kern w:val="0"/>"# + size(21))),
        ("Footer", style(
            "Footer", name: "footer",
            pPr: #"<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>"#
                + #"<w:ind w:firstLineChars="0" w:firstLine="0"/>"#,
            rPr: fonts(eastAsia: "宋体", latin: "宋体") + size(28))),
        ("TableGrid", style(
            "TableGrid", name: "Table Grid", type: "table", basedOn: nil,
            extra: "<w:tblPr>" + #"<w:jc w:val="center"/>"# + WordTable.borders + WordTable.cellMargins + "</w:tblPr>")),
    ]

    static let styles = WordXML.declaration + "<w:styles \(WordXML.namespaces)>" + documentDefaults
        + styleList.map(\.xml).joined() + "</w:styles>"
}
