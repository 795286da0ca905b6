import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoSite
import NianbaoTemplates
import Testing

@Suite struct SiteBuildTests {
    func build(_ content: String, templates: String? = Repo.templates, into output: String) -> SiteBuilder.Result {
        SiteBuilder.build(.init(content: content, templates: templates, output: output))
    }

    @Test func twoBuildsGiveIdenticalBytes() {
        let out = TempDir()
        #expect(build(Repo.content, into: out.path + "/a").succeeded)
        #expect(build(Repo.content, into: out.path + "/b").succeeded)
        let a = files(out.path + "/a"), b = files(out.path + "/b")
        #expect(a.count >= 4)
        #expect(a == b)
        // Building again into the same folder rewrites nothing.
        let again = build(Repo.content, into: out.path + "/a")
        #expect(again.written == OutputWriter.Summary(written: 0, unchanged: a.count - 1, removed: 0))
    }

    @Test func committedSiteIsWhatTheCodeProduces() {
        let out = TempDir()
        #expect(build(Repo.content, into: out.path + "/Site").succeeded)
        let fresh = files(out.path + "/Site")
        let committed = files(Repo.site)
        #expect(fresh.keys.sorted() == committed.keys.sorted(), "run `swift run nianbao build` and commit Site/")
        for (path, data) in fresh { #expect(committed[path] == data, "Site/\(path) is stale: run `swift run nianbao build`") }
    }

    @Test func brokenContentWritesNothing() throws {
        let out = TempDir()
        #expect(build(Repo.content, into: out.path + "/Site").succeeded)
        let before = files(out.path + "/Site")
        let content = Fixture.site(yaml: Fixture.seed(replacing: "[8, 0, 0, 0, 0, 0, 8]", with: "[7, 0, 0, 0, 0, 0, 7]"))
        let result = build(content.path, into: out.path + "/Site")
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains { $0.rule == "three.results-total" })
        #expect(files(out.path + "/Site") == before)
    }

    @Test func refusesToWriteIntoAFolderItDidNotMake() {
        let out = TempDir()
        out.write("Site/important.txt", "keep me")
        let result = build(Repo.content, into: out.path + "/Site")
        #expect(!result.succeeded)
        #expect(result.diagnostics.map(\.rule) == ["output.write"])
        #expect(files(out.path + "/Site").keys.sorted() == ["important.txt"])
    }

    @Test func removedReportsDisappearFromTheSite() throws {
        let content = Fixture.site()
        let copy = content.path + "/reports/2023/shilong-gov-office"
        try FileManager.default.copyItem(atPath: content.path + "/reports/2024/shilong-gov-office", toPath: copy)
        try Fixture.seedYAML.replacingOccurrences(of: "year: 2024", with: "year: 2023")
            .write(toFile: copy + "/report.yaml", atomically: true, encoding: .utf8)
        let out = TempDir()
        #expect(build(content.path, into: out.path).succeeded)
        #expect(files(out.path)["2023/shilong-gov-office/index.html"] != nil)
        let index = out.read("index.html")
        #expect(index.range(of: "2024年度")!.lowerBound < index.range(of: "2023年度")!.lowerBound)

        try FileManager.default.removeItem(atPath: copy)
        let second = build(content.path, into: out.path)
        #expect(second.written?.removed == 7)  // the report's page, article and 2 data files, the 2023 year page and its 2 data files
        #expect(!FileManager.default.fileExists(atPath: out.path + "/2023"))
        #expect(files(out.path)["2024/shilong-gov-office/index.html"] != nil)
    }

    @Test func buildsWithTheDefaultThemeAndSingleOverrides() throws {
        let out = TempDir()
        #expect(build(Repo.content, templates: nil, into: out.path + "/default").succeeded)
        #expect(files(out.path + "/default") == files(Repo.site))

        let theme = TempDir()
        theme.write("footer.mustache", "<footer class=\"custom\">本站自定义页脚</footer>\n")
        theme.write("assets/style.css", "body { color: black; }\n")
        theme.write("assets/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        #expect(build(Repo.content, templates: theme.path, into: out.path + "/custom").succeeded)
        let page = out.read("custom/2024/shilong-gov-office/index.html")
        #expect(page.contains("本站自定义页脚"))
        #expect(page.contains("<table id=\"t3\""))  // every other template is the default one
        #expect(out.read("custom/assets/style.css") == "body { color: black; }\n")
        #expect(FileManager.default.fileExists(atPath: out.path + "/custom/assets/logo.svg"))
    }

    @Test func templateSyntaxErrorsNameTheFile() {
        let theme = TempDir()
        theme.write("footer.mustache", "<footer>\n{{#site.title}}\n</footer>\n")
        let out = TempDir()
        let result = build(Repo.content, templates: theme.path, into: out.path + "/Site")
        #expect(!result.succeeded)
        #expect(result.diagnostics.first?.rule == "template.syntax")
        #expect(result.diagnostics.first?.location?.file == theme.path + "/footer.mustache")
        #expect(result.diagnostics.first?.location?.line == 4)  // the end of the file: no {{/site.title}}
        // The line is the file's own (the escaping pragma nianbao puts before it is not counted).
        theme.write("footer.mustache", "<footer>\n<p>{{/site.title}}</p>\n</footer>\n")
        let again = build(Repo.content, templates: theme.path, into: out.path + "/Site")
        #expect(again.diagnostics.first?.rule == "template.syntax")
        #expect(again.diagnostics.first?.location?.line == 2)
    }

    @Test func defaultThemeIsTheTemplatesFolder() throws {
        var onDisk: [String: Data] = [:]
        for (path, data) in files(Repo.templates) where !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            onDisk[path] = data
        }
        let builtIn = Theme.builtIn
        var embedded: [String: Data] = [:]
        for (name, source) in builtIn.templates { embedded[name + ".mustache"] = Data(source.utf8) }
        for (name, data) in builtIn.assets { embedded["assets/" + name] = data }
        #expect(embedded.keys.sorted() == onDisk.keys.sorted(), "run python3 scripts/embed-resources.py")
        for (path, data) in onDisk { #expect(embedded[path] == data, "\(path): run python3 scripts/embed-resources.py") }
    }
}
