import Ccmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A block of the narrative, for outputs other than HTML (the Word export). Raw HTML never
/// gets here: comments are dropped as on the page, other HTML is dropped too (the page shows it
/// as nothing either, libcmark being in safe mode).
public indirect enum MarkdownBlock: Sendable, Hashable {
    case paragraph([MarkdownSpan])
    case heading(level: Int, [MarkdownSpan])
    /// `start` is nil for a bullet list.
    case list(start: Int?, items: [[MarkdownBlock]])
    case quote([MarkdownBlock])
    /// A fenced or indented code block, its text as written.
    case code(String)
    case rule
}

extension MarkdownBlock {
    /// The narrative's blocks, parsed as the page parses them (the same CJK fixes: soft line
    /// breaks between CJK characters join, `**…**` beside CJK punctuation is bold).
    public static func parse(_ markdown: String) -> [MarkdownBlock] {
        let (source, marked) = CJKStrong.markPairs(markdown)
        guard let document = source.withCString({ cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }) else {
            return []
        }
        defer { cmark_node_free(document) }
        if marked { CJKStrong.apply(document) }
        MarkdownRenderer.removeComments(document)
        MarkdownRenderer.joinCJKLines(document)
        return blocks(under: document)
    }

    static func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var out: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            out.append(current)
            child = cmark_node_next(current)
        }
        return out
    }

    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    static func blocks(under node: OpaquePointer) -> [MarkdownBlock] {
        children(node).compactMap(block)
    }

    static func block(_ node: OpaquePointer) -> MarkdownBlock? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            let spans = inlines(node)
            return spans.isEmpty ? nil : .paragraph(spans)
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(node))
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let items = children(node).map { blocks(under: $0) }
            return .list(start: ordered ? Int(cmark_node_get_list_start(node)) : nil, items: items)
        case CMARK_NODE_BLOCK_QUOTE:
            return .quote(blocks(under: node))
        case CMARK_NODE_CODE_BLOCK:
            var text = literal(node)
            if text.hasSuffix("\n") { text.removeLast() }
            return .code(text)
        case CMARK_NODE_THEMATIC_BREAK:
            return .rule
        default:
            // HTML blocks (never passed through) and anything unknown.
            return nil
        }
    }

    /// The text of a paragraph or heading as runs; adjacent runs of the same emphasis merged.
    static func inlines(_ node: OpaquePointer) -> [MarkdownSpan] {
        var spans: [MarkdownSpan] = []
        func add(_ text: String, _ bold: Bool, _ italic: Bool) {
            guard !text.isEmpty else { return }
            if let last = spans.last, last.bold == bold, last.italic == italic {
                spans[spans.count - 1].text += text
            } else {
                spans.append(MarkdownSpan(text: text, bold: bold, italic: italic))
            }
        }
        func walk(_ node: OpaquePointer, bold: Bool, italic: Bool) {
            for child in children(node) {
                switch cmark_node_get_type(child) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE: add(literal(child), bold, italic)
                case CMARK_NODE_SOFTBREAK: add(" ", bold, italic)
                case CMARK_NODE_LINEBREAK: add("\n", bold, italic)
                case CMARK_NODE_STRONG: walk(child, bold: true, italic: italic)
                case CMARK_NODE_EMPH: walk(child, bold: bold, italic: true)
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE: walk(child, bold: bold, italic: italic)
                default: break  // inline HTML: never passed through
                }
            }
        }
        walk(node, bold: false, italic: false)
        return spans
    }
}
