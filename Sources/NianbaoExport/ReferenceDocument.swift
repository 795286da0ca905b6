import Foundation
import ZIPFoundation

/// Where the Word export takes its look from, like pandoc's `--reference-doc`: the styles
/// (fonts, sizes, spacing: `word/styles.xml`), the page set-up (the last `w:sectPr` of
/// `word/document.xml`: paper, margins, grid) and, when present, the font table and theme.
/// Styles the export uses that the reference lacks are taken from the default, so a reference
/// saved from any Word document still gives headings and tables their look.
public struct ReferenceDocument: Sendable {
    /// The file it came from, as given; nil for the default.
    public let name: String?
    let styles: String
    /// The children of `w:sectPr`, without header or footer references.
    let sectionProperties: String
    let fontTable: String?
    let theme: String?
    /// The ids the reference gives the export's styles.
    var styleMap = StyleMap()

    /// The embedded default (GB/T 9704, see `DefaultReference`).
    public static let standard = ReferenceDocument(
        name: nil, styles: DefaultReference.styles, sectionProperties: DefaultReference.sectionProperties,
        fontTable: nil, theme: nil)

    init(name: String?, styles: String, sectionProperties: String, fontTable: String?, theme: String?) {
        self.name = name
        self.styles = styles
        self.sectionProperties = sectionProperties
        self.fontTable = fontTable
        self.theme = theme
    }

    /// A reference that cannot be used, with one message in Chinese naming the file.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let file: String
        public let reason: String
        public var message: String { "参考文档「\(file)」不是可用的 Word 文档（.docx）：\(reason)" }
        public var description: String { message }
    }

    /// The largest part read from a reference (styles of real documents are well below 1 MiB).
    static let partLimit = 16 << 20

    /// Reads a reference document (`Templates/reference.docx`).
    public static func load(path: String) throws -> ReferenceDocument {
        let fail = { (reason: String) in Failure(file: path, reason: reason) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw fail("文件不存在") }
        guard !isDirectory.boolValue else { throw fail("这是一个目录") }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw fail("不是 zip 格式（.docx 文件是 zip 包；.doc 等旧格式请在 Word 中另存为 .docx）")
        }
        func part(_ name: String) throws -> String? {
            guard let entry = archive[name] else { return nil }
            guard entry.type == .file, entry.uncompressedSize <= UInt64(partLimit) else { throw fail("\(name) 过大") }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    data.append(chunk)
                    if data.count > partLimit { throw Failure(file: path, reason: "\(name) 过大") }
                }
            } catch let failure as Failure {
                throw failure
            } catch {
                throw fail("\(name) 已损坏")
            }
            guard let text = String(data: data, encoding: .utf8), XMLCheck.isWellFormed(text) else {
                throw fail("\(name) 不是有效的 XML")
            }
            return text
        }
        guard let document = try part("word/document.xml") else { throw fail("缺少正文部件 word/document.xml") }
        guard let styles = try part("word/styles.xml") else { throw fail("缺少样式部件 word/styles.xml（请用 Word 另存一次）") }
        guard styles.contains("<w:styles") else { throw fail("word/styles.xml 不是 Word 样式表") }
        let map = StyleMap(referenceStyles: styles)
        var reference = ReferenceDocument(
            name: path, styles: mergedStyles(styles, map: map),
            sectionProperties: sectionProperties(of: document) ?? DefaultReference.sectionProperties,
            fontTable: try part("word/fontTable.xml"), theme: try part("word/theme/theme1.xml"))
        reference.styleMap = map
        return reference
    }

    /// The reference's styles, with every style of the default it lacks added (based on the
    /// reference's own Normal).
    static func mergedStyles(_ styles: String, map: StyleMap) -> String {
        guard let end = styles.range(of: "</w:styles>", options: .backwards) else { return styles }
        let added = DefaultReference.styleList.filter { map.missing.contains($0.id) }.map { map.apply($0.xml) }.joined()
        return styles.replacingCharacters(in: end, with: added + "</w:styles>")
    }

    /// The children of the body's last `w:sectPr`, without references to headers and footers
    /// (their parts are not copied) or a different first page.
    static func sectionProperties(of document: String) -> String? {
        guard let start = document.range(of: "<w:sectPr", options: .backwards) else { return nil }
        let rest = document[start.upperBound...]
        // `<w:sectPr/>` (self-closing) holds nothing to take.
        guard let open = rest.firstIndex(of: ">"), open == rest.startIndex || rest[rest.index(before: open)] != "/",
              let close = rest.range(of: "</w:sectPr>")
        else { return nil }
        var inner = String(rest[rest.index(after: open)..<close.lowerBound])
        inner = inner.replacing(#/<w:(header|footer)Reference\b[^>]*\/>/#, with: "")
        inner = inner.replacing(#/<w:titlePg\b[^>]*\/>/#, with: "")
        return inner.contains("<w:pgSz") ? inner : nil
    }

    /// Width of the text area in twips, from the page width and the left and right margins.
    var textWidth: Int {
        func attribute(_ element: String, _ name: String) -> Int? {
            guard let start = sectionProperties.range(of: "<w:\(element) ") else { return nil }
            let tag = sectionProperties[start.upperBound...].prefix { $0 != ">" }
            guard let value = tag.range(of: "w:\(name)=\"") else { return nil }
            return Int(tag[value.upperBound...].prefix { $0 != "\"" })
        }
        guard let width = attribute("pgSz", "w"), let left = attribute("pgMar", "left"), let right = attribute("pgMar", "right"),
              width - left - right > 2000
        else { return DefaultReference.textWidth }
        return width - left - right
    }
}
