import Foundation
import NianbaoSite
import Testing

/// Whatever content holds, none of it becomes active markup in the output.
@Suite struct EscapingTests {
    @Test func hostileContentIsInert() throws {
        let content = Fixture.site(yaml: Fixture.seed(
            replacing: "agency: 石龙区人民政府办公室", with: "agency: '石龙区<script>alert(1)</script>\" onmouseover=\"alert(2)'"))
        content.write("site.yaml", """
            title: "测试站点\\" onmouseover=\\"alert(3)<img src=x onerror=alert(4)>"
            organization: "<b>主办</b> & 单位'"
            footer: "</footer><script>alert(5)</script>"
            """)
        let folder = "reports/2024/shilong-gov-office/"
        content.write(folder + "overview.md", """
            ### 标题<script>alert(6)</script>

            <div onclick="alert(7)">原始 HTML 块</div>

            正文 <span onmouseover="alert(8)">行内 HTML</span> 结束。

            [链接](javascript:alert(9)) [另一个](JAVASCRIPT:alert(10)) ![图](javascript:alert(11))

            <iframe src="https://evil.example/"></iframe>
            """)
        content.write(folder + "preamble.md", "<script>alert(12)</script>\n\n前言\"引号\" & 'apostrophe'\n")
        let out = TempDir()
        let result = SiteBuilder.build(.init(content: content.path, templates: Repo.templates, output: out.path))
        #expect(result.succeeded, "\(result.diagnostics)")

        for page in ["index.html", "2024/shilong-gov-office/index.html"] {
            let html = out.read(page)
            // Parses as well-formed markup: nothing broke out of an attribute or element.
            let document = try XMLTreeBuilder.parse(html)
            let elements = document.descendants
            let forbidden = elements.filter { (["script", "iframe", "object", "embed", "b", "style", "link"].contains($0.name) && $0.parent?.name != "head") || ($0.name == "img" && $0.attributes["src"] != "") }
            #expect(forbidden.isEmpty, "\(page): \(forbidden.map { "\($0.name) \($0.attributes) \($0.parent?.name ?? "")" })")
            for element in elements {
                for (name, value) in element.attributes {
                    #expect(!name.lowercased().hasPrefix("on"), "\(page): \(element.name) has \(name)")
                    #expect(!value.lowercased().contains("javascript:"), "\(page): \(element.name) \(name)=\(value)")
                }
            }
            #expect(!html.contains("<script"))
            // The text itself is shown, escaped.
            #expect(document.allText.contains("测试站点\" onmouseover=\"alert(3)<img src=x onerror=alert(4)>"))
        }
        let report = try XMLTreeBuilder.parse(out.read("2024/shilong-gov-office/index.html"))
        #expect(report.first("h1")?.allText.contains("<script>alert(1)</script>") == true)
        #expect(report.allText.contains("</footer><script>alert(5)</script>"))
        #expect(report.allText.contains("<b>主办</b> & 单位'"))
    }
}
