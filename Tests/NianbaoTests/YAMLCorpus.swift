import NianbaoModel

/// Report texts for comparing YAML decoders: random reports in the layouts clerks write (block
/// and flow rows, comments, anchors), with odd values mixed in, and mutations of any YAML text
/// (lines deleted, doubled, swapped or re-indented, characters inserted, tabs, BOM, CRLF).
enum YAMLCorpus {
    // MARK: Random reports

    /// A random report; `odd` scales how often a value or a row is written wrong (0: never).
    static func report<R: RandomNumberGenerator>(_ rng: inout R, odd: Double = 1) -> String {
        let wrong = { (p: Double, rng: inout R) in chance(p * odd, &rng) }
        var lines: [String] = []
        if chance(0.3, &rng) { lines.append("# \(pick(["数据", "年度报告 · 数据", "comment: not a key"], &rng))") }
        lines.append("agency: \(wrong(0.5, &rng) ? pick(agencies, &rng) : "石龙区人民政府办公室")   # 机关全称")
        lines.append("year: \(wrong(0.3, &rng) ? pick(["2023", "\"2024\"", "02024", "二〇二四"], &rng) : "2024")")
        lines.append("published: \(wrong(0.3, &rng) ? pick(["'2025-01-20'", "2025-02-30", "2025/01/20", "~"], &rng) : "2025-01-31")")
        if chance(0.2, &rng) {
            lines.append("as_published: \(wrong(0.5, &rng) ? pick(["\"true\"", "yes", "True", ""], &rng) : pick(["true", "false"], &rng))")
        }
        lines += tableTwo(&rng, odd: odd)
        lines.append("applications:")
        lines += tableThree(ReportFormat.tableThreeRows, indent: 2, &rng, odd: odd)
        lines.append("review_and_litigation:")
        for group in ReportFormat.tableFourGroups where !wrong(0.03, &rng) {
            lines.append("  \(group.leaf.key): \(row(count: 4, &rng, odd: odd))")
        }
        if wrong(0.05, &rng) { lines.append(pick(["extra: 1", "agnecy: 石龙区", "year: 2024"], &rng)) }
        return lines.joined(separator: "\n") + (chance(0.9, &rng) ? "\n" : "")
    }

    static let agencies = [
        "no", "'石龙区卫生健康委员会'", "\"带\\t转义的\\u00e9名称\"", "~", "", "[甲, 乙]", "{名称: 甲}", "|\n  多行的\n  名称",
        ">\n  折叠的 名称", "石龙区：全角冒号", "&agency 石龙区", "!!str 石龙区", "!机关 石龙区",
    ]

    private static func tableTwo<R: RandomNumberGenerator>(_ rng: inout R, odd: Double) -> [String] {
        var lines = ["active_disclosure:"]
        for group in ReportFormat.tableTwo {
            for row in group.rows where !chance(0.03 * odd, &rng) {
                if group.columns.count == 1 {
                    lines.append("  \(row.key): \(group.isAmount ? amount(&rng, odd: odd) : count(&rng, odd: odd))")
                } else if chance(0.7, &rng) {
                    let cells = group.columns.map { "\($0.key): \(count(&rng, odd: odd))" }
                    lines.append("  \(row.key): {\(cells.joined(separator: ", "))}")
                } else {
                    lines.append("  \(row.key):")
                    lines += group.columns.map { "    \($0.key): \(count(&rng, odd: odd))" }
                }
            }
        }
        return lines
    }

    private static func tableThree<R: RandomNumberGenerator>(
        _ nodes: [HeaderNode], indent: Int, _ rng: inout R, odd: Double
    ) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for node in nodes where !chance(0.02 * odd, &rng) || node.key == "total" {
            if !node.isLeaf {
                lines.append("\(pad)\(node.key):")
                lines += tableThree(node.children, indent: indent + 2, &rng, odd: odd)
            } else if chance(0.01 * odd, &rng) {
                lines.append("\(pad)\(node.key): \(pick(["*received", "*granted", "*not_held", "*undefined"], &rng))")
            } else if chance(0.9, &rng) {
                let anchor = chance(0.1, &rng) ? "&\(node.key) " : ""
                lines.append("\(pad)\(node.key): \(anchor)\(row(count: 6, &rng, odd: odd))   # \(node.label)")
            } else {
                lines.append("\(pad)\(node.key):")
                lines += (0..<6).map { _ in "\(pad)  - \(count(&rng, odd: odd))" }
            }
        }
        return lines
    }

    /// `[a, b, …]` with `count` values, sometimes one more (总计), one fewer or a stray comma.
    private static func row<R: RandomNumberGenerator>(count n: Int, _ rng: inout R, odd: Double) -> String {
        var cells = (0..<n).map { _ in count(&rng, odd: odd) }
        if chance(0.5, &rng) { cells.append(count(&rng, odd: odd)) }
        if chance(0.03 * odd, &rng) { cells.removeLast() }
        let text = "[" + cells.joined(separator: ", ") + "]"
        return chance(0.01 * odd, &rng) ? text.replacingOccurrences(of: "]", with: ",]") : text
    }

    private static func count<R: RandomNumberGenerator>(_ rng: inout R, odd: Double) -> String {
        chance(0.02 * odd, &rng) ? pick(oddCounts, &rng) : String(Int.random(in: 0...(chance(0.5, &rng) ? 9 : 99_999), using: &rng))
    }

    static let oddCounts = [
        "010", "-3", "-0", "1.5", "'7'", "\"7\"", "~", "null", "", "１２", "1,000", "1，000", "no", "0x1F", "9999999999999",
        "1e3", "+1", "007", "0o7", ".5", "[1]", "{a: 1}", "!!int 5", "!custom 5", "! 5", "&n 4", "*n", "\"\"",
    ]

    private static func amount<R: RandomNumberGenerator>(_ rng: inout R, odd: Double) -> String {
        chance(0.3 * odd, &rng)
            ? pick(["\"3.20\"", "'0.5'", "-1", "00.5", "1.", ".5", "1.2.3", "１.５", "~"], &rng)
            : pick(["0", "12.5", "0.0350", "3"], &rng)
    }

    // MARK: Mutations

    /// `text` changed in 1 to 3 places.
    static func mutate<R: RandomNumberGenerator>(_ text: String, _ rng: inout R) -> String {
        var lines = text.components(separatedBy: "\n")
        var text = text
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let i = Int.random(in: 0..<max(1, lines.count), using: &rng)
            guard i < lines.count else { break }
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: i)
            case 2: lines[i] = String(repeating: " ", count: Int.random(in: 1...3, using: &rng)) + lines[i]
            case 3: lines[i] = String(lines[i].drop { $0 == " " })
            case 4: lines[i] = insert(pick(inserts, &rng), into: lines[i], &rng)
            case 5: lines[i] = insert(String(randomScalar(&rng)), into: lines[i], &rng)
            case 6: lines[i] = lines[i].replacingOccurrences(of: "  ", with: "\t")
            case 7: lines.swapAt(i, Int.random(in: 0..<lines.count, using: &rng))
            case 8: lines[i] = insert(pick(["&a ", "*a", "&b ", "*b", "&a [1, 2, 3, 4, 5, 6]", "? *a"], &rng), into: lines[i], &rng)
            default: lines = Array(lines.prefix(i))
            }
        }
        text = lines.joined(separator: "\n")
        if chance(0.1, &rng) { text = "\u{FEFF}" + text }
        if chance(0.1, &rng) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        return text
    }

    static let inserts = [
        ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "#", " #", "&", "*", "!", "|", ">", "'", "\"", "\t", "\u{FEFF}", "\r",
        "\u{1}", "：", "石", "\u{85}", "\u{2028}", "\u{00A0}", "%YAML 1.1", "---", "...", "? ", "\\", "@", "`", "\u{1F600}",
    ]

    private static func insert<R: RandomNumberGenerator>(_ piece: String, into line: String, _ rng: inout R) -> String {
        let at = line.index(line.startIndex, offsetBy: Int.random(in: 0...line.count, using: &rng))
        return String(line[..<at]) + piece + String(line[at...])
    }

    private static func randomScalar<R: RandomNumberGenerator>(_ rng: inout R) -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x7FF, 0x4E00...0x9FFF, 0xE000...0xFFFF, 0x10000...0x10FFFF]
        while true {
            if let scalar = Unicode.Scalar(UInt32.random(in: pick(ranges, &rng), using: &rng)) { return scalar }
        }
    }

    // MARK: Chance

    static func chance<R: RandomNumberGenerator>(_ p: Double, _ rng: inout R) -> Bool {
        Double.random(in: 0..<1, using: &rng) < p
    }

    static func pick<T, R: RandomNumberGenerator>(_ items: [T], _ rng: inout R) -> T {
        items[Int.random(in: 0..<items.count, using: &rng)]
    }
}
