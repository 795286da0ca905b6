import Foundation
import NianbaoContent
import NianbaoImport
import NianbaoModel

/// Helpers for the import tests: the example report as loaded, its figures in comparable form,
/// and the same report written out as published text in each of the layouts copied tables arrive in.
enum ImportFixture {
    static let folder = Repo.fixtures + "/import"

    /// The hand-made example report, loaded from Content/.
    static let example: Report = {
        let (content, diagnostics) = ContentLoader.load(Repo.content)
        precondition(!diagnostics.hasErrors, "Content/ must load cleanly: \(diagnostics)")
        return content.reports[0]
    }()

    /// The fixture file `name` of `folder` converted as `nianbao import` does (published 2025-01-20).
    static func convert(_ name: String, in folder: String) throws -> ImportResult {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        return Importer.convert(data, file: name, options: options(published: "2025-01-20"))
    }

    /// Every figure of a report by place (`two.regulations.1`, `three.results.granted.6`, `four.review.0`),
    /// as printed: to compare two reports number by number.
    static func figures(_ report: Report) -> [String: String] {
        var out: [String: String] = [:]
        for (name, table) in [("two", report.tableTwo), ("three", report.tableThree), ("four", report.tableFour)] {
            for (key, row) in table {
                for (i, cell) in row.cells.enumerated() { out["\(name).\(key).\(i)"] = cell?.value.text ?? "nil" }
            }
        }
        return out
    }

    static func options(slug: String = "shilong-gov-office", content: String = "Content", published: String? = nil) -> ImportOptions {
        var o = ImportOptions()
        o.slug = slug
        o.content = content
        o.published = published
        return o
    }

    static func convert(_ text: String, file: String = "report.txt", published: String? = nil) -> ImportResult {
        Importer.convert(Data(text.utf8), file: file, options: options(published: published))
    }

    /// The result's files in a content folder (with the example's site.yaml), loaded back.
    static func load(_ result: ImportResult, slug: String = "shilong-gov-office") -> (report: Report?, diagnostics: [Diagnostic], dir: TempDir) {
        let dir = TempDir()
        dir.write("site.yaml", try! String(contentsOfFile: Repo.content + "/site.yaml", encoding: .utf8))
        for (name, text) in result.files { dir.write("reports/\(result.year!)/\(slug)/\(name)", text) }
        let (content, diagnostics) = ContentLoader.load(dir.path)
        return (content.reports.first, diagnostics, dir)
    }

    static func rules(_ result: ImportResult) -> [String] { result.diagnostics.map(\.rule) }

    // MARK: The example as published text

    enum Layout: String, CaseIterable, Sendable {
        /// Cells separated by tabs, spanned slots empty (a copy from a Word or web table).
        case tabs
        /// `| a | b |` rows with a `|---|` rule.
        case pipes
        /// Every non-empty cell on a line of its own.
        case cellPerLine
        /// Every non-empty cell on a line of its own, with blank lines between.
        case blankLines
        /// Labels on lines of their own, each row's numbers on one line separated by spaces.
        case numbersOnOneLine
        /// A row's last label and its numbers on one line, separated by spaces.
        case labelThenNumbers
    }

    /// The three tables of `report` as grids of cell texts, laid out as format.md §2–4 print
    /// them; a slot covered by a spanning cell is "".
    static func grids(_ report: Report, variants: Bool) -> [[[String]]] {
        let label: (String) -> String = { variants ? variant($0) : $0 }
        var two: [[String]] = []
        for group in ReportFormat.tableTwo {
            two.append([label(group.heading), "", "", ""])
            let columns = group.columns.map { label($0.label) }
            two.append([label(ReportFormat.tableTwoContentLabel)] + columns + Array(repeating: "", count: 3 - columns.count))
            for row in group.rows {
                let values = report.tableTwo[row.key]!.cells.map { $0!.value.text }
                two.append([label(row.label)] + values + Array(repeating: "", count: 3 - values.count))
            }
        }

        let t3Labels = ReportFormat.tableThreeColumnPaths.map { label($0.leaf.label) }
        var three: [[String]] = [
            [label(ReportFormat.tableThreeCorner), "", "", label("申请人情况"), "", "", "", "", "", ""],
            ["", "", "", t3Labels[0], label("法人或其他组织"), "", "", "", "", t3Labels[6]],
            ["", "", "", ""] + t3Labels[1...5] + [""],
        ]
        for path in ReportFormat.tableThreeRowPaths {
            var cells = ["", "", ""]
            for (level, node) in path.nodes.enumerated() {
                let first = [node].leafPaths.first.map { HeaderPath(nodes: Array(path.nodes[..<level]) + $0.nodes) } == path
                if node.isLeaf || first { cells[level] = label(node.label) }
            }
            three.append(cells + report.tableThree[path.key]!.cells.map { $0!.value.text })
        }

        let outcomes = ReportFormat.tableFourOutcomes.map { label($0.label) }
        let blanks = { (n: Int) in Array(repeating: "", count: n) }
        let four: [[String]] = [
            [label("行政复议")] + blanks(4) + [label("行政诉讼")] + blanks(9),
            outcomes + [label("未经复议直接起诉")] + blanks(4) + [label("复议后起诉")] + blanks(4),
            blanks(5) + outcomes + outcomes,
            ReportFormat.tableFourGroups.flatMap { report.tableFour[$0.leaf.key]!.cells.map { $0!.value.text } },
        ]
        return [two, three, four]
    }

