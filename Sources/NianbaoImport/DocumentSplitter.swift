import NianbaoModel

/// A published report cut along its title and the six section headings.
struct SplitDocument {
    struct Section {
        var heading: SourceLine
        var lines: [SourceLine] = []
        var tables: [SourceTable] = []
        /// Word: pictures in the section.
        var images: [SourceLine] = []
        /// Plain text: the blank lines between the section's last line and the next heading (an
        /// empty last cell of a table, where blank lines separate the cells).
        var blanksAfter = 0
    }

    var title: SourceLine?
    var titleParts: (agency: String, year: Int)?
    /// Text between the title and 一、总体情况.
    var preamble: [SourceLine] = []
    /// By index in `ReportFormat.sections`; nil where the heading was not found.
    var sections: [Section?] = Array(repeating: nil, count: ReportFormat.sections.count)
    /// Tables outside the table sections.
    var strayTables: [SourceTable] = []
    /// Word: pictures before the first section.
    var strayImages: [SourceLine] = []
    /// Lines left out: page furniture before the title, publication details, a table of contents.
    var leftOut: [SourceLine] = []
    /// Headings taken by their number only (`五、…` with other words), with the line.
    var looseHeadings: [(section: Int, line: SourceLine)] = []
    /// Candidates for the publication date, best first.
    var dates: [(date: LocalDate, line: SourceLine, how: DateSource, rank: Int)] = []

    enum DateSource: Int, Comparable {
        case meta, label, closing
        static func < (a: DateSource, b: DateSource) -> Bool { a.rawValue < b.rawValue }
    }
}

enum DocumentSplitter {
    /// Lines between the title and the first heading that describe the page, not the report.
    static let pageDetails = [
        "发布机关", "发布机构", "发布日期", "发布时间", "成文日期", "公开日期", "来源", "信息来源", "索引号", "文号", "发文字号",
        "主题分类", "公开方式", "公开范围", "浏览次数", "点击数", "字号", "【字体", "打印", "关闭",
    ].map { ImportLabels.normalize($0) }

    static func split(_ document: SourceDocument) -> SplitDocument {
        var out = SplitDocument()
        let blocks = document.blocks
        func line(_ i: Int) -> SourceLine? {
            if case .line(let l) = blocks[i] { return l }
            return nil
        }

        // Section headings, exact (or a known variant). A heading found more than once (a table of
        // contents before the text) counts where it is last followed by the later headings.
        var exact: [[Int]] = Array(repeating: [], count: ReportFormat.sections.count)
        for i in blocks.indices {
            if let l = line(i), let s = ImportLabels.section(ofHeading: l.text) { exact[s].append(i) }
        }
        var chosen: [Int?] = Array(repeating: nil, count: exact.count)
        var bound = blocks.count
        for s in exact.indices.reversed() {
            if let i = exact[s].last(where: { $0 < bound }) {
                chosen[s] = i
                bound = i
            }
        }

        // The title: the first title-shaped line before the first heading.
        let firstHeading = chosen.compactMap { $0 }.min() ?? blocks.count
        var titleIndex: Int?
        for i in 0..<firstHeading {
            if let l = line(i), let parts = ImportTitle.parse(l.text.trimmingSpaces) {
                titleIndex = i
                out.title = SourceLine(text: l.text.trimmingSpaces, line: l.line, column: l.column)
                out.titleParts = parts
                break
            }
        }
        if out.title == nil, let t = document.titleElement, let parts = ImportTitle.parse(t.text) {
            out.title = t
            out.titleParts = parts
        }

        // A missing heading may be there in other words: `五、…` between its neighbours.
        for s in chosen.indices where chosen[s] == nil {
            let lower = (chosen[..<s].compactMap { $0 }.max() ?? titleIndex ?? -1) + 1
            let upper = chosen[(s + 1)...].compactMap { $0 }.min() ?? blocks.count
            guard lower < upper else { continue }
            for i in lower..<upper {
                if let l = line(i), ImportLabels.looseSection(ofHeading: l.text.trimmingSpaces) == s {
                    chosen[s] = i
                    out.looseHeadings.append((s, l))
                    break
                }
            }
        }

        // Cut.
        let starts = chosen.enumerated().compactMap { s, i in i.map { (section: s, index: $0) } }.sorted { $0.index < $1.index }
        let bodyStart = starts.first?.index ?? blocks.count
        for (k, start) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1].index : blocks.count
            let heading = line(start.index)!
            var section = SplitDocument.Section(heading: SourceLine(text: heading.text.trimmingSpaces, line: heading.line, column: heading.column))
            for i in (start.index + 1)..<max(start.index + 1, end) {
                switch blocks[i] {
                case .line(let l): section.lines.append(l)
                case .table(let t): section.tables.append(t)
                }
            }
            section.blanksAfter = end < blocks.count ? line(end)?.blanksBefore ?? 0 : 0
            out.sections[start.section] = section
        }

        // Pictures go to the section they stand in, by line.
        for image in document.images {
            if let k = starts.lastIndex(where: { line($0.index)!.line <= image.line }) {
                out.sections[starts[k].section]!.images.append(image)
            } else {
                out.strayImages.append(image)
            }
        }

        // Before the first heading: furniture before the title, then the preamble.
        for i in 0..<bodyStart {
            switch blocks[i] {
            case .table(let t):
                out.strayTables.append(t)
            case .line(let l):
                if i == titleIndex { continue }
                let key = ImportLabels.normalize(l.text)
                let isDetail = pageDetails.contains { key.hasPrefix($0) }
                // A line of page details that gives the date is used, not left out.
                if let dated = ImportDates.labelledDate(l.text) {
                    out.dates.append((dated.date, l, .label, dated.rank))
                    if isDetail { continue }
                }
                let isContents = key == "目录" || ImportLabels.section(ofHeading: l.text) != nil
                if (titleIndex.map { i < $0 } ?? false) || isDetail || isContents {
                    out.leftOut.append(l)
                } else {
                    out.preamble.append(l)
                }
            }
        }
        if let meta = document.metaDate, let (date, _) = ImportDates.leadingDate(meta.text) {
            out.dates.insert((date, meta, .meta, 0), at: 0)
        }
        // The closing date: the last line of the report, if it is a date alone.
        if let last = starts.last, let l = out.sections[last.section]?.lines.last, let date = ImportDates.wholeLineDate(l.text) {
            out.dates.append((date, l, .closing, 0))
            dropSignature(&out, section: last.section)
        }
        out.dates.sort { ($0.how.rawValue, $0.rank) < ($1.how.rawValue, $1.rank) }
        return out
    }

    /// With the agency's name on the line before the closing date, the two lines are the 落款
    /// (signature, as `nianbao export` writes it), not narrative: they leave the section.
    static func dropSignature(_ out: inout SplitDocument, section: Int) {
        guard let lines = out.sections[section]?.lines, lines.count >= 2, let agency = out.titleParts?.agency,
              ImportLabels.normalize(lines[lines.count - 2].text) == ImportLabels.normalize(agency)
        else { return }
        out.sections[section]!.lines.removeLast(2)
    }
}
