import Foundation
import Hummingbird
import HummingbirdTesting
@testable import NianbaoServer
import NianbaoSite
import Testing

/// A content folder, an output folder beside a secret file, and a preview server over them.
final class ServeFixture: @unchecked Sendable {
    let content: TempDir
    /// Holds `Site/` (the output), `secret.txt` and `outside/secret.txt` (files no request may reach).
    let root = TempDir()
    let templates: TempDir?
    let server: PreviewServer
    static let secret = "机密：不应被预览服务器读到"

    var output: String { root.path + "/Site" }
    var reportFile: String { content.path + "/reports/2024/shilong-gov-office/report.yaml" }
    var pageFile: String { output + "/2024/shilong-gov-office/index.html" }

    init(templates: TempDir? = nil, yaml: String? = nil) {
        content = Fixture.site(yaml: yaml)
        self.templates = templates
        root.write("secret.txt", Self.secret)
        root.write("outside/secret.txt", Self.secret)
        server = PreviewServer(options: SiteBuilder.Options(content: content.path, templates: templates?.path, output: root.path + "/Site"))
    }

    var app: Application<SiteResponder> { server.application(host: "127.0.0.1", port: 0) }

    func writeReport(_ yaml: String) throws {
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: reportFile))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

@Suite struct ServeRouteTests {
    let script = "new EventSource(\"\(ReloadHub.eventsPath)\")"

