import ArgumentParser
import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoReview
import NianbaoSite

@main
struct Nianbao: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nianbao",
        abstract: "政府信息公开工作年度报告网站生成器：检查报告数据并生成静态网站。",
        version: NianbaoVersion.current,
        subcommands: [Build.self, Check.self, Serve.self, New.self, Init.self, Schema.self, Import.self, AggregateCommand.self, Export.self],
        defaultSubcommand: nil
    )
}

struct ContentOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("内容目录（含 site.yaml 和 reports/）。", valueName: "目录"))
    var content = "Content"
}

/// The folders of a build: content, templates, output (`build` and `serve`).
struct SiteOptions: ParsableArguments {
    @OptionGroup var content: ContentOption

    @Option(name: .long, help: ArgumentHelp("模板目录，其中的文件替换默认主题中的同名文件（默认：当前目录下的 Templates，若存在）。", valueName: "目录"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("输出目录。", valueName: "目录"))
    var output = "Site"

    /// The `--templates` folder, or `Templates` if that exists here; exits if a given one does not.
    func templatesFolder() throws -> String? {
        if let templates {
            guard SourceFile.kind(of: templates) == .directory else {
                Console.printError("错误: 模板目录「\(templates)」不存在 [template.read]")
                throw ExitCode(1)
            }
            return templates
        }
        return SourceFile.kind(of: "Templates") == .directory ? "Templates" : nil
    }

    func builderOptions() throws -> SiteBuilder.Options {
        var options = SiteBuilder.Options(content: content.content, templates: try templatesFolder(), output: output)
        // For the tests of the path taken on file systems without the atomic exchange.
        options.atomicExchange = ProcessInfo.processInfo.environment["NIANBAO_NO_ATOMIC_EXCHANGE"] != "1"
        return options
    }
}

/// Writes diagnostics to standard error.
enum Console {
    static func printDiagnostics(_ diagnostics: [Diagnostic], sources: [String: String]) {
        guard !diagnostics.isEmpty else { return }
        let formatter = DiagnosticFormatter(sources: sources)
        for diagnostic in diagnostics.sortedForDisplay {
            printError(formatter.format(diagnostic))
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查报告数据（勾稽关系、必填项、格式），不生成网站。有错误时以非零状态退出。")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, html, csv
    }

    @OptionGroup var options: ContentOption

    @Option(name: .long, help: ArgumentHelp("输出格式：text（默认，带源码行和箭头）、json（每条诊断一个对象）、html（整个内容目录的检查结果页，供审核）或 csv（每个问题一行）；后三种输出到标准输出。", valueName: "格式"))
    var format: Format = .text

    @Flag(name: .long, help: "警告也视为失败（以非零状态退出）。")
    var strict = false

    func run() throws {
        let (content, diagnostics) = SiteBuilder.check(content: options.content)
        switch format {
        case .text: Console.printDiagnostics(diagnostics, sources: content.sources)
        case .json: print(DiagnosticJSON.encode(diagnostics))
        case .html: print(ReviewPage.html(Review(content: options.content, loaded: content, diagnostics: diagnostics)), terminator: "")
        case .csv: print(ReviewCSV.csv(Review(content: options.content, loaded: content, diagnostics: diagnostics)), terminator: "")
        }
        Console.printError(DiagnosticFormatter.summary(diagnostics, reports: content.reports.count))
        if diagnostics.hasErrors || (strict && !diagnostics.isEmpty) { throw ExitCode(1) }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "检查报告数据并生成网站。有任何错误时不写入任何文件，并以非零状态退出。")

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "显示各阶段耗时。")
    var verbose = false

    @Flag(name: .long, help: "重新渲染所有页面（不使用上次构建的记录）。")
    var clean = false

    @Flag(name: .long, help: "正式发布：页脚必备信息（网站主办单位、联系方式、网站标识码、ICP备案编号、公安机关备案号、党政机关网站标识、网站地址）缺一即失败。")
    var production = false

    @Flag(name: .long, help: "不显示进度条，只输出一行结果。")
    var quiet = false

    static let stageNames = [
        "discover": "扫描目录", "cache": "读缓存", "scan": "比对", "state": "准备",
        "check": "读取检查", "render": "渲染", "commit": "提交",
    ]

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    /// `已生成 1 份报告、4 个文件到 Site/（渲染 0，…；用时 0.04 秒：…）` for a build that succeeded.
    static func summaryLine(_ result: SiteBuilder.Result, written: OutputWriter.Summary, output: String) -> String {
        let total = result.stageTimes.reduce(Duration.zero) { $0 + $1.duration }
        let stages = result.stageTimes.map { "\(stageNames[$0.stage] ?? $0.stage) " + String(format: "%.2f", seconds($0.duration)) }
        return "已生成 \(result.reports) 份报告、\(result.files) 个文件到 \(output)/"
            + "（渲染 \(result.rendered)，写入 \(written.written)，未变 \(written.unchanged)，删除 \(written.removed)；"
            + String(format: "用时 %.2f 秒：", seconds(total)) + stages.joined(separator: "，") + "）"
    }

    func run() throws {
        var options = try site.builderOptions()
        options.clean = clean
        options.production = production
        let output = site.output
        let bar = !quiet && isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
        if let bar { options.progress = { done, total in bar.update(done, total) } }
        let verbose = verbose
        let report = { @Sendable (result: SiteBuilder.Result) throws in
            bar?.finish()
            try Self.report(result, verbose: verbose, output: output)
        }
        options.finish = { result in
            do { try report(result) } catch { Self.exit(withError: error) }
            Self.exit()
        }
        try report(SiteBuilder.build(options))
    }

    /// The diagnostics, the stages with `--verbose`, and the summary line (or the failure).
    static func report(_ result: SiteBuilder.Result, verbose: Bool, output: String) throws {
        Console.printDiagnostics(result.diagnostics, sources: result.sources)
        if verbose {
            Console.printError("  读取并检查 \(result.read) 个报告目录（其余自上次构建后未变）")
            for (stage, duration) in result.stageTimes {
                Console.printError("  \(stageNames[stage] ?? stage)：" + String(format: "%.1f 毫秒", seconds(duration) * 1000))
            }
        }
        guard let written = result.written else {
            Console.printError(DiagnosticFormatter.summary(result.diagnostics, reports: result.reports))
            Console.printError("构建失败：未写入任何文件。")
            throw ExitCode(1)
        }
        print(summaryLine(result, written: written, output: output))
    }
}

/// `渲染 [######      ] 1234/10000` on a terminal, redrawn in place.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var last = -1

    func update(_ done: Int, _ total: Int) {
        let percent = total == 0 ? 100 : done * 100 / total
        lock.lock()
        defer { lock.unlock() }
        guard percent != last else { return }
        last = percent
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r渲染 [\(bar)] \(done)/\(total)".utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if last >= 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
