import Foundation
import NianbaoContent
import NianbaoExport
import NianbaoImport
import NianbaoModel
import ZIPFoundation

/// Reports for the Word export tests: random ones (figures that satisfy the 勾稽关系, narrative
/// with bold, lists and sub-headings, written as `nianbao import` writes Markdown), and helpers
/// to look inside an exported package.
enum ExportFixture {
    /// A content folder with one generated report; `report` is it as loaded.
    static func generated(_ random: inout SeededRandom, slug: String = "generated-bureau") -> (dir: TempDir, folder: String) {
        let dir = TempDir()
        dir.write("site.yaml", try! String(contentsOfFile: Repo.content + "/site.yaml", encoding: .utf8))
        let year = Int.random(in: 2021...2025, using: &random)
        let folder = "reports/\(year)/\(slug)"
        dir.write(folder + "/report.yaml", yaml(&random, year: year))
        for section in ReportFormat.sections.compactMap(\.file) {
            dir.write(folder + "/" + section, narrative(&random))
        }
        if Bool.random(using: &random) { dir.write(folder + "/" + ReportFormat.preambleFile, paragraph(&random) + "\n") }
        return (dir, dir.path + "/" + folder)
    }

    static let agencies = ["石龙区教育局", "青山县人民政府", "示例市自然资源和规划局", "东城街道办事处", "A&B<试点>局"]

    // MARK: Figures

