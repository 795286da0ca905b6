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
    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    // MARK: Before parsing

    /// The source with CJK-touching `**` pairs replaced by markers, and whether any was.
    static func markPairs(_ markdown: String) -> (String, Bool) {
        // Quick look at the bytes: no `**`, or private-use characters already present (U+E000…, lead byte 0xEE).
        var hasRun = false
        var previous: UInt8 = 0
        for byte in markdown.utf8 {
            if byte == 0xEE { return (markdown, false) }
            if byte == 0x2A, previous == 0x2A { hasRun = true }
            previous = byte
        }
        guard hasRun else { return (markdown, false) }

        var text = Array(markdown.unicodeScalars)
        var replaced: [(Int, Unicode.Scalar)] = []
        var fence: Unicode.Scalar?
        var lineStart = 0
        while lineStart <= text.count {
            var lineEnd = lineStart
            while lineEnd < text.count, text[lineEnd] != "\n" { lineEnd += 1 }
            var first = lineStart
            while first < lineEnd, text[first] == " " { first += 1 }
            let fenceMark: Unicode.Scalar? =
                first + 2 < lineEnd && (text[first] == "`" || text[first] == "~") && text[first + 1] == text[first]
                && text[first + 2] == text[first] ? text[first] : nil
            if let f = fence {
                if fenceMark == f { fence = nil }
            } else if let f = fenceMark {
                fence = f
            } else if first - lineStart < 4, lineStart == lineEnd || text[lineStart] != "\t" {
                replaced += markLine(text, lineStart..<lineEnd)
            }
            lineStart = lineEnd + 1
        }
        guard !replaced.isEmpty else { return (markdown, false) }
        // Replace from the right so positions stay valid.
        for (position, marker) in replaced.sorted(by: { $0.0 > $1.0 }) {
            text.replaceSubrange(position..<(position + 2), with: [marker])
        }
        // Encoded by hand: appending scalars to a String.UnicodeScalarView costs more than all the rest.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(markdown.utf8.count)
        for scalar in text { UTF8.encode(scalar) { bytes.append($0) } }
        return (String(decoding: bytes, as: UTF8.self), true)
    }

    /// Positions of the `**` runs of a line that are neither escaped, nor part of a longer run,
    /// nor inside a code span.
    static func runs(_ text: [Unicode.Scalar], _ line: Range<Int>) -> [Int] {
        var found: [Int] = []
        var i = line.lowerBound
        var inCode = false
        while i < line.upperBound {
            let c = text[i]
            if c == "\\" { i += 2; continue }
            if c == "`" { inCode.toggle(); i += 1; continue }
            if c == "*", !inCode {
                var j = i
                while j < line.upperBound, text[j] == "*" { j += 1 }
                if j - i == 2 { found.append(i) }
                i = j
                continue
            }
            i += 1
        }
        return found
    }

    /// The markers for the pairs of one line that touch a CJK character.
    static func markLine(_ text: [Unicode.Scalar], _ line: Range<Int>) -> [(Int, Unicode.Scalar)] {
        let positions = runs(text, line)
        guard positions.count >= 2 else { return [] }
        var replaced: [(Int, Unicode.Scalar)] = []
        var k = 0
        while k + 1 < positions.count {
            let a = positions[k], b = positions[k + 1]
            k += 2
            guard b > a + 2 else { continue }  // `****`: nothing between
            let inner = [text[a + 2], text[b - 1]]
            guard !inner[0].properties.isWhitespace, !inner[1].properties.isWhitespace else { continue }
            let outer = [a > line.lowerBound ? text[a - 1] : nil, b + 2 < line.upperBound ? text[b + 2] : nil]
            guard (inner + outer.compactMap { $0 }).contains(where: CJK.isWide) else { continue }
            replaced.append((a, open))
            replaced.append((b, close))
        }
        return replaced
    }

    // MARK: After parsing

    static func apply(_ document: OpaquePointer) {
        var marked: [OpaquePointer] = []
        MarkdownRenderer.forEachNode(document) { node in
            if cmark_node_get_type(node) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(node), hasMarker(literal) {
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

    /// Whether a C string holds a marker (U+E000 or U+E001: EE 80 80 or EE 80 81), found in its
    /// bytes without making a Swift string of every text node.
    private static func hasMarker(_ literal: UnsafePointer<CChar>) -> Bool {
        var p = UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self)
        while p.pointee != 0 {
            if p.pointee == 0xEE, p[1] == 0x80, p[2] == 0x80 || p[2] == 0x81 { return true }
            p += 1
        }
        return false
    }

    /// Splits a text node so that every marker is a text node of its own.
    private static func split(_ node: OpaquePointer) {
        guard let text = MarkdownRenderer.textLiteral(node) else { return }
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            if c == open || c == close {
                if !current.isEmpty { pieces.append(String(current)) }
                pieces.append(String(c))
                current = String.UnicodeScalarView()
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { pieces.append(String(current)) }
        for piece in pieces {
            guard let new = cmark_node_new(CMARK_NODE_TEXT) else { return }
            cmark_node_set_literal(new, piece)
            cmark_node_insert_before(node, new)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    private static func marker(_ node: OpaquePointer?) -> Unicode.Scalar? {
        guard let node, cmark_node_get_type(node) == CMARK_NODE_TEXT,
            let text = MarkdownRenderer.textLiteral(node), text.unicodeScalars.count == 1, let c = text.unicodeScalars.first,
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
