/// `cross.copied`: a report that repeats the same agency's report of the year before, the best
/// known failure of published reports (last year's text or figures with only the year changed).
///
/// Narrative: once years, dates and numbers are masked (digits, full-width digits and Chinese
/// numerals each become `#`), the share of this year's section found in last year's, counted as
/// character 8-grams of this year's text that also occur in last year's. An 8-gram spans about
/// half a clause of Chinese text: a sentence rewritten or added scores none of its 8-grams, a
/// changed figure or year none of its own (it is masked). A section at or above `threshold` is
/// reported; sections shorter than `minimumLength` are not compared (「本年度未收取信息处理费」 may
/// rightly stay the same every year).
///
/// Tables: a table whose figures all equal last year's, not all zero.
public enum CopyRules {
    public static let threshold = 0.9
    public static let minimumLength = 60
    static let gram = 8

    public static func check(_ reports: [Report]) -> [Diagnostic] {
        var bySlugAndYear: [String: Report] = [:]
        for report in reports { bySlugAndYear["\(report.slug)/\(report.year)"] = report }
        var out: [Diagnostic] = []
        for report in reports {
            guard let previous = bySlugAndYear["\(report.slug)/\(report.year - 1)"] else { continue }
            out += narrative(report, previous: previous)
            out += tables(report, previous: previous)
        }
        return out
    }

    static func narrative(_ report: Report, previous: Report) -> [Diagnostic] {
        ReportFormat.sections.compactMap { section -> Diagnostic? in
            guard let file = section.file, let now = report.narrative[file], let before = previous.narrative[file] else { return nil }
            let share = copiedShare(now, of: before)
            guard share >= threshold else { return nil }
            let percent = Int((share * 100).rounded(.down))
            return .warning(
                "cross.copied", at: SourceLocation(file: report.folder + "/" + file, line: 1, column: 1),
                "「\(section.heading)」与 \(previous.year) 年报告的同一部分几乎相同（除年份、日期和数字外 \(percent)% 相同），请核实是否沿用了上年的文字",
                related: [RelatedLocation(SourceLocation(file: previous.folder + "/" + file, line: 1, column: 1), "\(previous.year) 年报告的「\(section.heading)」")])
        }
    }

    /// The share (0…1) of `text`'s 8-grams, after masking, that occur in `earlier`; 0 when `text`
    /// is shorter than `minimumLength` once masked.
    public static func copiedShare(_ text: String, of earlier: String) -> Double {
        let now = masked(text), before = masked(earlier)
        guard now.count >= minimumLength, before.count >= gram else { return 0 }
        var seen = Set<Int>()
        for i in 0...(before.count - gram) { seen.insert(hash(before, i)) }
        let total = now.count - gram + 1
        var found = 0
        for i in 0..<total where seen.contains(hash(now, i)) { found += 1 }
        return Double(found) / Double(total)
    }

    /// The text's characters without spaces and Markdown marks, each run of digits or Chinese
    /// numerals as one `#`.
    static func masked(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for c in text.unicodeScalars {
            if c.properties.isWhitespace || "*#>-_`".unicodeScalars.contains(c) { continue }
            if isNumeral(c) {
                if out.last != "#" { out.append("#") }
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func isNumeral(_ c: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(c) || ("０"..."９").contains(c) || "零〇一二三四五六七八九十百千万两.．%".unicodeScalars.contains(c)
    }

    static func hash(_ scalars: [Unicode.Scalar], _ start: Int) -> Int {
        var hasher = Hasher()
        for i in start..<(start + gram) { hasher.combine(scalars[i].value) }
        return hasher.finalize()
    }

    static func tables(_ report: Report, previous: Report) -> [Diagnostic] {
        let yaml = report.folder + "/report.yaml", before = previous.folder + "/report.yaml"
        let pairs: [(String, [String: FigureRow], [String: FigureRow], String)] = [
            (ReportFormat.sections[1].heading, report.tableTwo, previous.tableTwo, "active_disclosure"),
            (ReportFormat.sections[2].heading, report.tableThree, previous.tableThree, "applications"),
            (ReportFormat.sections[3].heading, report.tableFour, previous.tableFour, "review_and_litigation"),
        ]
        return pairs.compactMap { heading, now, last, _ -> Diagnostic? in
            let figures = now.mapValues { $0.cells.map { $0?.value.text } }
            guard !figures.isEmpty, figures == last.mapValues({ $0.cells.map { $0?.value.text } }),
                figures.values.contains(where: { $0.contains { $0 != nil && $0 != "0" && Double($0!) != 0 } })
            else { return nil }
            let at = now.values.map(\.location).min() ?? SourceLocation(file: yaml, line: 1, column: 1)
            return .warning(
                "cross.copied", at: at,
                "「\(heading)」的数字与 \(previous.year) 年报告完全相同（且不全为 0），请核实是否沿用了上年的数字",
                related: [RelatedLocation(last.values.map(\.location).min() ?? SourceLocation(file: before, line: 1, column: 1), "\(previous.year) 年报告的同一张表")])
        }
    }
}
