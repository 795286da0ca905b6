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
        guard let document = markdown.withCString({ cmark_parse_document($0, strlen($0), options) }) else {
            return ""
        }
        defer { cmark_node_free(document) }
        joinCJKLines(document)
        repairStrong(in: document)
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

    // MARK: Strong emphasis beside CJK punctuation

    /// Pairs the `**` runs that libcmark left as literal text within one parent, where the pair
    /// touches a CJK character, and wraps what lies between them in `<strong>`.
    static func repairStrong(in document: OpaquePointer) {
        var parents: [OpaquePointer] = []
        forEachNode(document) { node in
            if isDelimiterText(node), let parent = cmark_node_parent(node), !parents.contains(parent) {
                parents.append(parent)
            }
        }
        for parent in parents { repairStrong(children: parent) }
    }

    private static func repairStrong(children parent: OpaquePointer) {
        var node = cmark_node_first_child(parent)
        while let opener = node {
            node = cmark_node_next(opener)
            guard isDelimiterText(opener), let first = cmark_node_next(opener),
                let firstChar = firstCharacter(first), !firstChar.isWhitespace
            else { continue }
            // The nearest closing run after at least one node, not preceded by white space.
            var candidate = cmark_node_next(first)
            var closer: OpaquePointer?
            while let c = candidate {
                if isDelimiterText(c) {
                    if let lastChar = lastCharacter(cmark_node_previous(c)), !lastChar.isWhitespace {
                        closer = c
                    }
                    break
                }
                candidate = cmark_node_next(c)
            }
            guard let closer else { continue }
            let outside = [lastCharacter(cmark_node_previous(opener)), firstChar,
                           lastCharacter(cmark_node_previous(closer)), firstCharacter(cmark_node_next(closer))]
            guard outside.contains(where: { $0.map(CJK.isWide) ?? false }) else { continue }

            guard let strong = cmark_node_new(CMARK_NODE_STRONG) else { return }
            cmark_node_insert_before(opener, strong)
            var inner = cmark_node_next(opener)
            while let current = inner, current != closer {
                inner = cmark_node_next(current)
                cmark_node_unlink(current)
                cmark_node_append_child(strong, current)
            }
            node = cmark_node_next(closer)
            for delimiter in [opener, closer] {
                cmark_node_unlink(delimiter)
                cmark_node_free(delimiter)
            }
        }
    }

    private static func isDelimiterText(_ node: OpaquePointer) -> Bool {
        guard cmark_node_get_type(node) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node) else {
            return false
        }
        return strcmp(literal, "**") == 0
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

    private static func textLiteral(_ node: OpaquePointer) -> String? {
        let type = cmark_node_get_type(node)
        guard type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(node) else {
            return nil
        }
        return String(cString: literal)
    }
}

/// East Asian wide characters: ideographs, kana, Hangul, CJK and full-width punctuation.
enum CJK {
    static func isWide(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
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
