/// Figures restated in the narrative compared with the tables: `narrative.numbers` (table 三
/// and 四 counts) and `narrative.units` (行政规范性文件 issued, repealed and in force, against
/// table 二), in every narrative file, with numbers written in digits (`9 件`) or in Chinese
/// numerals (`九件`, `二十件`, `一百零三件`). Both are warnings pointing at the number in the
/// Markdown file.
public enum NarrativeRules {
    /// A statement the narrative can make, and where its figure lives in the tables:
    /// a keyword, then (within `maxGap` characters that break no clause and hold no digit,
    /// or with `adjacent` only spaces and `**`) a number followed by 件.
    struct Claim: Sendable {
        let rule: String
        let keywords: [String]
        let maxGap: Int
        let adjacent: Bool
        /// What the table says, for messages: e.g. 表三「一、本年新收政府信息公开申请数量」的总计.
        let source: String
        let value: @Sendable (Report) -> Int?

        let keywordScalars: [[Unicode.Scalar]]

        init(rule: String, keywords: [String], maxGap: Int, adjacent: Bool, source: String,
             value: @escaping @Sendable (Report) -> Int?) {
            self.rule = rule
            self.keywords = keywords
            self.maxGap = maxGap
            self.adjacent = adjacent
            self.source = source
            self.value = value
            self.keywordScalars = keywords.map { Array($0.unicodeScalars) }
        }
    }

    /// Characters that end a clause: no claim reaches across them.
    static let clauseBreaks: ScalarSet = ["，", ",", "。", "；", ";", "：", ":", "！", "？"]

    static func total(_ key: String) -> @Sendable (Report) -> Int? {
        { Rules.threeValue($0.tableThree[key], Rules.threeValues) }
    }

    static func groupTotal(_ group: String) -> @Sendable (Report) -> Int? {
        { report in
            var sum = 0
            for path in ReportFormat.tableThreeResultRows where path.nodes[1].key == group {
                guard let n = Rules.threeValue(report.tableThree[path.key], Rules.threeValues) else { return nil }
                sum += n
            }
            return sum
        }
    }