    /// A grid written out in a layout.
    static func render(_ grid: [[String]], _ layout: Layout) -> [String] {
        func isNumber(_ s: String) -> Bool { !s.isEmpty && s.allSatisfy { $0.isNumber || $0 == "." } }
        var lines: [String] = []
        for (i, row) in grid.enumerated() {
            let filled = row.filter { !$0.isEmpty }
            switch layout {
            case .tabs:
                lines.append(row.joined(separator: "\t"))
            case .pipes:
                lines.append("| " + row.joined(separator: " | ") + " |")
                if i == 0 { lines.append("|" + Array(repeating: "---", count: row.count).joined(separator: "|") + "|") }
            case .cellPerLine:
                lines += filled
            case .blankLines:
                for cell in filled { lines += [cell, ""] }
            case .numbersOnOneLine:
                lines += filled.filter { !isNumber($0) }
                let numbers = filled.filter(isNumber)
                if !numbers.isEmpty { lines.append(numbers.joined(separator: " ")) }
            case .labelThenNumbers:
                let labels = filled.filter { !isNumber($0) }
                let numbers = filled.filter(isNumber)
                if numbers.isEmpty {
                    lines += labels
                } else {
                    lines += labels.dropLast()
                    lines.append(([labels.last ?? ""] + numbers).joined(separator: " ").trimmingCharacters(in: .whitespaces))
                }
            }
        }
        return lines
    }

    /// `report` as a published plain-text report: title, date, preamble-free narrative with
    /// its sub-headings as lines, the three tables in `layout`.
    static func publishedText(_ report: Report, layout: Layout, variants: Bool = false) -> String {
        let grids = grids(report, variants: variants)
        var lines = [ReportFormat.title(agency: report.agency!.value, year: report.year), "发布日期：\(report.published!.value)", ""]
        for (index, section) in ReportFormat.sections.enumerated() {
            var heading = section.heading
            if variants, section.id == "review-litigation" { heading = "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况" }
            if variants, section.id == "problems" { heading = "五、政府信息公开工作存在的主要问题及改进情况" }
            lines += [heading, ""]
            if let file = section.file {
                for block in report.narrative[file]!.components(separatedBy: "\n\n") where !block.isEmpty {
                    var text = block.trimmingCharacters(in: .newlines)
                    if text.hasPrefix("### ") {
                        // `(一) 主动公开`, as the seed writes its sub-headings.
                        text = String(text.dropFirst(4))
                        if variants { text = text.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ") ") }
                    }
                    lines += [text, ""]
                }
            } else {
                lines += render(grids[index - 1], layout) + [""]
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Label variants seen in published reports (format.md §6), a different one per label.
    static func variant(_ label: String) -> String {
        var s = label
        // 1. → 1、 / 1． / "1. ", and B21/B22's 、 → ，
        if let first = s.first, first.isNumber, s.dropFirst().first == "." {
            let marks = ["、", "．", ". "]
            s = String(first) + marks[Int(first.asciiValue! % 3)] + s.dropFirst(2)
            s = s.replacingOccurrences(of: "不补正、", with: "不补正，").replacingOccurrences(of: "费用、", with: "费用，")
        }
        let halfWidth: [Character: Character] = ["（": "(", "）": ")", "：": ":", "，": ","]
        switch label.unicodeScalars.reduce(0, { $0 + Int($1.value) }) % 4 {
        case 0: s = String(s.map { halfWidth[$0] ?? $0 })
        case 1 where s.count >= 4: s.insert(" ", at: s.index(s.startIndex, offsetBy: 2))  // 商业 企业
        case 2 where s.count >= 3: s.insert("\u{A0}", at: s.index(s.startIndex, offsetBy: 1))
        case 3 where s.count >= 3: s.insert("\u{3000}", at: s.index(before: s.endIndex))
        default: break
        }
        return s
    }
}
