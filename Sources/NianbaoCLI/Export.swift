import ArgumentParser
import Foundation
import NianbaoContent
import NianbaoExport
import NianbaoModel

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "把报告导出为 Word 文档（.docx，公文格式，供审签）。",
        discussion: """
            版式按 GB/T 9704《党政机关公文格式》：A4，标题 2 号小标宋，正文 3 号仿宋_GB2312，一级标题黑体，二级标题楷体，\
            表格按官方格式合并单元格、跨页重复表头。字体和页面设置取自参考文档（默认取当前目录下的 Templates/reference.docx，\
            若存在；否则用内置的默认样式）。有错误的报告不导出（像 check 一样列出问题）；只有警告时照常导出。
            """)

    @Argument(help: ArgumentHelp("报告目录，如 Content/reports/2024/shilong-gov-office，可以有多个。", valueName: "报告目录"))
    var folders: [String]

    @Option(name: .short, help: ArgumentHelp("输出：一个 .docx 文件（一份报告时），或一个目录（每份报告写入「<目录名>-<年度>.docx」）。", valueName: "文件或目录"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("参考文档（.docx），取其样式、字体和页面设置（默认：Templates/reference.docx，若存在）。", valueName: "文件"))
    var reference: String?

    func run() throws {
        let referencePath = reference ?? (SourceFile.kind(of: "Templates/reference.docx") == .file ? "Templates/reference.docx" : nil)
        var referenceDocument = ReferenceDocument.standard
        if let referencePath {
            do {
                referenceDocument = try ReferenceDocument.load(path: referencePath)
            } catch let failure as ReferenceDocument.Failure {
                Console.printError("错误: \(failure.message) [export.reference]")
                throw ExitCode(1)
            }
        }
        let outcome = ReportExport.run(folders: folders, output: output, reference: referenceDocument)
        Console.printDiagnostics(outcome.diagnostics, sources: outcome.sources)
        guard !outcome.failed else {
            Console.printError(DiagnosticFormatter.summary(outcome.diagnostics, reports: outcome.reports))
            Console.printError("导出失败：未写入任何文件。")
            throw ExitCode(1)
        }
        for (title, path) in outcome.written {
            print("已导出「\(title)」→ \(path)")
        }
    }
}
