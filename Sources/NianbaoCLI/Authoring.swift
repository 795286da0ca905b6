import ArgumentParser
import Foundation
import NianbaoAuthoring
import NianbaoContent

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "新建一份报告：各项数字为 0、每项附年报表格原文标签的 report.yaml，以及带标题和填写提示的叙述文件。")

    @Option(name: .long, help: ArgumentHelp("机关全称，如 石龙区人民政府办公室。", valueName: "名称"))
    var agency: String

    @Option(name: .long, help: ArgumentHelp("报告目录名（用于网址），小写字母、数字和连字符，如 shilong-gov-office。", valueName: "目录名"))
    var slug: String

    @Option(name: .long, help: ArgumentHelp("报告年度，如 2025。", valueName: "年份"))
    var year: Int

    @Option(name: .long, help: ArgumentHelp(
        "机关类别：本级政府、政府部门、乡镇街道或其他；机关不在 agencies.yaml 中时随之加入列表（默认：名称以「人民政府」结尾为本级政府，否则为其他）。",
        valueName: "类别"))
    var kind: String?

    @OptionGroup var options: ContentOption

    func run() throws {
        do {
            let (folder, listing) = try SiteScaffold.newReport(agency: agency, slug: slug, year: year, content: options.content, kind: kind)
            print("已新建 \(folder)/：report.yaml、overview.md、problems.md、other.md")
            if case .added(let kind) = listing {
                print("已将「\(agency)」（\(slug)，\(kind)）加入 \(options.content)/\(AgencyList.file) 的末尾；类别不对时请在该文件中修改。")
            }
            print("填写完成后运行 nianbao check 检查。")
        } catch {
            Console.printError("错误: \(error.message)")
            throw ExitCode(1)
        }
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "在一个新目录中创建站点：Content/（站点配置、机关列表和一份示例报告）与 Templates/（可直接使用的默认模板）。")

    @Argument(help: ArgumentHelp("新站点的目录（不存在或为空）。", valueName: "目录"))
    var directory: String

    func run() throws {
        do {
            let files = try SiteScaffold.initSite(directory)
            print("已在 \(directory)/ 创建 \(files.count) 个文件。")
            print("下一步：cd \(directory) && nianbao build，然后用浏览器打开 Site/index.html")
        } catch {
            Console.printError("错误: \(error.message)")
            throw ExitCode(1)
        }
    }
}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "输出 report.yaml 或 site.yaml 的 JSON Schema，供带 YAML 语言服务的编辑器补全键名、提示错误。")

    @Argument(help: ArgumentHelp("report（默认）或 site。", valueName: "文件"))
    var kind: ContentSchema.Kind = .report

    func run() throws {
        print(ContentSchema.json(kind), terminator: "")
    }
}

extension ContentSchema.Kind: ExpressibleByArgument {}

struct AggregateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "按 agencies.yaml 中的 covers，将所涵盖机关同一年度的表二、表三、表四逐格相加，写入本级政府报告的 report.yaml（不改动叙述文件）。")

    @Option(name: .long, help: ArgumentHelp("报告年度，如 2024。", valueName: "年份"))
    var year: Int

    @Option(name: .long, help: ArgumentHelp("写入汇总的报告目录名（agencies.yaml 中列有 covers 的机关），如 shili-gov。", valueName: "目录名"))
    var into: String

    @Flag(name: .long, help: "已有的数字与汇总不同时，仍以汇总替换（默认：列出不同之处，不做任何改动）。")
    var force = false

    @OptionGroup var options: ContentOption

    func run() throws {
        do {
            let outcome = try Aggregate.run(content: options.content, year: year, into: into, force: force)
            print("已\(outcome.created ? "新建" : "更新") \(outcome.path)：汇总自 \(outcome.summed.count) 个机关（\(outcome.summed.joined(separator: "、"))）")
            if !outcome.missing.isEmpty { print("注意：\(outcome.missing.joined(separator: "、")) 没有 \(year) 年度报告，未计入。") }
            if !outcome.replaced.isEmpty { print("已替换 \(outcome.replaced.count) 个与汇总不同的数字（--force）。") }
            print("请运行 nianbao check 检查。")
        } catch {
            Console.printError("错误: \(error.message)")
            throw ExitCode(1)
        }
    }
}