    static func yaml(_ random: inout SeededRandom, year: Int) -> String {
        func n(_ max: Int = 30) -> Int { Bool.random(using: &random) ? 0 : Int.random(in: 0...max, using: &random) }
        func row(_ values: [Int]) -> String { "[" + (values + [values.reduce(0, +)]).map(String.init).joined(separator: ", ") + "]" }
        let agency = agencies.randomElement(using: &random)!
        var lines = ["agency: \"\(agency.replacingOccurrences(of: "\"", with: "\\\""))\"", "year: \(year)",
                     "published: \(year + 1)-01-\(10 + Int.random(in: 0...18, using: &random))", "", "active_disclosure:"]
        for group in ReportFormat.tableTwo {
            for node in group.rows {
                if group.isAmount {
                    let amounts = ["0", "0.0350", "12.5", "3"]
                    lines.append("  \(node.key): \(amounts.randomElement(using: &random)!)")
                } else if group.columns.count == 1 {
                    lines.append("  \(node.key): \(n(500))")
                } else {
                    let issued = n(), repealed = n(), inForce = n(90) + issued
                    lines.append("  \(node.key): {issued: \(issued), repealed: \(repealed), in_force: \(inForce)}")
                }
            }
        }
        // Table 三: random outcomes; received chosen so that 一+二 = 三（七）+四 in every column.
        var rows: [String: [Int]] = [:]
        for path in ReportFormat.tableThreeResultRows { rows[path.key] = (0..<6).map { _ in n(12) } }
        let totals = (0..<6).map { c in ReportFormat.tableThreeResultRows.reduce(0) { $0 + rows[$1.key]![c] } }
        let carriedForward = (0..<6).map { _ in n(5) }
        let carriedOver = (0..<6).map { c in Int.random(in: 0...(totals[c] + carriedForward[c]), using: &random) }
        rows["received"] = (0..<6).map { totals[$0] + carriedForward[$0] - carriedOver[$0] }
        rows["carried_over"] = carriedOver
        rows["carried_forward"] = carriedForward
        rows[ReportFormat.tableThreeTotalRow] = totals
        lines.append("applications:")
        var open: [String] = []
        for path in ReportFormat.tableThreeRowPaths {
            let groups = path.nodes.dropLast().map(\.key)
            while !open.isEmpty, open != Array(groups.prefix(open.count)) { open.removeLast() }
            for key in groups.dropFirst(open.count) {
                lines.append(String(repeating: "  ", count: open.count + 1) + "\(key):")
                open.append(key)
            }
            lines.append(String(repeating: "  ", count: open.count + 1) + "\(path.leaf.key): \(row(rows[path.key]!))")
        }
        lines.append("review_and_litigation:")
        for group in ReportFormat.tableFourGroups {
            lines.append("  \(group.leaf.key): \(row((0..<4).map { _ in n(6) }))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Narrative, as the importer writes it

    static let words = ["政务公开", "依申请公开", "政策解读", "信息发布", "平台建设", "监督保障", "重点领域", "基层政务",
                        "规范管理", "业务培训", "群众留言", "新媒体", "标准化", "便民服务", "数据开放", "办事指南"]
    static let specials = ["\\<条例>", "R\\&D", "“三审三校”", "《条例》", "1.5 倍", "A 类", "50%"]

    static func phrase(_ random: inout SeededRandom) -> String {
        (0..<Int.random(in: 1...3, using: &random)).map { _ in words.randomElement(using: &random)! }.joined()
    }

    /// One paragraph: sentences of words, some bold, with characters XML and Markdown escape.
    static func paragraph(_ random: inout SeededRandom) -> String {
        var out = Bool.random(using: &random) ? "**一是**" : ""
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            out += phrase(&random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: out += "**\(phrase(&random))**"
            case 1: out += specials.randomElement(using: &random)!
            case 2: out += "共 \(Int.random(in: 1...3000, using: &random)) 条"
            default: break
            }
            out += ["，", "；", "。"].randomElement(using: &random)!
        }
        return words.randomElement(using: &random)! + out + "工作。"
    }

    static func list(_ random: inout SeededRandom) -> String {
        let ordered = Bool.random(using: &random)
        var number = ordered ? Int.random(in: 1...3, using: &random) : 0
        var items: [String] = []
        for _ in 0..<Int.random(in: 2...4, using: &random) {
            items.append((ordered ? "\(number). " : "- ") + phrase(&random) + (Bool.random(using: &random) ? "**\(phrase(&random))**" : ""))
            number += 1
            if Int.random(in: 0..<4, using: &random) == 0 {
                items.append("    - " + phrase(&random))
                items.append("    - " + phrase(&random))
            }
        }
        return items.joined(separator: "\n")
    }

    static let numerals = ["一", "二", "三", "四", "五", "六"]

    /// Sub-headings, paragraphs and lists; never two lists in a row (the importer joins them).
    static func narrative(_ random: inout SeededRandom) -> String {
        var blocks: [String] = []
        for (i, numeral) in numerals.prefix(Int.random(in: 1...4, using: &random)).enumerated() {
            blocks.append("### （\(numeral)）\(phrase(&random))")
            if i > 0, Bool.random(using: &random) { blocks.append("#### \(phrase(&random))") }
            blocks.append(paragraph(&random))
            if Bool.random(using: &random) {
                blocks.append(list(&random))
                blocks.append(paragraph(&random))
            }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    // MARK: Looking inside

    /// The parts of a package by name, in the zip's order.
    static func parts(_ data: Data) throws -> [(name: String, data: Data, modified: Date?)] {
        let dir = TempDir()
        let url = URL(fileURLWithPath: dir.path + "/x.docx")
        try data.write(to: url)
        let archive = try Archive(url: url, accessMode: .read)
        var out: [(String, Data, Date?)] = []
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            out.append((entry.path, bytes, entry.fileAttributes[.modificationDate] as? Date))
        }
        return out
    }

    static func part(_ data: Data, _ name: String) throws -> String {
        let found = try parts(data).first { $0.name == name }
        return String(decoding: found?.data ?? Data(), as: UTF8.self)
    }

    /// The export imported back, as `nianbao import` would write it.
    static func reimport(_ data: Data, slug: String) -> ImportResult {
        var options = ImportOptions()
        options.slug = slug
        return Importer.convert(data, file: "export.docx", options: options)
    }

    /// What python-docx reads: `ok`, then per table its rows × columns, then every paragraph's text.
    static func pythonDocx(_ path: String) throws -> (status: Int32, output: String) {
        let script = """
            import sys, docx
            d = docx.Document(sys.argv[1])
            print("ok")
            for t in d.tables: print("table", len(t.rows), len(t.columns))
            for p in d.paragraphs: print("p", p.style.name, p.text)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