    @Test func pagesCarryTheReloadScriptButTheFilesDoNot() async throws {
        let site = ServeFixture()
        #expect(site.server.rebuild().succeeded)
        let onDisk = try String(contentsOfFile: site.pageFile, encoding: .utf8)
        #expect(!onDisk.contains("EventSource") && !onDisk.contains("__nianbao"))
        for file in try FileManager.default.subpathsOfDirectory(atPath: site.output) {
            let text = String(decoding: FileManager.default.contents(atPath: site.output + "/" + file) ?? Data(), as: UTF8.self)
            #expect(!text.contains("__nianbao"), "\(file)")
        }
        let generation = site.server.status.generation
        try await site.app.test(.router) { client in
            try await client.execute(uri: "/2024/shilong-gov-office/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = response.text
                #expect(page.contains("<h1>石龙区人民政府办公室2024年政府信息公开工作年度报告</h1>"))
                #expect(page.contains(self.script) && page.contains("var g=\"\(generation)\""))
                // The page is the file with the script before </body>, nothing else changed.
                #expect(page.replacingOccurrences(of: ReloadHub.script(generation: generation), with: "") == onDisk)
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(self.script))
            }
            try await client.execute(uri: "/index.html", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(self.script))
            }
            // A folder without its final "/": redirected, so that relative links work.
            try await client.execute(uri: "/2024/shilong-gov-office", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/2024/shilong-gov-office/")
            }
            // Other files are served as they are.
            try await client.execute(uri: "/assets/style.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(Data(buffer: response.body) == FileManager.default.contents(atPath: site.output + "/assets/style.css"))
            }
            // The open data, with their types.
            for (path, type) in [("/2024/shilong-gov-office/report.csv", "text/csv; charset=utf-8"),
                                 ("/2024/shilong-gov-office/report.json", "application/json"),
                                 ("/data/2024/applications.csv", "text/csv; charset=utf-8"), ("/data/index.json", "application/json")] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok && response.headers[.contentType] == type, "\(path)")
                    #expect(Data(buffer: response.body) == FileManager.default.contents(atPath: site.output + path))
                }
            }
        }
    }

    @Test func headAnswersLikeGetWithoutABody() async throws {
        let site = ServeFixture()
        #expect(site.server.rebuild().succeeded)
        try await site.app.test(.router) { client in
            let get = try await client.execute(uri: "/2024/shilong-gov-office/", method: .get)
            let head = try await client.execute(uri: "/2024/shilong-gov-office/", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.headers[.contentLength] == String(get.body.readableBytes))
            #expect(head.headers[.contentType] == get.headers[.contentType])
            #expect(head.headers[.eTag] == get.headers[.eTag])
            let css = try await client.execute(uri: "/assets/style.css", method: .head)
            #expect(css.status == .ok && css.body.readableBytes == 0 && css.headers[.contentLength] != nil)
            let missing = try await client.execute(uri: "/no-such-page.html", method: .head)
            #expect(missing.status == .notFound && missing.body.readableBytes == 0)
            let events = try await client.execute(uri: ReloadHub.eventsPath, method: .head)
            #expect(events.status == .ok && events.headers[.contentType] == "text/event-stream; charset=utf-8")
            // Unchanged since the browser's copy: 304.
            let again = try await client.execute(
                uri: "/2024/shilong-gov-office/", method: .get, headers: [.ifNoneMatch: get.headers[.eTag] ?? "?"])
            #expect(again.status == .notModified && again.body.readableBytes == 0)
        }
    }

    @Test func onlyGetAndHead() async throws {
        let site = ServeFixture()
        #expect(site.server.rebuild().succeeded)
        let before = try Data(contentsOf: URL(fileURLWithPath: site.pageFile))
        try await site.app.test(.router) { client in
            for method in [HTTPRequest.Method.post, .put, .delete, .patch, .options] {
                for uri in ["/", "/2024/shilong-gov-office/", ReloadHub.eventsPath, "/no-such-file"] {
                    try await client.execute(uri: uri, method: method, body: ByteBuffer(string: "x")) { response in
                        #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                        #expect(response.headers[.allow] == "GET, HEAD")
                        #expect(response.text.contains("只接受 GET 和 HEAD"))
                    }
                }
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: site.pageFile)) == before)
    }

    @Test func nothingOutsideTheSiteFolderIsReachable() async throws {
        let site = ServeFixture()
        #expect(site.server.rebuild().succeeded)
        // Symbolic links inside the site pointing outside it.
        try FileManager.default.createSymbolicLink(atPath: site.output + "/leak.txt", withDestinationPath: site.root.path + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: site.output + "/outside", withDestinationPath: site.root.path + "/outside")
        try FileManager.default.createSymbolicLink(atPath: site.output + "/2024/up", withDestinationPath: "../..")
        let attempts = [
            "/../secret.txt", "/../../secret.txt", "/assets/../../secret.txt", "/../",
            "/%2e%2e/secret.txt", "/%2e%2e/", "/assets/%2e%2e/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
            "/%2E%2E%2Fsecret.txt", "/%2E%2E%2F", "/assets%2F%2E%2E%2F%2E%2E%2Fsecret.txt", "/.%2e/secret.txt",
            "/%252e%252e/secret.txt",
            "/..\\secret.txt", "/assets\\..\\..\\secret.txt", "/%5c..%5csecret.txt", "/assets/%5C%2E%2E%5C%2E%2E%5Csecret.txt",
            "/leak.txt", "/outside/secret.txt", "/outside/", "/outside", "/2024/up/secret.txt", "/2024/up/",
            "/%00/secret.txt", "/index.html%00.txt", "/%zz", "/.nianbao-manifest", "/assets/./style.css",
            "/no-such-page.html", "/2024/no-such-report/",
        ]
        try await site.app.test(.router) { client in
            for uri in attempts {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(!response.text.contains(ServeFixture.secret), "\(uri)")
                    // The site's own 404 page, links resolved from the root wherever it shows.
                    #expect(response.text.contains("<h1>页面不存在</h1>"), "\(uri)")
                    #expect(response.text.contains("<base href=\"/\" />"), "\(uri)")
                    #expect(response.text.contains(self.script), "\(uri)")
                }
            }
        }
        let notFound = try String(contentsOfFile: site.output + "/404.html", encoding: .utf8)
        #expect(!notFound.contains("<base") && !notFound.contains("EventSource"))
    }

    @Test func chinesePercentEncodedPaths() async throws {
        let templates = TempDir()
        templates.write("assets/图表/说明 文字.txt", "统计口径说明")
        let site = ServeFixture(templates: templates)
        #expect(site.server.rebuild().succeeded)
        #expect(FileManager.default.fileExists(atPath: site.output + "/assets/图表/说明 文字.txt"))
        try await site.app.test(.router) { client in
            let encoded = "/assets/%E5%9B%BE%E8%A1%A8/%E8%AF%B4%E6%98%8E%20%E6%96%87%E5%AD%97.txt"
            try await client.execute(uri: encoded, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == "统计口径说明")
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
            }
            try await client.execute(uri: "/assets/%e5%9b%be%e8%a1%a8/%e8%af%b4%e6%98%8e%20%e6%96%87%e5%ad%97.txt", method: .get) { response in
                #expect(response.status == .ok)
            }
            // A folder with a Chinese name, without the final "/": redirected, encoded.
            try await client.execute(uri: "/assets/%E5%9B%BE%E8%A1%A8", method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == "/assets/%E5%9B%BE%E8%A1%A8/")
            }
            try await client.execute(uri: "/assets/%E5%9B%BE%E8%A1%A8/%E6%97%A0.txt", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func errorPageWhileTheContentHasErrorsThenThePageAgain() async throws {
        let site = ServeFixture()
        #expect(site.server.rebuild().succeeded)
        let good = try Data(contentsOf: URL(fileURLWithPath: site.pageFile))
        let goodGeneration = site.server.status.generation

        // A broken total, and a key that would be markup if it were not escaped.
        let broken = Fixture.seed(replacing: "litigation_direct:       [0, 0, 0, 0, 0]", with: "litigation_direct:       [1, 0, 0, 0, 0]")
            + "\"<script>alert(1)</script>\": 1\n"
        try site.writeReport(broken)
        let failed = site.server.rebuild()
        #expect(!failed.succeeded)
        #expect(site.server.status.failed)
        let brokenGeneration = site.server.status.generation
        #expect(brokenGeneration != goodGeneration)
        // The build changed nothing on disk.
        #expect(try Data(contentsOf: URL(fileURLWithPath: site.pageFile)) == good)

        let (line, column) = Fixture.position(of: "[1, 0, 0, 0, 0]", in: broken, offset: 13)
        try await site.app.test(.router) { client in
            for uri in ["/2024/shilong-gov-office/", "/", "/index.html", "/2024/no-such-report/", "/2024/shilong-gov-office"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .internalServerError, "\(uri)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    let page = response.text
                    #expect(page.contains("<html lang=\"zh-CN\">"))
                    #expect(page.contains("<h1>内容有错误，网站未更新</h1>"))
                    #expect(page.contains("/reports/2024/shilong-gov-office/report.yaml:\(line):\(column)</code>"))
                    #expect(page.contains("表四「行政诉讼 / 未经复议直接起诉」的「总计」应为 1"))
                    #expect(page.contains("<dt>应为</dt><dd>1</dd>"))
                    #expect(page.contains("<dt>实际</dt><dd>0</dd>"))
                    #expect(page.contains("<code class=\"rule\">four.group-total</code>"))
                    #expect(page.contains("litigation_direct:       [1, 0, 0, 0, 0]"))  // the quoted source line
                    #expect(page.contains("<code class=\"rule\">key.unknown</code>"))
                    #expect(!page.contains("<script>alert(1)</script>"))
                    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                    #expect(page.contains("var g=\"\(brokenGeneration)\""))
                }
            }
            // Not a page: the stylesheet as last built.
            try await client.execute(uri: "/assets/style.css", method: .get) { response in
                #expect(response.status == .ok)
            }
        }

        // Fixed: the page is back, with a new generation (open tabs reload and show it).
        try site.writeReport(Fixture.seedYAML)
        #expect(site.server.rebuild().succeeded)
        #expect(!site.server.status.failed)
        #expect(site.server.status.generation != brokenGeneration)
        try await site.app.test(.router) { client in
            try await client.execute(uri: "/2024/shilong-gov-office/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("内容有错误"))
                #expect(response.text.contains("<h1>石龙区人民政府办公室2024年政府信息公开工作年度报告</h1>"))
            }
        }
    }

    @Test func tabsAreToldOnlyWhenWhatTheyShowChanged() throws {
        let site = ServeFixture()
        #expect(site.server.rebuild().succeeded)
        let first = site.server.status.generation
        // Nothing changed: no reload.
        #expect(site.server.rebuild().succeeded)
        #expect(site.server.status.generation == first)
        // A figure changed: the page changed, reload.
        try site.writeReport(Fixture.seed(replacing: "licensing: 0", with: "licensing: 4217"))
        #expect(site.server.rebuild().succeeded)
        #expect(site.server.status.generation != first)
    }

    @Test func theBuildMakesA404Page() throws {
        let site = ServeFixture()
        #expect(site.server.rebuild().succeeded)
        let page = try String(contentsOfFile: site.output + "/404.html", encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))  // the layout
        #expect(page.contains("<title>页面不存在 - 石龙区政府信息公开工作年度报告</title>"))
        // Shown for missing paths at any depth: links from the site's root path.
        #expect(page.contains("<link rel=\"stylesheet\" href=\"/assets/style.css\" />"))
        #expect(page.contains("<h1>页面不存在</h1>"))
        #expect(page.contains("<a href=\"/index.html\">返回首页</a>"))
        #expect(page.contains("网站主办单位：石龙区人民政府办公室"))
        // A report's figures are not among its inputs; the site configuration is.
        try site.writeReport(Fixture.seed(replacing: "licensing: 0", with: "licensing: 4217"))
        let edited = site.server.rebuild()
        // The report's page, article and 2 data files, its year and agency pages, the year's 2 data
        // files: not the data index (it lists the files' sizes, which did not change: the year's
        // files hold no figure of table 二), not the 404 page, the home and site-map pages.
        #expect(edited.succeeded && edited.rendered == 8, "\(edited.rendered)")
        let config = site.content.path + "/site.yaml"
        let yaml = try String(contentsOfFile: config, encoding: .utf8)
        try Data(yaml.replacingOccurrences(of: "石龙区政府信息公开工作年度报告", with: "石龙区政务公开年报").utf8)
            .write(to: URL(fileURLWithPath: config))
        #expect(site.server.rebuild().succeeded)
        #expect(try String(contentsOfFile: site.output + "/404.html", encoding: .utf8).contains("<title>页面不存在 - 石龙区政务公开年报</title>"))
    }

    @Test func pathRules() throws {
        let site = TempDir()
        site.write("a/index.html", "x")
        site.write("a/b.css", "y")
        let real = try #require(SitePath.realPath(site.path))
        #expect(SitePath.resolve("/a/", in: site.path) == .file(real + "/a/index.html"))
        #expect(SitePath.resolve("/a/b.css", in: site.path) == .file(real + "/a/b.css"))
        #expect(SitePath.resolve("/a", in: site.path) == .folder(location: "/a/"))
        #expect(SitePath.resolve("/a/b.css/", in: site.path) == .notFound)
        #expect(SitePath.resolve("/a//b.css", in: site.path) == .notFound)
        #expect(SitePath.resolve("a/b.css", in: site.path) == .notFound)
        #expect(SitePath.resolve("/", in: site.path) == .notFound)  // no index.html at the top
        #expect(SitePath.resolve("/a/", in: site.path + "/missing") == .notFound)
        #expect(SitePath.percentDecoded("/%E5%B9%B4%e6%8a%a5/%20") == "/年报/ ")
        #expect(SitePath.percentDecoded("/%E5%B9") == nil)  // not UTF-8
        #expect(SitePath.percentDecoded("/%2") == nil && SitePath.percentDecoded("/%g0") == nil)
        #expect(SitePath.percentEncoded("年 报-a.b_~") == "%E5%B9%B4%20%E6%8A%A5-a.b_~")
        #expect(SitePath.looksLikePage("/") && SitePath.looksLikePage("/2024/x/") && SitePath.looksLikePage("/2024/x"))
        #expect(SitePath.looksLikePage("/index.HTML") && !SitePath.looksLikePage("/assets/style.css"))
        #expect(SiteResponder.injecting("S", into: Array("<p></p></BODY></html>".utf8)) == Array("<p></p>S</BODY></html>".utf8))
        #expect(SiteResponder.injecting("S", into: Array("</body><!-- </body> -->".utf8)) == Array("</body><!-- S</body> -->".utf8))
        #expect(SiteResponder.injecting("S", into: Array("<p>".utf8)) == Array("<p>S".utf8))
    }

    @Test func hubStreams() async throws {
        let hub = ReloadHub()
        let stream = hub.subscribe()
        var iterator = stream.makeAsyncIterator()
        let hello = await iterator.next()
        #expect(hello == "retry: 1000\nevent: hello\ndata: \(hub.generation)\n\n")
        let generation = hub.publish()
        #expect(await iterator.next() == "event: reload\ndata: \(generation)\n\n")
        #expect(hub.listeners == 1)
        hub.close()
        #expect(await iterator.next() == nil)
        #expect(hub.listeners == 0)
        // Streams opened after closing end at once (a stopping server must not wait for them).
        var late = hub.subscribe().makeAsyncIterator()
        #expect(await late.next() == nil)
    }
}
