import NianbaoModel

/// Matching published labels against the official ones in `ReportFormat`.
///
/// Published reports write the labels with variants (spec/format.md §6): half-width `():,`,
/// spaces, line breaks, non-breaking or ideographic spaces inside a label, `1、` or `1．` for `1.`,
/// `，` for `、`. Both sides go through `normalize`, so those variants need no list. Only the
/// variants that change words are listed here (`headingVariants`); they are accepted on import
/// and never written.
public enum ImportLabels {
    /// A label reduced to what tells labels apart: no whitespace of any kind, full-width ASCII
    /// as half-width, `、` as `.` after a digit and `,` elsewhere, one kind of quote, lowercase.
    public static func normalize(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var lastWasDigit = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if scalar.properties.isWhitespace || ignorable.contains(v) { continue }
            var c = scalar
            if v >= 0xFF01, v <= 0xFF5E, let half = Unicode.Scalar(v - 0xFEE0) { c = half }
            switch c {
            case "、": c = lastWasDigit ? "." : ","
            case "“", "”", "„", "‟", "「", "」", "『", "』", "〝", "〞": c = "\""
            case "‘", "’": c = "'"
            case "﹙": c = "("
            case "﹚": c = ")"
            default: break
            }
            if c.value >= 0x41, c.value <= 0x5A, let lower = Unicode.Scalar(c.value + 0x20) { c = lower }
            lastWasDigit = c.value >= 0x30 && c.value <= 0x39
            out.append(c)
        }
        return String(out)
    }

    /// Zero-width characters and the soft hyphen, dropped like whitespace.
    static let ignorable: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD]

    static let chineseNumerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "〇", "零"]

    /// A normalised label without its leading enumerator: `(一)予以公开` → `予以公开`,
    /// `一,本年新收…` → `本年新收…`, `1.属于国家秘密` → `属于国家秘密`. Nil if there is none.
    static func strippingEnumerator(_ normalized: String) -> String? {
        var s = Substring(normalized)
        if s.first == "(" {
            let inner = s.dropFirst().prefix { chineseNumerals.contains($0) || $0.isASCII && $0.isNumber }
            guard !inner.isEmpty else { return nil }
            s = s.dropFirst(1 + inner.count)
            guard s.first == ")" else { return nil }
            s = s.dropFirst()
        } else {
            let numeral = s.prefix { chineseNumerals.contains($0) || $0.isASCII && $0.isNumber }
            guard !numeral.isEmpty else { return nil }
            s = s.dropFirst(numeral.count)
            guard let mark = s.first, mark == "." || mark == "," || mark == ")" else { return nil }
            s = s.dropFirst()
        }
        return s.isEmpty ? nil : String(s)
    }

    // MARK: Sections

    /// Headings that published reports use instead of the official ones (format.md §6), by section id.
    static let headingVariants: [String: [String]] = [
        "review-litigation": ["四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"],
        "problems": ["五、政府信息公开工作存在的主要问题及改进情况"],
    ]

    static let sectionHeadings: [String: Int] = {
        var out: [String: Int] = [:]
        for (index, section) in ReportFormat.sections.enumerated() {
            for heading in [section.heading] + (headingVariants[section.id] ?? []) {
                out[normalize(heading)] = index
            }
        }
        return out
    }()

    /// The index in `ReportFormat.sections` of a line that is one of the headings (or a known variant).
    static func section(ofHeading line: String) -> Int? {
        var key = normalize(line)
        while key.last == ":" || key.last == "。" { key.removeLast() }
        return sectionHeadings[key]
    }

    /// The section number of a line that looks like a heading (`五、…`, short, no full stop),
    /// used only where the expected heading is missing.
    static func looseSection(ofHeading line: String) -> Int? {
        let key = normalize(line)
        guard key.count <= 30, !key.contains("。"), let first = key.first, key.dropFirst().first == "," else { return nil }
        return ["一", "二", "三", "四", "五", "六"].firstIndex(of: first)
    }

    // MARK: Table labels

    /// Every label of the three tables and the section headings, normalised: to tell a label
    /// from prose when cells are not delimited.
    static let allLabels: Set<String> = {
        var labels = Set(sectionHeadings.keys)
        func add(_ nodes: [HeaderNode]) {
            for node in nodes {
                labels.insert(normalize(node.label))
                add(node.children)
            }
        }
        for group in ReportFormat.tableTwo {
            labels.insert(normalize(group.heading))
            add(group.columns)
            add(group.rows)
        }
        labels.insert(normalize(ReportFormat.tableTwoContentLabel))
        labels.insert(normalize(ReportFormat.tableThreeCorner))
        add(ReportFormat.tableThreeColumns)
        add(ReportFormat.tableThreeRows)
        add(ReportFormat.tableFourColumns)
        return labels
    }()

    static let allStrippedLabels: Set<String> = Set(allLabels.compactMap(strippingEnumerator))

    static func isKnownLabel(_ text: some StringProtocol) -> Bool {
        let key = normalize(text)
        return allLabels.contains(key) || strippingEnumerator(key).map(allStrippedLabels.contains) == true
    }

    /// Cells that carry no figure and need no mention: units and the table captions (with a unit).
    static func isIgnorable(_ normalized: String) -> Bool {
        normalized.hasPrefix("单位:") || normalized.hasPrefix("(单位:") || captions.contains(normalized)
            || captions.contains { normalized.hasPrefix($0 + "(单位:") }
    }

    static let captions: Set<String> = Set(ReportFormat.sections.compactMap { strippingEnumerator(normalize($0.heading)) })

    /// Column labels of the 2019 trial format (国办公开办函〔2019〕60号, format.md §6), which has no
    /// counterpart in the 2021 tables: finding one means the report is in the older format.
    static let trialFormatMarkers: [String] = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减"]
        .map { normalize($0) }

    static func isTrialFormatLabel(_ normalized: String) -> Bool {
        trialFormatMarkers.contains { normalized.contains($0) }
    }
}

