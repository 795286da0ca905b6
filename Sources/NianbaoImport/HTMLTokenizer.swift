/// HTML tokens with the line and column where they start.
enum HTMLToken {
    case text(String, line: Int, column: Int)
    case start(String, [String: String], selfClosing: Bool, line: Int, column: Int)
    case end(String)
}

struct HTMLTokenizer {
    private let s: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var column = 1
    /// After `<script>` and the like: the element whose end tag ends raw text.
    private var rawTextEnd: String?

    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "xmp"]

    init(_ text: String) {
        s = Array(text.unicodeScalars)
    }

    private mutating func advance(_ n: Int = 1) {
        var k = 0
        while k < n, i < s.count {
            if s[i] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += 1
            k += 1
        }
    }

    private func at(_ offset: Int) -> Unicode.Scalar? {
        i + offset < s.count ? s[i + offset] : nil
    }

    private static func isLetter(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}"
    }

    private func startsWith(_ text: String, caseInsensitive: Bool = true) -> Bool {
        var k = 0
        for c in text.unicodeScalars {
            guard let d = at(k) else { return false }
            let a = caseInsensitive ? Self.lower(d) : d
            if a != c { return false }
            k += 1
        }
        return true
    }

    private static func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 0x20)! : c
    }

    mutating func next() -> HTMLToken? {
        while i < s.count {
            let startLine = line, startColumn = column
            if let end = rawTextEnd {
                rawTextEnd = nil
                var text = String.UnicodeScalarView()
                while i < s.count, !(s[i] == "<" && at(1) == "/" && startsWithEnd(end)) {
                    text.append(s[i])
                    advance()
                }
                let decoded = end == "title" || end == "textarea" ? HTMLEntities.decode(String(text)) : String(text)
                if !decoded.isEmpty { return .text(decoded, line: startLine, column: startColumn) }
                continue
            }
            if s[i] == "<" {
                if startsWith("<!--") {
                    advance(4)
                    while i < s.count, !startsWith("-->") { advance() }
                    advance(3)
                    continue
                }
                if at(1) == "!" || at(1) == "?" {
                    while i < s.count, s[i] != ">" { advance() }
                    advance()
                    continue
                }
                if at(1) == "/", Self.isLetter(at(2)) {
                    advance(2)
                    let name = readName()
                    while i < s.count, s[i] != ">" { advance() }
                    advance()
                    return .end(name)
                }
                if Self.isLetter(at(1)) {
                    advance()
                    return readStartTag(line: startLine, column: startColumn)
                }
            }
            // Text up to the next tag.
            var text = String.UnicodeScalarView()
            text.append(s[i])
            advance()
            while i < s.count, s[i] != "<" {
                text.append(s[i])
                advance()
            }
            return .text(HTMLEntities.decode(String(text)), line: startLine, column: startColumn)
        }
        return nil
    }

    private func startsWithEnd(_ name: String) -> Bool {
        var k = 2
        for c in name.unicodeScalars {
            guard let d = at(k), Self.lower(d) == c else { return false }
            k += 1
        }
        guard let after = at(k) else { return true }
        return Self.isSpace(after) || after == ">" || after == "/"
    }

    private mutating func readName() -> String {
        var name = String.UnicodeScalarView()
        while i < s.count, !Self.isSpace(s[i]), s[i] != ">", s[i] != "/" {
            name.append(Self.lower(s[i]))
            advance()
        }
        return String(name)
    }

    private mutating func readStartTag(line: Int, column: Int) -> HTMLToken {
        let name = readName()
        var attributes: [String: String] = [:]
        var selfClosing = false
        while i < s.count {
            while i < s.count, Self.isSpace(s[i]) { advance() }
            guard i < s.count else { break }
            if s[i] == ">" {
                advance()
                break
            }
            if s[i] == "/" {
                if at(1) == ">" {
                    selfClosing = true
                    advance(2)
                    break
                }
                advance()
                continue
            }
            var key = String.UnicodeScalarView()
            while i < s.count, !Self.isSpace(s[i]), s[i] != "=", s[i] != ">", !(s[i] == "/" && at(1) == ">") {
                key.append(Self.lower(s[i]))
                advance()
            }
            if key.isEmpty {
                advance()
                continue
            }
            while i < s.count, Self.isSpace(s[i]) { advance() }
            var value = String.UnicodeScalarView()
            if i < s.count, s[i] == "=" {
                advance()
                while i < s.count, Self.isSpace(s[i]) { advance() }
                if i < s.count, s[i] == "\"" || s[i] == "'" {
                    let quote = s[i]
                    advance()
                    while i < s.count, s[i] != quote {
                        value.append(s[i])
                        advance()
                    }
                    advance()
                } else {
                    while i < s.count, !Self.isSpace(s[i]), s[i] != ">" {
                        value.append(s[i])
                        advance()
                    }
                }
            }
            let k = String(key)
            if attributes[k] == nil { attributes[k] = HTMLEntities.decode(String(value)) }
        }
        if !selfClosing, Self.rawTextElements.contains(name) { rawTextEnd = name }
        return .start(name, attributes, selfClosing: selfClosing, line: line, column: column)
    }
}

enum HTMLEntities {
    static let named: [String: String] = [
        "nbsp": "\u{A0}", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "copy": "©", "reg": "®",
        "trade": "™", "middot": "·", "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’",
        "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "times": "×", "divide": "÷", "yen": "¥",
        "deg": "°", "plusmn": "±", "bull": "•", "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}",
        "zwnj": "\u{200C}", "zwj": "\u{200D}", "shy": "\u{AD}", "sect": "§", "permil": "‰", "larr": "←",
        "rarr": "→", "uarr": "↑", "darr": "↓", "sup2": "²", "sup3": "³", "frac12": "½", "cent": "¢", "pound": "£",
    ]

    /// Named (a common set), decimal and hexadecimal references; anything else is left as written.
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            guard s[i] == "&" else {
                out.append(s[i])
                i += 1
                continue
            }
            var j = i + 1
            var name = String.UnicodeScalarView()
            while j < s.count, j - i <= 10, s[j] != ";", s[j].properties.isAlphabetic || s[j] == "#" || (s[j].value >= 0x30 && s[j].value <= 0x39) {
                name.append(s[j])
                j += 1
            }
            let hasSemicolon = j < s.count && s[j] == ";"
            let key = String(name)
            var replacement: String?
            if key.hasPrefix("#") {
                let body = key.dropFirst()
                let value = body.first == "x" || body.first == "X" ? UInt32(body.dropFirst(), radix: 16) : UInt32(body, radix: 10)
                if let value, !body.isEmpty {
                    replacement = Unicode.Scalar(value).flatMap { $0.value == 0 ? nil : String($0) } ?? "\u{FFFD}"
                }
            } else if let known = named[key] ?? named[key.lowercased()] {
                replacement = known
            }
            if let replacement {
                out.append(contentsOf: replacement.unicodeScalars)
                i = hasSemicolon ? j + 1 : j
            } else {
                out.append("&")
                i += 1
            }
        }
        return String(out)
    }
}
