/// The report's narrative for the article: libcmark's HTML (safe mode, so every tag in it is one
/// libcmark wrote, and text from content is escaped) with each tag given the inline style the
/// site's stylesheet gives it, since a rich-text editor keeps no stylesheet.
enum ArticleMarkup {
    /// The styles of the article's block elements. Sizes in px: editors drop `rem`'s root.
    static let paragraph = "margin:0 0 12px;text-indent:2em;"
    static let listParagraph = "margin:0;"
    static let subheading = "font-size:17px;font-weight:bold;line-height:1.5;margin:16px 0 8px;"
    static let list = "margin:0 0 12px;padding-left:2em;"

    /// `html` (one narrative file, rendered) with inline styles. A paragraph inside a list item
    /// (a loose list) is not indented, as on the site.
    static func narrative(_ html: String) -> String {
        let replacements: [(String, String)] = [
            ("<li>\n<p>", "<li>\n<p style=\"\(listParagraph)\">"),
            ("<p>", "<p style=\"\(paragraph)\">"),
            ("<h3>", "<h3 style=\"\(subheading)\">"),
            ("<h4>", "<h4 style=\"\(subheading)\">"),
            ("<ul>", "<ul style=\"\(list)\">"),
            ("<ol>", "<ol style=\"\(list)\">"),
        ]
        var out = html
        for (tag, styled) in replacements {
            out = out.replacingOccurrences(of: tag, with: styled)
        }
        return out
    }
}