/// Labels of one table, looked up by their normalised text.
/// How a published label matched an official one.
enum LabelMatchQuality { case exact, withoutEnumerator, prefix }

struct LabelIndex<Value> {

    private var exact: [String: [Value]] = [:]
    private var stripped: [String: [Value]] = [:]
    private var strippedKeys: [(String, Value)] = []

    init(_ entries: [(label: String, value: Value)]) {
        for (label, value) in entries {
            let key = ImportLabels.normalize(label)
            exact[key, default: []].append(value)
            let short = ImportLabels.strippingEnumerator(key) ?? key
            stripped[short, default: []].append(value)
            strippedKeys.append((short, value))
        }
    }

    /// The values whose label matches: exactly, else without the enumerator, else (for a text of
    /// at least 4 characters) as the start of exactly one label (`（二）部分公开` for the long label).
    func match(_ text: some StringProtocol) -> (values: [Value], quality: LabelMatchQuality)? {
        let key = ImportLabels.normalize(text)
        guard !key.isEmpty else { return nil }
        if let values = exact[key] { return (values, .exact) }
        let short = ImportLabels.strippingEnumerator(key) ?? key
        if let values = stripped[short] { return (values, .withoutEnumerator) }
        guard short.count >= 4 else { return nil }
        let candidates = strippedKeys.filter { $0.0.hasPrefix(short) }
        return candidates.count == 1 ? ([candidates[0].1], .prefix) : nil
    }
}

extension Array where Element == HeaderNode {
    /// Every node (not only leaves) with the chain of nodes above it.
    var allNodePaths: [[HeaderNode]] {
        var out: [[HeaderNode]] = []
        func walk(_ nodes: [HeaderNode], _ prefix: [HeaderNode]) {
            for node in nodes {
                out.append(prefix + [node])
                walk(node.children, prefix + [node])
            }
        }
        walk(self, [])
        return out
    }
}
