/// The report's narrative for the article: libcmark's HTML (safe mode, so every tag in it is one
/// libcmark wrote, and text from content is escaped) with each tag given the inline style the
/// site's stylesheet gives it, since a rich-text editor keeps no stylesheet.
enum ArticleMarkup {
    /// The styles of the article's block elements. Sizes in px: editors drop `rem`'s root.
    static let paragraph = "margin:0 0 12px;text-indent:2em;"
    static let listParagraph = "margin:0;"
    static let subheading = "font-size:17px;font-weight:bold;line-height:1.5;margin:16px 0 8px;"
    static let list = "margin:0 0 12px;padding-left:2em;"

    /// Each tag and what it becomes, the longer of two tags with the same start first: a paragraph
    /// inside a list item (a loose list) is not indented, as on the site.
    private static let replacements: [(tag: [UInt8], styled: [UInt8])] = [
        ("<li>\n<p>", "<li>\n<p style=\"\(listParagraph)\">"),
        ("<p>", "<p style=\"\(paragraph)\">"),
        ("<h3>", "<h3 style=\"\(subheading)\">"),
        ("<h4>", "<h4 style=\"\(subheading)\">"),
        ("<ul>", "<ul style=\"\(list)\">"),
        ("<ol>", "<ol style=\"\(list)\">"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// `html` (one narrative file, rendered) with inline styles, in one pass over its bytes.
    static func narrative(_ html: String) -> String {
        var bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        bytes.withUnsafeMutableBufferPointer { source in
            var index = 0
            next: while index < source.count {
                if source[index] == UInt8(ascii: "<") {
                    for (tag, styled) in replacements where source[index...].starts(with: tag) {
                        out += styled
                        index += tag.count
                        continue next
                    }
                }
                out.append(source[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