    static func fourTotal(_ groups: [String]) -> @Sendable (Report) -> Int? {
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

    static let claims: [Claim] = {
        var claims = [
            Claim(rule: "narrative.numbers", keywords: ["收到", "新收", "受理"], maxGap: 20, adjacent: false,
                  source: "表三「一、本年新收政府信息公开申请数量」的总计", value: total("received")),
            Claim(rule: "narrative.numbers", keywords: ["上年结转"], maxGap: 20, adjacent: false,
                  source: "表三「二、上年结转政府信息公开申请数量」的总计", value: total("carried_over")),
            Claim(rule: "narrative.numbers", keywords: ["办结"], maxGap: 12, adjacent: false,
                  source: "表三「（七）总计」的总计", value: { report in
                      report.tableThree[ReportFormat.tableThreeTotalRow].flatMap { Rules.threeValue($0, Rules.threeValues) }
                          ?? Rules.resultsSum(report, column: Rules.threeValues)
                  }),
            Claim(rule: "narrative.numbers", keywords: ["结转下年度"], maxGap: 12, adjacent: false,
                  source: "表三「四、结转下年度继续办理」的总计", value: total("carried_forward")),
            Claim(rule: "narrative.numbers", keywords: ["行政复议"], maxGap: 0, adjacent: true,
                  source: "表四「行政复议」的总计", value: fourTotal(["review"])),
            Claim(rule: "narrative.numbers", keywords: ["行政诉讼"], maxGap: 0, adjacent: true,
                  source: "表四「行政诉讼」两项的总计之和", value: fourTotal(["litigation_direct", "litigation_after_review"])),
        ]
        let results = ReportFormat.tableThreeRows.first { $0.key == "results" }!.children
        for group in results where group.key != "total" {
            // （一）予以公开 → 予以公开
            let name = String(group.label.drop { $0 != "）" }.dropFirst().prefix { $0 != "（" })
            claims.append(Claim(
                rule: "narrative.numbers", keywords: [name], maxGap: 0, adjacent: true,
                source: "表三「三、本年度办理结果 / \(group.label)」的总计", value: groupTotal(group.key)))
        }
        return claims
    }()

    typealias Text = [Unicode.Scalar]

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    /// Where each occurrence of `keyword` in the range ends.
    static func occurrences(of keyword: Text, in text: Text, _ range: Range<Int>) -> [Int] {
        guard let first = keyword.first, range.count >= keyword.count else { return [] }
        var out: [Int] = []
        var i = range.lowerBound
        let last = range.upperBound - keyword.count
        while i <= last {
            if text[i] == first, text[i..<(i + keyword.count)].elementsEqual(keyword) {
                out.append(i + keyword.count)
                i += keyword.count
            } else {
                i += 1
            }
        }
        return out
    }

    /// The number a claim states after the keyword ending at `start`, as the range of its digits
    /// or numerals. Digits not followed by 件 end the search; Chinese numerals not followed by 件
    /// (一是, 十分) are words of the gap.
    static func statedNumber(in text: Text, from start: Int, end: Int, claim: Claim) -> Range<Int>? {
        var i = start
        while i < end {
            let c = text[i]
            if isDigit(c) { return numberFollowedByJian(in: text, at: i, end: end) }
            if ChineseNumeral.isNumeral(c), i == start || !ChineseNumeral.isNumeral(text[i - 1]),
                let range = numberFollowedByJian(in: text, at: i, end: end)
            {
                return range
            }
            if clauseBreaks.contains(c) { return nil }
            if claim.adjacent {
                guard c == " " || c == "*" else { return nil }
            } else if i - start >= claim.maxGap {
                return nil
            }
            i += 1
        }
        return nil
    }

    /// `12 件` / `12**件` / `十二件` at `start`: the number's range (digits, or Chinese numerals), if 件 follows.
    static func numberFollowedByJian(in text: Text, at start: Int, end: Int) -> Range<Int>? {
        let digits = isDigit(text[start])
        var i = start
        while i < end, digits ? isDigit(text[i]) : ChineseNumeral.isNumeral(text[i]) { i += 1 }
        guard i > start else { return nil }
        let numberEnd = i
        while i < end, text[i] == " " || text[i] == "*" { i += 1 }
        return i < end && text[i] == "件" ? start..<numberEnd : nil
    }

    /// The value of a number `numberFollowedByJian` found.
    static func value(_ text: Text, _ range: Range<Int>) -> Int? {
        isDigit(text[range.lowerBound]) ? Int(string(text, range)) : ChineseNumeral.value(text[range])
    }

    static func string(_ text: Text, _ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: text[range])
        return String(s)
    }

    static func contains(_ text: Text, _ range: Range<Int>, _ word: Text) -> Bool {
        !occurrences(of: word, in: text, range).isEmpty
    }

    /// The words of `narrative.units`, as scalars once.
    enum UnitWords {
        static let normative = Array("规范性文件".unicodeScalars)
        static let repealed = Array("废止".unicodeScalars)
        static let inForce = Array("现行有效".unicodeScalars)
        static let issued = ["制发", "印发", "出台", "备案", "规范性文件"].map { Array($0.unicodeScalars) }
    }

    public static func check(_ report: Report) -> [Diagnostic] {
        ReportFormat.narrativeFiles.flatMap { check(report, file: $0) }
    }

    /// Where a narrative file's text is shown: its section's heading (前言 for the preamble).
    static func sectionName(_ file: String) -> String {
        ReportFormat.sections.first { $0.file == file }?.heading ?? "前言"
    }

    static func check(_ report: Report, file: String) -> [Diagnostic] {
        guard let source = report.narrative[file] else { return [] }
        let text = Array(source.unicodeScalars)
        let path = report.folder + "/" + file
        let section = sectionName(file)
        var out: [Diagnostic] = []
        for sentence in split(text, 0..<text.count, at: sentenceBreaks, blankLines: true) {
            // Every claim and unit count is a number followed by 件: most sentences have none.
            guard text[sentence].contains("件") else { continue }
            var seen = Set<Int>()
            for claim in claims {
                for keyword in claim.keywordScalars {
                    for hit in occurrences(of: keyword, in: text, sentence) {
                        guard let range = statedNumber(in: text, from: hit, end: sentence.upperBound, claim: claim),
                            seen.insert(range.lowerBound).inserted,
                            let stated = value(text, range), let table = claim.value(report), stated != table
                        else { continue }
                        out.append(warning(claim.rule, text: text, sentence: sentence, number: range, path: path,
                                           section: section, stated: stated, table: table, source: claim.source))
                    }
                }
            }
            out += units(report, text: text, sentence: sentence, path: path, section: section)
        }
        return out
    }

