/// Figures restated in the narrative compared with the tables: `narrative.numbers` (table 三
/// and 四 counts stated in 一、总体情况) and `narrative.units` (行政规范性文件 issued, repealed and
/// in force, against table 二). Both are warnings pointing at the number in the Markdown file.
public enum NarrativeRules {
    public static let file = "overview.md"

    /// A statement the narrative can make, and where its figure lives in the tables.
    struct Claim {
        let rule: String
        let pattern: Regex<AnyRegexOutput>
        /// What the table says, for messages: e.g. 表三「一、本年新收政府信息公开申请数量」的总计.
        let source: String
        let value: (Report) -> Int?
    }

    /// Characters allowed between a keyword and its number: no clause break, no other digit.
    static let gap = #"[^，,。；;：:！？\d]"#
    static let count = #"\**\s*(\d+)\s*\**\s*件"#

    static func total(_ key: String) -> (Report) -> Int? {
        { Rules.threeValue($0.tableThree[key], Rules.threeValues) }
    }

    static func groupTotal(_ group: String) -> (Report) -> Int? {
        { report in
            var sum = 0
            for path in ReportFormat.tableThreeResultRows where path.nodes[1].key == group {
                guard let n = Rules.threeValue(report.tableThree[path.key], Rules.threeValues) else { return nil }
                sum += n
            }
            return sum
        }
    }

    static func fourTotal(_ groups: [String]) -> (Report) -> Int? {
        { report in
            var sum = 0
            for group in groups {
                guard let row = report.tableFour[group] else { return nil }
                guard let n = row.cells.count > Rules.fourValues ? row.count(Rules.fourValues) : Rules.rowSum(row, count: Rules.fourValues)
                else { return nil }
                sum += n
            }
            return sum
        }
    }

    /// Compiled once; the regexes are only read.
    nonisolated(unsafe) static let claims: [Claim] = {
        func regex(_ s: String) -> Regex<AnyRegexOutput> { try! Regex(s) }
        var claims = [
            Claim(rule: "narrative.numbers", pattern: regex("(?:收到|新收|受理)\(gap){0,20}?\(count)"),
                  source: "表三「一、本年新收政府信息公开申请数量」的总计", value: total("received")),
            Claim(rule: "narrative.numbers", pattern: regex("上年结转\(gap){0,20}?\(count)"),
                  source: "表三「二、上年结转政府信息公开申请数量」的总计", value: total("carried_over")),
            Claim(rule: "narrative.numbers", pattern: regex("办结\(gap){0,12}?\(count)"),
                  source: "表三「（七）总计」的总计", value: { report in
                      report.tableThree[ReportFormat.tableThreeTotalRow].flatMap { Rules.threeValue($0, Rules.threeValues) }
                          ?? Rules.resultsSum(report, column: Rules.threeValues)
                  }),
            Claim(rule: "narrative.numbers", pattern: regex("结转下年度\(gap){0,12}?\(count)"),
                  source: "表三「四、结转下年度继续办理」的总计", value: total("carried_forward")),
            Claim(rule: "narrative.numbers", pattern: regex("行政复议\(count)"),
                  source: "表四「行政复议」的总计", value: fourTotal(["review"])),
            Claim(rule: "narrative.numbers", pattern: regex("行政诉讼\(count)"),
                  source: "表四「行政诉讼」两项的总计之和", value: fourTotal(["litigation_direct", "litigation_after_review"])),
        ]
        let results = ReportFormat.tableThreeRows.first { $0.key == "results" }!.children
        for group in results where group.key != "total" {
            // （一）予以公开 → 予以公开
            let name = String(group.label.drop { $0 != "）" }.dropFirst().prefix { $0 != "（" })
            claims.append(Claim(
                rule: "narrative.numbers", pattern: regex(name + count),
                source: "表三「三、本年度办理结果 / \(group.label)」的总计", value: groupTotal(group.key)))
        }
        return claims
    }()

