/// HTML escaping for the markup nianbao writes itself and for every `{{value}}` of the templates
/// (the same five characters and entities as Mustache's own HTML escaping).
public enum HTML {
    public static func escape(_ text: String) -> String {
        guard needsEscape(text) else { return text }
        var out = ""
        escape(text, into: &out)
        return out
    }

    static func needsEscape(_ text: String) -> Bool {
        text.utf8.contains { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }
    }

    public static func escape(_ text: String, into out: inout String) {
        guard needsEscape(text) else {
            out += text
            return
        }
        for c in text.unicodeScalars {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
    }
}
