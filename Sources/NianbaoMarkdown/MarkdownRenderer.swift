import Ccmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// CommonMark to HTML through libcmark, in safe mode (raw HTML is omitted, `javascript:` and
/// similar links are dropped), with two fixes for Chinese text:
///
/// - a soft line break between two CJK characters renders as nothing (beside Latin text it stays
///   a line break, which a browser shows as a space);
/// - `**…**` next to CJK punctuation becomes `<strong>` where CommonMark's flanking rules reject it
///   (`**“石龙区政务”**后续`, `请参阅**《条例》**第五十条`, `根据**《条例》**，`).
public enum MarkdownRenderer {
    public static func html(_ markdown: String) -> String {
        let options = CMARK_OPT_DEFAULT
        let (source, marked) = CJKStrong.markPairs(markdown)
        guard let document = source.withCString({ cmark_parse_document($0, strlen($0), options) }) else {
            return ""
        }
        defer { cmark_node_free(document) }
        if marked { CJKStrong.apply(document) }
        removeComments(document)
        joinCJKLines(document)
        guard let rendered = cmark_render_html(document, options) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    // MARK: Soft line breaks

    static func joinCJKLines(_ document: OpaquePointer) {
        var breaks: [OpaquePointer] = []
        forEachNode(document) { node in
            if cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK { breaks.append(node) }
        }
        for node in breaks {
            guard let before = lastCharacter(cmark_node_previous(node)),
                let after = firstCharacter(cmark_node_next(node)),
                CJK.isWide(before), CJK.isWide(after)
            else { continue }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    // MARK: Comments

    /// HTML comments (`<!-- 提示 -->`) are notes for the writer: they never reach the page,
    /// not even as libcmark's `<!-- raw HTML omitted -->`.
    static func removeComments(_ document: OpaquePointer) {
        var comments: [OpaquePointer] = []
        forEachNode(document) { node in
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE,
                let literal = cmark_node_get_literal(node)
            else { return }
            let text = String(cString: literal).trimmingCharacters(in: " \n\t")
            if text.hasPrefix("<!--"), text.hasSuffix("-->"), !text.dropFirst(4).dropLast(3).contains("-->") {
                comments.append(node)
            }
        }
        for node in comments {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    // MARK: Tree helpers

    static func forEachNode(_ root: OpaquePointer, _ body: (OpaquePointer) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { body(node) }
        }
    }

    /// The last character of the text a node renders (descending into inline containers).
    static func lastCharacter(_ node: OpaquePointer?) -> Character? {
        guard let node else { return nil }
        if let literal = textLiteral(node) { return literal.last }
        return lastCharacter(cmark_node_last_child(node))
    }

    static func firstCharacter(_ node: OpaquePointer?) -> Character? {
        guard let node else { return nil }
        if let literal = textLiteral(node) { return literal.first }
        return firstCharacter(cmark_node_first_child(node))
    }

    static func textLiteral(_ node: OpaquePointer) -> String? {
        let type = cmark_node_get_type(node)
        guard type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(node) else {
            return nil
        }
        return String(cString: literal)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}

/// East Asian wide characters: ideographs, kana, Hangul, CJK and full-width punctuation.
enum CJK {
    static func isWide(_ c: Character) -> Bool {
        c.unicodeScalars.first.map(isWide) ?? false
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x2E80...0x2FDF,  // radicals
            0x3000...0x303F,  // CJK symbols and punctuation 、。「」《》
            0x3040...0x30FF,  // kana
            0x3100...0x31BF, 0x31F0...0x31FF,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,  // ideographs
            0xAC00...0xD7AF,  // Hangul
            0xFE30...0xFE4F,  // CJK compatibility forms
            0xFF00...0xFF60, 0xFFE0...0xFFE6,  // full-width forms ，：（）
            0x20000...0x3FFFF:
            return true
        case 0x2018, 0x2019, 0x201C, 0x201D, 0x2014, 0x2026:  // ‘’“” — … as used in Chinese text
            return true
        default:
            return false
        }
    }
}
