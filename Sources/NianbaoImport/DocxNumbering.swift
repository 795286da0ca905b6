/// Word's automatic numbering (`word/numbering.xml`): the number a numbered paragraph shows,
/// which is not in its text. Counters run per abstract numbering and level, as Word counts them:
/// a higher level resets the levels below it, and a numbering instance with a start override
/// starts again where it is first used.
struct DocxNumbering {
    struct Level {
        var format = "decimal"
        var text = "%1."
        var start = 1
        /// What follows the number: `tab` (Word's default), `space` or `nothing`.
        var suffix = "tab"
    }

    /// What a numbered paragraph shows before its text.
    struct Label {
        var text: String
        /// `1.`, `1)` and bullets are Markdown lists; `一、`, `（一）`, `1、` are kept as text.
        var markdown: String?
        var level: Int
    }

    private var abstract: [String: [Int: Level]] = [:]
    /// numId → (abstractNumId, level → start override).
    private var instances: [String: (abstract: String, starts: [Int: Int])] = [:]
    private var counters: [String: [Int: Int]] = [:]
    private var started: Set<String> = []

    init(_ root: XMLTree?) {
        guard let root else { return }
        for node in root.children("w:abstractNum") {
            guard let id = node.attributes["w:abstractNumId"] else { continue }
            var levels: [Int: Level] = [:]
            for lvl in node.children("w:lvl") {
                guard let i = lvl.attributes["w:ilvl"].flatMap({ Int($0) }), (0...8).contains(i) else { continue }
                var level = Level()
                level.format = lvl.value(of: "w:numFmt") ?? "decimal"
                level.text = lvl.value(of: "w:lvlText") ?? ""
                level.start = lvl.value(of: "w:start").flatMap { Int($0) } ?? 1
                level.suffix = lvl.value(of: "w:suff") ?? "tab"
                levels[i] = level
            }
            abstract[id] = levels
        }
        for node in root.children("w:num") {
            guard let id = node.attributes["w:numId"], let abstractId = node.value(of: "w:abstractNumId") else { continue }
            var starts: [Int: Int] = [:]
            for override in node.children("w:lvlOverride") {
                if let i = override.attributes["w:ilvl"].flatMap({ Int($0) }),
                    let start = override.child("w:startOverride")?.attributes["w:val"].flatMap({ Int($0) })
                {
                    starts[i] = start
                }
            }
            instances[id] = (abstractId, starts)
        }
    }

    /// The label of the next paragraph numbered `numId` at `level`; nil for numbering 0 (none) or unknown.
    mutating func next(numId: String, level: Int) -> Label? {
        guard let instance = instances[numId], let levels = abstract[instance.abstract], let definition = levels[level] else { return nil }
        var counts = counters[instance.abstract] ?? [:]
        if !started.contains(numId) {
            started.insert(numId)
            for (i, start) in instance.starts { counts[i] = start - 1 }
        }
        counts[level] = (counts[level] ?? ((definition.start) - 1)) + 1
        for deeper in (level + 1)...9 { counts[deeper] = nil }
        counters[instance.abstract] = counts

        var text = ""
        var chars = Substring(definition.text)
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "%", let digit = chars.first?.wholeNumberValue, (1...9).contains(digit) {
                chars = chars.dropFirst()
                let l = digit - 1
                let format = levels[l]?.format ?? "decimal"
                text += Self.format(counts[l] ?? levels[l]?.start ?? 1, format)
            } else {
                text.append(c)
            }
        }
        if definition.format == "none" { text = "" }
        var markdown: String?
        if definition.format == "bullet" {
            markdown = "-"
        } else if definition.format == "decimal", let last = text.last, last == "." || last == ")",
            text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }), !text.dropLast().isEmpty
        {
            markdown = text
        }
        let separator = text.isEmpty || definition.suffix == "nothing" || "、）).．:：".contains(text.last!) ? "" : " "
        return Label(text: text + separator, markdown: markdown, level: level)
    }

    /// A counter in one of Word's number formats.
    static func format(_ n: Int, _ format: String) -> String {
        switch format {
        case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital", "japaneseCounting":
            return chinese(n, legal: format == "chineseLegalSimplified")
        case "decimalFullWidth", "decimalFullWidth2":
            return String(String(n).unicodeScalars.map { Character(Unicode.Scalar($0.value + 0xFEE0)!) })
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
            return (1...20).contains(n) ? String(Character(Unicode.Scalar(0x2460 + UInt32(n - 1))!)) : String(n)
        case "decimalEnclosedParen":
            return "(\(n))"
        case "decimalZero":
            return n < 10 ? "0\(n)" : String(n)
        case "lowerLetter", "upperLetter":
            guard n > 0 else { return String(n) }
            let letter = Character(Unicode.Scalar(UInt8(((n - 1) % 26) + (format == "lowerLetter" ? 97 : 65))))
            return String(repeating: letter, count: (n - 1) / 26 + 1)
        case "lowerRoman", "upperRoman":
            let r = roman(n)
            return format == "lowerRoman" ? r.lowercased() : r
        case "ideographTraditional":
            let stems = Array("甲乙丙丁戊己庚辛壬癸")
            return (1...10).contains(n) ? String(stems[n - 1]) : String(n)
        case "bullet", "none":
            return ""
        default:
            return String(n)
        }
    }

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9999; larger as digits).
    static func chinese(_ n: Int, legal: Bool = false) -> String {
        guard n > 0, n < 10_000 else { return String(n) }
        let numerals = legal ? Array("零壹贰叁肆伍陆柒捌玖") : Array("零一二三四五六七八九")
        let units = legal ? ["", "拾", "佰", "仟"] : ["", "十", "百", "千"]
        let places = String(n).compactMap(\.wholeNumberValue)
        var out = ""
        var zero = false
        for (i, d) in places.enumerated() {
            let unit = units[places.count - 1 - i]
            if d == 0 {
                zero = true
                continue
            }
            if zero, !out.isEmpty { out.append(numerals[0]) }
            zero = false
            if !(d == 1 && unit == units[1] && out.isEmpty && !legal) { out.append(numerals[d]) }
            out += unit
        }
        return out
    }

    static func roman(_ n: Int) -> String {
        guard n > 0, n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                                      (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = n
        var out = ""
        for (value, letters) in table {
            while rest >= value {
                out += letters
                rest -= value
            }
        }
        return out
    }
}