    public static func check(_ report: Report) -> [Diagnostic] {
        guard let text = report.narrative[file] else { return [] }
        let path = report.folder + "/" + file
        var out: [Diagnostic] = []
        for sentence in sentences(text) {
            for claim in claims {
                for match in text[sentence].matches(of: claim.pattern) {
                    guard let range = match.output[1].range, let stated = Int(text[range]),
                        let table = claim.value(report), stated != table
                    else { continue }
                    out.append(warning(claim.rule, text: text, sentence: sentence, number: range, path: path,
                                       stated: stated, table: table, source: claim.source))
                }
            }
            out += units(report, text: text, sentence: sentence, path: path)
        }
        return out
    }

    /// `narrative.units`: in a sentence about 规范性文件, a clause stating issued / repealed / in-force counts.
    static func units(_ report: Report, text: String, sentence: Range<String.Index>, path: String) -> [Diagnostic] {
        guard text[sentence].contains("规范性文件"), let row = report.tableTwo["normative_documents"] else { return [] }
        var out: [Diagnostic] = []
        let number = try! Regex(#"(\d+)\s*\**\s*件"#)
        for clause in split(text, sentence, at: "，,：:") {
            let words = text[clause]
            guard let match = words.firstMatch(of: number), let range = match.output[1].range, let stated = Int(text[range]) else {
                continue
            }
            let column: Int
            if words.contains("废止") {
                column = 1
            } else if words.contains("现行有效") {
                column = 2
            } else if ["制发", "印发", "出台", "备案", "规范性文件"].contains(where: { words.contains($0) }) {
                column = 0
            } else {
                continue
            }
            guard let table = row.count(column), table != stated else { continue }
            let label = ReportFormat.tableTwo[0].columns[column].label
            out.append(warning("narrative.units", text: text, sentence: sentence, number: range, path: path,
                               stated: stated, table: table, source: "表二「行政规范性文件」的「\(label)」"))
        }
        return out
    }

    static func warning(
        _ rule: String, text: String, sentence: Range<String.Index>, number: Range<String.Index>, path: String,
        stated: Int, table: Int, source: String
    ) -> Diagnostic {
        let (line, column) = position(number.lowerBound, in: text)
        // Quote the clause that holds the number, not the whole sentence.
        let clause = split(text, sentence, at: "，,：:").first { $0.contains(number.lowerBound) } ?? sentence
        let quoted = text[clause].trimmingCharacters(in: " \n\t*-").filter { $0 != "*" }
        return .warning(
            rule, at: SourceLocation(file: path, line: line, column: column),
            "「一、总体情况」中“\(quoted)”写的是 \(stated)，但\(source)为 \(table)",
            expected: String(table), actual: String(stated))
    }

    /// Sentences: split at 。；！？ and blank lines.
    static func sentences(_ text: String) -> [Range<String.Index>] {
        split(text, text.startIndex..<text.endIndex, at: "。；;！？!?\n\n")
    }

    static func split(_ text: String, _ range: Range<String.Index>, at separators: String) -> [Range<String.Index>] {
        var out: [Range<String.Index>] = []
        var start = range.lowerBound
        var i = range.lowerBound
        var previousWasNewline = false
        while i < range.upperBound {
            let c = text[i]
            let isNewline = c == "\n"
            let breaks = (separators.contains(c) && !isNewline) || (isNewline && previousWasNewline && separators.contains("\n"))
            previousWasNewline = isNewline
            let next = text.index(after: i)
            if breaks {
                if start < i { out.append(start..<i) }
                start = next
            }
            i = next
        }
        if start < range.upperBound { out.append(start..<range.upperBound) }
        return out
    }

    static func position(_ index: String.Index, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var i = text.startIndex
        while i < index {
            if text[i] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i = text.index(after: i)
        }
        return (line, column)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = self
        while let c = s.first, set.contains(c) || c.isWhitespace { s.removeFirst() }
        while let c = s.last, set.contains(c) || c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
