import Foundation
import NianbaoModel

/// A report as a Word document (.docx) for sign-off (审签稿), laid out as a 公文 (GB/T 9704):
/// the title, the preamble, the six sections with their headings, the narrative from Markdown
/// and the three tables as the official format has them. Pure: the same report and reference
/// give the same bytes.
public enum WordExport {
    /// The .docx bytes of `report`, its narrative taken from `report.narrative` (Markdown by
    /// file name, as `ContentLoader` loads it), its look from `reference`.
    public static func document(for report: Report, reference: ReferenceDocument = .standard) throws -> Data {
        var narrative = NarrativeWord()
        let body = body(report, reference: reference, narrative: &narrative)
        let document = WordXML.declaration + "<w:document \(WordXML.namespaces)><w:body>" + body
            + "<w:sectPr>" + WordParts.footerReferences + reference.sectionProperties + "</w:sectPr></w:body></w:document>"
        var parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", WordParts.contentTypes(reference: reference)),
            ("_rels/.rels", WordParts.packageRelationships),
            ("docProps/core.xml", WordParts.coreProperties(title: report.title)),
            ("docProps/app.xml", WordParts.appProperties),
            ("word/document.xml", reference.styleMap.apply(document)),
            ("word/styles.xml", reference.styles),
            ("word/numbering.xml", narrative.numberingXML),
            ("word/settings.xml", WordParts.settings),
            ("word/footer1.xml", reference.styleMap.apply(WordParts.footer(oddPage: true))),
            ("word/footer2.xml", reference.styleMap.apply(WordParts.footer(oddPage: false))),
        ]
        if let fontTable = reference.fontTable { parts.append(("word/fontTable.xml", fontTable)) }
        if let theme = reference.theme { parts.append(("word/theme/theme1.xml", theme)) }
        parts.append(("word/_rels/document.xml.rels", WordParts.documentRelationships(reference: reference)))
        return try WordPackage.zip(parts.map { ($0.path, Data($0.xml.utf8)) })
    }

    /// The same, with the narrative given apart (a build keeps reports without it): Markdown by
    /// file name (`overview.md` …), as `Report.narrative` holds it.
    public static func document(for report: Report, narrative: [String: String], reference: ReferenceDocument = .standard) throws -> Data {
        var whole = report
        whole.narrative = narrative
        return try document(for: whole, reference: reference)
    }

    /// `<slug>-<year>.docx`: the names of the report's folder, unique within a site and ASCII,
    /// so that it survives any mail or file system.
    public static func fileName(for report: Report) -> String {
        "\(report.slug)-\(report.year).docx"
    }

    static func body(_ report: Report, reference: ReferenceDocument, narrative: inout NarrativeWord) -> String {
        let title = WordXML.paragraph(style: "Title", runs: WordXML.run(report.title))
        if let preamble = report.narrative[ReportFormat.preambleFile] { narrative.add(markdown: preamble) }
        for section in ReportFormat.sections {
            narrative.append(paragraph: WordXML.paragraph(style: "Heading1", runs: WordXML.run(section.heading)))
            if let file = section.file {
                narrative.add(markdown: report.narrative[file] ?? "")
                continue
            }
            let width = reference.textWidth
            let table = switch section.id {
            case "active-disclosure": ReportWordTables.two(report, width: width)
            case "applications": ReportWordTables.three(report, width: width)
            default: ReportWordTables.four(report, width: width)
            }
            narrative.append(table: table.xml)
        }
        let signature = signature(report)
        if !signature.isEmpty { narrative.keepLastParagraphWithNext() }
        return title + narrative.xml + signature
    }

    /// The 落款 of a 公文 (GB/T 9704 7.3.5): after a blank line, the agency, then the date in
    /// Arabic numerals (`2025年1月20日`, the report's `published`), four characters in from the right.
    static func signature(_ report: Report) -> String {
        guard let agency = report.agency?.value, let date = report.published?.value else { return "" }
        let first = #"<w:spacing w:before="\#(DefaultReference.lineTwips)" w:after="0" w:line="\#(DefaultReference.lineTwips)" w:lineRule="exact"/>"#
        return WordXML.paragraph(style: "Signature", properties: "<w:keepNext/>" + first, runs: WordXML.run(agency))
            + WordXML.paragraph(style: "Signature", runs: WordXML.run(date.chinese))
    }
}
