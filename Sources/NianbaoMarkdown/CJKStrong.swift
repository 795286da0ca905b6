import Ccmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `**…**` beside CJK punctuation. CommonMark's flanking rules treat `“ ” 《 》 ，` as
/// punctuation, so `请参阅**《条例》**第五十条` stays literal and `**《条例》**和**《办法》**`
/// pairs the wrong runs. Before parsing, the `**` runs of a line are paired left to right, and
/// each pair that touches a CJK character is replaced by two private-use markers; after parsing,
/// the nodes between a pair of markers are wrapped in a strong node. Pairs that touch only
/// Latin text are left to libcmark, so English follows CommonMark exactly.
enum CJKStrong {
    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    // MARK: Before parsing

    static func markPairs(_ markdown: String) -> String {
        if markdown.contains(open) || markdown.contains(close) || !markdown.contains("**") { return markdown }
        var out: [String] = []
        var fence: String?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let f = fence {
                if trimmed.hasPrefix(f) { fence = nil }
                out.append(String(line))
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                out.append(String(line))
                continue
            }
            let indented = line.hasPrefix("    ") || line.hasPrefix("\t")
            out.append(indented || !hasDoubleAsterisk(line) ? String(line) : markLine(Array(line)))
        }
        return out.joined(separator: "\n")
    }

    static func hasDoubleAsterisk(_ line: Substring) -> Bool {
        var previous: UInt8 = 0
        for byte in line.utf8 {
            if byte == 0x2A, previous == 0x2A { return true }
            previous = byte
        }
        return false
    }

    /// Positions of the `**` runs of a line that are neither escaped, nor part of a longer run,
    /// nor inside a code span.
    static func runs(_ chars: [Character]) -> [Int] {
        var found: [Int] = []
        var i = 0
        var inCode = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\" { i += 2; continue }
            if c == "`" { inCode.toggle(); i += 1; continue }
            if c == "*", !inCode {
                var j = i
                while j < chars.count, chars[j] == "*" { j += 1 }
                if j - i == 2 { found.append(i) }
                i = j
                continue
            }
            i += 1
        }
        return found
    }

    static func markLine(_ chars: [Character]) -> String {
        let positions = runs(chars)
        guard positions.count >= 2 else { return String(chars) }
        var chars = chars
        var replaced: [(Int, Character)] = []
        var k = 0
        while k + 1 < positions.count {
            let a = positions[k], b = positions[k + 1]
            k += 2
            guard b > a + 2 else { continue }  // `****`: nothing between
            let inner = [chars[a + 2], chars[b - 1]]
            guard !inner[0].isWhitespace, !inner[1].isWhitespace else { continue }
            let outer = [a > 0 ? chars[a - 1] : nil, b + 2 < chars.count ? chars[b + 2] : nil]
            guard (inner + outer.compactMap { $0 }).contains(where: CJK.isWide) else { continue }
            replaced.append((a, open))
            replaced.append((b, close))
        }
        // Replace from the right so positions stay valid.
        for (position, marker) in replaced.reversed() {
            chars.replaceSubrange(position..<(position + 2), with: [marker])
        }
        return String(chars)
    }

    // MARK: After parsing

    static func apply(_ document: OpaquePointer) {
        var marked: [OpaquePointer] = []
        MarkdownRenderer.forEachNode(document) { node in
            if let text = MarkdownRenderer.textLiteral(node), cmark_node_get_type(node) == CMARK_NODE_TEXT,
                text.contains(open) || text.contains(close)
            {
                marked.append(node)
            }
        }
        var parents: [OpaquePointer] = []
        for node in marked {
            if let parent = cmark_node_parent(node), !parents.contains(parent) { parents.append(parent) }
            split(node)
        }
        for parent in parents { pair(in: parent) }
    }

    /// Splits a text node so that every marker is a text node of its own.
    private static func split(_ node: OpaquePointer) {
        guard let text = MarkdownRenderer.textLiteral(node) else { return }
        var pieces: [String] = []
        var current = ""
        for c in text {
            if c == open || c == close {
                if !current.isEmpty { pieces.append(current) }
                pieces.append(String(c))
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { pieces.append(current) }
        for piece in pieces {
            guard let new = cmark_node_new(CMARK_NODE_TEXT) else { return }
            cmark_node_set_literal(new, piece)
            cmark_node_insert_before(node, new)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    private static func marker(_ node: OpaquePointer?) -> Character? {
        guard let node, cmark_node_get_type(node) == CMARK_NODE_TEXT,
            let text = MarkdownRenderer.textLiteral(node), text.count == 1, let c = text.first,
            c == open || c == close
        else { return nil }
        return c
    }

    /// Wraps the children between an opening and the next closing marker in a strong node; a
    /// marker without its partner in the same parent becomes `**` again.
    private static func pair(in parent: OpaquePointer) {
        var node = cmark_node_first_child(parent)
        while let current = node {
            node = cmark_node_next(current)
            guard let kind = marker(current) else { continue }
            var closer: OpaquePointer?
            if kind == open {
                var candidate = cmark_node_next(current)
                while let c = candidate {
                    if let k = marker(c) {
                        if k == close { closer = c }
                        break
                    }
                    candidate = cmark_node_next(c)
                }
            }
            guard let closer, let strong = cmark_node_new(CMARK_NODE_STRONG) else {
                cmark_node_set_literal(current, "**")
                continue
            }
            cmark_node_insert_before(current, strong)
            var inner = cmark_node_next(current)
            while let c = inner, c != closer {
                inner = cmark_node_next(c)
                cmark_node_unlink(c)
                cmark_node_append_child(strong, c)
            }
            node = cmark_node_next(closer)
            for m in [current, closer] {
                cmark_node_unlink(m)
                cmark_node_free(m)
            }
        }
    }
}
