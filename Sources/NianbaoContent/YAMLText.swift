/// Writing YAML scalars that read back as the same text (used by `new` and `import`).
public enum YAMLText {
    /// YAML's printable characters (tab included).
    public static func isPrintable(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// A plain scalar when YAML reads it back as the same text, else double-quoted.
    public static func scalar(_ s: String) -> String {
        let special = ":#'\"{}[],&*!|>%@`\\"
        let plain = !s.isEmpty && s == s.trimmingWhitespace && !s.contains(where: { special.contains($0) || $0.isNewline })
            && s.unicodeScalars.allSatisfy { isPrintable($0) && $0 != "\t" && $0 != "\u{FEFF}" }
            && !["-", "?", "~"].contains(s.first!) && !["null", "true", "false", "yes", "no", "~"].contains(s.lowercased())
        if plain { return s }
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isPrintable(c), c != "\u{FEFF}", c != "\u{2028}", c != "\u{2029}", c != "\u{85}" {
                    out.unicodeScalars.append(c)
                } else {
                    let hex = String(c.value, radix: 16)
                    out += c.value <= 0xFFFF ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                        : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                }
            }
        }
        return out + "\""
    }
}
