import ArgumentParser
import Foundation
import NianbaoContent
import NianbaoImport
import NianbaoModel

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入年度报告（纯文本、保存的网页、Word 文档 .docx 或 PDF），写成 reports/<年度>/<目录名>/ 下的 report.yaml 和叙述文件。",
        discussion: """
            行和列按标签对应，不按位置。未能归入表格的单元格、缺失的表格、按 0 读入的空格都在最后列出，\
            并在 report.yaml 中以「# 导入注意」注明。原文数字不符合勾稽关系时照录，并写入 as_published: true。
            """)

    @Argument(help: ArgumentHelp("报告的文件：纯文本（.txt）、保存的网页（.html）、Word 文档（.docx）或 PDF（.pdf），可以有多个，每个文件一份报告；也可以是目录（导入其中这些类型的文件）。按路径顺序导入，某个文件出错时继续导入其余文件。", valueName: "文件"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("把汇总表（文件、机关、年度、读入数字、需核对、结果）另存为 CSV 文件（UTF-8，带 BOM，Excel 可直接打开）。", valueName: "文件.csv"))
    var summary: String?

    @Option(name: .long, help: ArgumentHelp("报告目录名（用于网址），小写字母、数字和连字符，如 shilong-gov-office。默认沿用内容目录中此机关已有的目录名。", valueName: "目录名"))
    var slug: String?

    @Option(name: .long, help: ArgumentHelp("报告年度（默认取自标题）。", valueName: "年份"))
    var year: Int?

    @Option(name: .long, help: ArgumentHelp("机关全称（默认取自标题）。", valueName: "名称"))
    var agency: String?

    @Option(name: .long, help: ArgumentHelp("发布日期 YYYY-MM-DD（默认取自原文的发布日期或文末落款）。", valueName: "日期"))
    var published: String?

    @OptionGroup var options: ContentOption

    @Flag(name: .long, help: "报告目录已存在时覆盖。")
    var force = false

    func run() throws {
        var importOptions = ImportOptions()
        importOptions.content = options.content
        importOptions.slug = slug
        importOptions.year = year
        importOptions.agency = agency
        importOptions.published = published
        importOptions.force = force

        let results = ImportSummary.run(files, options: importOptions) { report($0) }
        if results.count > 1 || summary != nil {
            print("")
            print(ImportSummary.table(results), terminator: "")
        }
        if let summary {
            do {
                try Data(ImportSummary.csv(results).utf8).write(to: URL(fileURLWithPath: summary), options: .atomic)
            } catch {
                Console.printError("无法写入汇总表 \(summary)：\(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
        if results.isEmpty { Console.printError("没有可导入的文件（目录中没有 .txt、.html、.docx 或 .pdf 文件）。") }
        if results.isEmpty || results.contains(where: { !$0.written }) { throw ExitCode(1) }
    }

    func report(_ result: ImportResult) {
        if result.written, let folder = result.folder {
            print("已导入「\(result.title ?? result.file)」：\(result.file) → \(folder)/")
            print("  写入 " + result.files.map(\.name).joined(separator: "、"))
            let tables = [("two", "表二"), ("three", "表三"), ("four", "表四")].map { key, name in
                result.figureCounts[key].flatMap { $0 > 0 ? "\(name) \($0) 个数" : nil } ?? "\(name)未导入"
            }
            let layouts = Array(Set(result.layouts)).sorted().joined(separator: "、")
            print("  读入 " + tables.joined(separator: "、") + (layouts.isEmpty ? "" : "（\(layouts)）")
                + "；叙述 \(result.paragraphs) 段，其中小标题 \(result.subheadings) 个")
            if result.asPublished { print("  原文数字不符合勾稽关系，已写入 as_published: true（数字按原文照录）") }
        }
        Console.printDiagnostics(result.diagnostics, sources: result.text.map { [result.file: $0] } ?? [:])
        guard result.written, let folder = result.folder, let year = result.year else {
            Console.printError("导入失败：\(result.file) 未写入任何文件。")
            return
        }
        let toCheck = result.diagnostics.count
        Console.printError(toCheck == 0
            ? "没有需要核对之处。"
            : "需要核对 \(toCheck) 处（见上；report.yaml 中以「# 导入注意」或「# 原文如此」注明）。")
        var sources: [String: String] = [:]
        let slug = URL(fileURLWithPath: folder).lastPathComponent
        let (_, found) = ContentLoader.loadReport(folder, slug: slug, year: year, sources: &sources)
        let errors = found.filter { $0.severity == .error }.count
        Console.printError("导入后检查此报告：\(errors) 个错误，\(found.count - errors) 个警告"
            + (found.isEmpty ? "" : "（运行 nianbao check --content \(options.content) 查看）"))
    }
}
