import ArgumentParser
import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoServer
import NianbaoSite

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "生成网站并在本机预览：修改内容或模板并保存后自动重新生成、刷新浏览器；内容有错误时页面显示错误列表，网站不被覆盖。",
        discussion: "预览服务器直接提供输出目录中的网站（与 nianbao build 生成的相同），只在浏览器收到的页面中加入自动刷新的脚本。按 Ctrl-C 停止。")

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("端口；0 表示任选一个空闲端口。", valueName: "端口"))
    var port = 8000

    @Option(name: .long, help: ArgumentHelp("监听地址。默认只允许本机访问；0.0.0.0 会让同一网络中的其他计算机也能访问。", valueName: "地址"))
    var host = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("端口应在 0 到 65535 之间") }
    }

    func run() async throws {
        let output = site.output
        let server = PreviewServer(
            options: try site.builderOptions(),
            onBuild: { event in Self.report(event, output: output) })
        server.rebuild()

        let everyone = host == "0.0.0.0" || host == "::" || host == "[::]"
        if everyone {
            Console.printError("警告: 正在监听 \(host)，同一网络中的其他计算机也能访问此预览（包括尚未发布的内容）。只在可信的网络中这样做；仅本机预览请去掉 --host。")
        }
        let host = self.host
        let watched = server.watchedFolders.map { "\($0)/" }.joined(separator: "、")
        do {
            try await server.run(
                host: host, port: port,
                onReady: { port in
                    let shown = everyone ? (host.contains(":") ? "[::1]" : "127.0.0.1") : (host.contains(":") ? "[\(host)]" : host)
                    print("预览地址：http://\(shown):\(port)/")
                    print("正在监视 \(watched)，保存修改后自动重新生成并刷新浏览器。按 Ctrl-C 停止。")
                    fflush(nil)
                },
                onWarning: { Console.printError($0) })
        } catch {
            let text = "\(error)"
            if text.contains("Address already in use") || text.contains("errno: 98") {
                Console.printError("错误: 端口 \(port) 已被占用；请用 --port 指定其他端口（或 --port 0 任选一个空闲端口）")
            } else if text.contains("Cannot assign requested address") || text.contains("errno: 99") {
                Console.printError("错误: 无法监听地址「\(host)」：本机没有这个地址")
            } else {
                Console.printError("错误: 无法启动预览服务器：\(text)")
            }
            throw ExitCode(1)
        }
        Console.printError("预览已停止。")
    }

    /// One line per build that changed something; the diagnostics of every failed build.
    static func report(_ event: PreviewServer.BuildEvent, output: String) {
        let result = event.result
        let time = Self.clock()
        if let written = result.written {
            guard event.reloaded || event.changes.isEmpty else { return }
            Console.printDiagnostics(result.diagnostics, sources: result.sources)
            print("[\(time)] " + Build.summaryLine(result, written: written, output: output))
            fflush(nil)
        } else {
            Console.printDiagnostics(result.diagnostics, sources: result.sources)
            Console.printError(DiagnosticFormatter.summary(result.diagnostics, reports: result.reports))
            Console.printError("[\(time)] 构建失败：网站未更新，浏览器中的页面显示以上错误。改正并保存后自动重新生成。")
        }
    }

    static func clock() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
