/// The narrative as Markdown: each published paragraph a paragraph, a short numbered line such as
/// `（一）主动公开` (or `(一) 主动公开`) a `###` heading written with full-width brackets.
/// Characters Markdown would take for markup are escaped, so the text reads as published.
/// Word paragraphs keep more (`LineFormat`): headings by style, list items, bold runs as `**…**`.
enum NarrativeWriter {
    static func markdown(_ lines: [SourceLine]) -> String {
        var out = ""
        var previousWasItem = false
        for line in lines {
            let (text, isItem) = block(line)
            // Consecutive list items make one (tight) list.
            if !out.isEmpty { out += isItem && previousWasItem ? "\n" : "\n\n" }
            out += text
            previousWasItem = isItem
        }
        return out.isEmpty ? "" : out + "\n"
    }

    /// One line as a Markdown block, and whether it is a list item.
    static func block(_ line: SourceLine) -> (text: String, isItem: Bool) {
        let text = line.text.trimmingSpaces
        if let heading = subheading(text) { return ("### " + heading, false) }
        guard let format = line.format else { return (escape(text), false) }
        switch format.kind {
        case .paragraph:
            return (escapeBlockStart(inline(format.spans)), false)
        case .heading(let level):
            // Sections are `##` on the page: a heading in a section is `###` or deeper.
            return (String(repeating: "#", count: min(max(level + 1, 3), 6)) + " " + escape(text), false)
        case .listItem(let marker, let level):
            return (String(repeating: " ", count: 4 * min(level, 8)) + marker + " " + escapeBlockStart(inline(format.spans)), true)
        }
    }

    /// Whether the line is written as a Markdown heading.
    static func isHeading(_ line: SourceLine) -> Bool { block(line).text.hasPrefix("#") }

    /// Runs as Markdown: bold ones as `**…**`, with spaces at their ends left outside (`** a**`
    /// is no emphasis). Bold beside CJK punctuation is left to `MarkdownRenderer`, which pairs
    /// such `**` where CommonMark alone would not.
    static func inline(_ spans: [LineFormat.Span]) -> String {
        var merged: [LineFormat.Span] = []
        for span in spans where !span.text.isEmpty {
            if merged.last?.bold == span.bold { merged[merged.count - 1].text += span.text } else { merged.append(span) }
        }
        var out = ""
        for span in merged {
            let chars = Array(span.text)
            let lead = chars.prefix { $0.isWhitespace }.count
            let trail = chars.count - chars.reversed().prefix { $0.isWhitespace }.count
            if !span.bold || lead >= trail {
                out += escapeInline(chars)
            } else {
                out += escapeInline(chars[..<lead]) + "**" + escapeInline(chars[lead..<trail]) + "**" + escapeInline(chars[trail...])
            }
        }
        return out
    }

    /// `（一）主动公开`: a bracketed Chinese numeral and a few words without sentence punctuation.
    static func subheading(_ text: String) -> String? {
        guard let open = text.first, open == "（" || open == "(" else { return nil }
        let numeral = text.dropFirst().prefix { ImportLabels.chineseNumerals.contains($0) }
        guard !numeral.isEmpty else { return nil }
        var rest = text.dropFirst(1 + numeral.count)
        guard let close = rest.first, close == "）" || close == ")" else { return nil }
        rest = rest.dropFirst().drop { $0.isWhitespace }
        guard !rest.isEmpty, rest.count <= 30, !rest.contains(where: { "。；;！？!?，,：:".contains($0) }) else { return nil }
        return "（\(numeral)）\(rest)"
    }

    /// Backslashes before what Markdown would read as markup: inline `\ ` * _ [ ] <` and `&`
    /// before a name, and at the start a heading, quote, list or rule marker.
    static func escape(_ text: String) -> String {
        escapeBlockStart(escapeInline(Array(text)))
    }

    static func escapeInline(_ chars: some RandomAccessCollection<Character>) -> String {
        var out = ""
        var i = chars.startIndex
        while i != chars.endIndex {
            let c = chars[i]
            let next = chars.index(after: i)
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<":
                out.append("\\")
            case "&" where next != chars.endIndex && (chars[next].isLetter || chars[next] == "#"):
                out.append("\\")
            default:
                break
            }
            out.append(c)
            i = next
        }
        return out
    }

    /// A backslash before a heading, quote, list or rule marker at the start of a paragraph.
    static func escapeBlockStart(_ text: String) -> String {
        var out = text
        if let first = out.first, "#+-=>".contains(first) {
            out = "\\" + out
        } else {
            let digits = out.prefix { $0.isASCII && $0.isNumber }
            let after = out.dropFirst(digits.count)
            if !digits.isEmpty, digits.count <= 9, let mark = after.first, mark == "." || mark == ")",
                after.dropFirst().first.map({ $0 == " " || $0 == "\t" }) ?? true
            {
                out = digits + "\\" + after
            }
        }
        return out
    }
}