    /// `narrative.units`: in a sentence about 规范性文件, a clause stating issued / repealed / in-force counts.
    static func units(_ report: Report, text: Text, sentence: Range<Int>, path: String, section: String) -> [Diagnostic] {
        guard contains(text, sentence, UnitWords.normative), let row = report.tableTwo["normative_documents"] else { return [] }
        var out: [Diagnostic] = []
        for clause in split(text, sentence, at: clauseBreaks, blankLines: false) {
            var range: Range<Int>?
            var i = clause.lowerBound
            while i < clause.upperBound, range == nil {
                let c = text[i]
                if isDigit(c) || ChineseNumeral.isNumeral(c),
                    i == clause.lowerBound || !(isDigit(text[i - 1]) || ChineseNumeral.isNumeral(text[i - 1]))
                {
                    range = numberFollowedByJian(in: text, at: i, end: clause.upperBound)
                }
                i += 1
            }
            guard let range, let stated = value(text, range) else { continue }
            let column: Int
            if contains(text, clause, UnitWords.repealed) {
                column = 1
            } else if contains(text, clause, UnitWords.inForce) {
                column = 2
            } else if UnitWords.issued.contains(where: { contains(text, clause, $0) }) {
                column = 0
            } else {
                continue
            }
            guard let table = row.count(column), table != stated else { continue }
            let label = ReportFormat.tableTwo[0].columns[column].label
            out.append(warning("narrative.units", text: text, sentence: sentence, number: range, path: path,
                               section: section, stated: stated, table: table, source: "表二「行政规范性文件」的「\(label)」"))
        }
        return out
    }

    static func warning(
        _ rule: String, text: Text, sentence: Range<Int>, number: Range<Int>, path: String,
        section: String, stated: Int, table: Int, source: String
    ) -> Diagnostic {
        let (line, column) = position(number.lowerBound, in: text)
        // Quote the clause that holds the number, not the whole sentence.
        let clause = split(text, sentence, at: clauseBreaks, blankLines: false).first { $0.contains(number.lowerBound) } ?? sentence
        let quoted = string(text, clause).trimmingCharacters(in: " \n\t*-").filter { $0 != "*" }
        return .warning(
            rule, at: SourceLocation(file: path, line: line, column: column),
            "「\(section)」中“\(quoted)”写的是 \(stated)，但\(source)为 \(table)",
            expected: String(table), actual: String(stated))
    }

    static let sentenceBreaks: ScalarSet = ["。", "；", ";", "！", "？", "!", "?"]

    /// A few scalars, tested by a scan of their values (no hashing per character of the text).
    struct ScalarSet: ExpressibleByArrayLiteral {
        let values: [UInt32]
        init(arrayLiteral elements: Unicode.Scalar...) { values = elements.map(\.value) }
        func contains(_ scalar: Unicode.Scalar) -> Bool { values.contains(scalar.value) }
    }

    /// Ranges between separators (and, with `blankLines`, between paragraphs).
    static func split(_ text: Text, _ range: Range<Int>, at separators: ScalarSet, blankLines: Bool) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = range.lowerBound
        for i in range {
            let breaks = separators.contains(text[i]) || (blankLines && text[i] == "\n" && i > 0 && text[i - 1] == "\n")
            if breaks {
                if start < i { out.append(start..<i) }
                start = i + 1
            }
        }
        if start < range.upperBound { out.append(start..<range.upperBound) }
        return out
    }

    /// 1-based line and column (in characters; CJK text has one scalar per character).
    static func position(_ index: Int, in text: Text) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<index where text[i] == "\n" {
            line += 1
            lineStart = i + 1
        }
        return (line, index - lineStart + 1)
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = self[...]
        while let c = s.first, set.contains(c) || c.isWhitespace { s.removeFirst() }
        while let c = s.last, set.contains(c) || c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
