/// The narrative as Markdown: each published paragraph a paragraph, a short numbered line such as
/// `（一）主动公开` (or `(一) 主动公开`) a `###` heading written with full-width brackets.
/// Characters Markdown would take for markup are escaped, so the text reads as published.
enum NarrativeWriter {
    static func markdown(_ lines: [SourceLine]) -> String {
        let blocks = lines.map { line -> String in
            let text = line.text.trimmingSpaces
            if let heading = subheading(text) { return "### " + heading }
            return escape(text)
        }
        return blocks.isEmpty ? "" : blocks.joined(separator: "\n\n") + "\n"
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
        var out = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<":
                out.append("\\")
            case "&" where i + 1 < chars.count && (chars[i + 1].isLetter || chars[i + 1] == "#"):
                out.append("\\")
            default:
                break
            }
            out.append(c)
        }
        // Block markers at the start of the paragraph.
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
