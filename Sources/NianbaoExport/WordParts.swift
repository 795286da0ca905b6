/// The small fixed parts of the package: content types, relationships, properties, settings
/// and the two page-number footers.
enum WordParts {
    static let packageNamespace = "http://schemas.openxmlformats.org/package/2006"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let wordML = "application/vnd.openxmlformats-officedocument.wordprocessingml"

    static func contentTypes(reference: ReferenceDocument) -> String {
        var overrides: [(String, String)] = [
            ("/word/document.xml", "\(wordML).document.main+xml"),
            ("/word/styles.xml", "\(wordML).styles+xml"),
            ("/word/numbering.xml", "\(wordML).numbering+xml"),
            ("/word/settings.xml", "\(wordML).settings+xml"),
            ("/word/footer1.xml", "\(wordML).footer+xml"),
            ("/word/footer2.xml", "\(wordML).footer+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        if reference.fontTable != nil { overrides.append(("/word/fontTable.xml", "\(wordML).fontTable+xml")) }
        if reference.theme != nil { overrides.append(("/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml")) }
        return WordXML.declaration + #"<Types xmlns="\#(packageNamespace)/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + overrides.map { #"<Override PartName="\#($0.0)" ContentType="\#($0.1)"/>"# }.joined() + "</Types>"
    }

    static func relationships(_ list: [(id: String, type: String, target: String)]) -> String {
        WordXML.declaration + #"<Relationships xmlns="\#(packageNamespace)/relationships">"#
            + list.map { #"<Relationship Id="\#($0.id)" Type="\#($0.type)" Target="\#($0.target)"/>"# }.joined()
            + "</Relationships>"
    }

    static let packageRelationships = relationships([
        ("rId1", "\(officeRelationships)/officeDocument", "word/document.xml"),
        ("rId2", "\(packageNamespace)/relationships/metadata/core-properties", "docProps/core.xml"),
        ("rId3", "\(officeRelationships)/extended-properties", "docProps/app.xml"),
    ])

    static func documentRelationships(reference: ReferenceDocument) -> String {
        var list: [(id: String, type: String, target: String)] = [
            ("rId1", "\(officeRelationships)/styles", "styles.xml"),
            ("rId2", "\(officeRelationships)/numbering", "numbering.xml"),
            ("rId3", "\(officeRelationships)/settings", "settings.xml"),
            ("rIdFooterOdd", "\(officeRelationships)/footer", "footer1.xml"),
            ("rIdFooterEven", "\(officeRelationships)/footer", "footer2.xml"),
        ]
        if reference.fontTable != nil { list.append(("rId6", "\(officeRelationships)/fontTable", "fontTable.xml")) }
        if reference.theme != nil { list.append(("rId7", "\(officeRelationships)/theme", "theme/theme1.xml")) }
        return relationships(list)
    }

    static let footerReferences = #"<w:footerReference w:type="default" r:id="rIdFooterOdd"/>"#
        + #"<w:footerReference w:type="even" r:id="rIdFooterEven"/>"#

    /// No dates: the bytes do not depend on when the export ran.
    static func coreProperties(title: String) -> String {
        WordXML.declaration
            + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
            + #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#
            + #"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:title>\(WordXML.escape(title))</dc:title><dc:language>zh-CN</dc:language></cp:coreProperties>"
    }

    static let appProperties = WordXML.declaration
        + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#
        + "<Application>nianbao</Application></Properties>"

    /// Odd and even pages get their own footers (`w:evenAndOddHeaders`).
    static let settings = WordXML.declaration + "<w:settings \(WordXML.namespaces)>"
        + #"<w:zoom w:percent="100"/><w:defaultTabStop w:val="640"/><w:evenAndOddHeaders/>"#
        + #"<w:characterSpacingControl w:val="compressPunctuation"/>"#
        + #"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#
        + "</w:settings>"

    /// GB/T 9704 page numbers: `— 1 —` in 四号 宋体, one character in from the right on odd
    /// pages and from the left on even pages.
    static func footer(oddPage: Bool) -> String {
        let place = oddPage ? #"<w:ind w:right="280"/><w:jc w:val="right"/>"# : #"<w:ind w:left="280"/><w:jc w:val="left"/>"#
        let page = #"<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>"#
        return WordXML.declaration + "<w:ftr \(WordXML.namespaces)>"
            + WordXML.paragraph(style: "Footer", properties: place, runs: WordXML.run("— ") + page + WordXML.run(" —"))
            + "</w:ftr>"
    }
}
