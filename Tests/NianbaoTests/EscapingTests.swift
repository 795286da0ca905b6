import Foundation
import NianbaoSite
import NianbaoTemplates
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
            base_url: "https://example.gov.cn/ndbg&x='1'>/"
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

        // The feed and the site map (made because base_url is set) are well-formed XML holding
        // the name and the address as text, nothing more.
        for file in ["feed.xml", "sitemap.xml"] {
            let document = try XMLTreeBuilder.parse(out.read(file))
            let names = Set(document.descendants.map(\.name))
            #expect(names.isDisjoint(with: ["script", "img", "b", "footer"]), "\(file): \(names.sorted())")
            #expect(document.descendants.allSatisfy { !$0.attributes.keys.contains { $0.lowercased().hasPrefix("on") } }, "\(file)")
            #expect(document.allText.contains("https://example.gov.cn/ndbg&x='1'>/2024/shilong-gov-office/"), "\(file)")
        }
        let feed = try XMLTreeBuilder.parse(out.read("feed.xml"))
        #expect(feed.allText.contains("石龙区<script>alert(1)</script>\" onmouseover=\"alert(2)"))
        #expect(feed.allText.contains("测试站点\" onmouseover=\"alert(3)<img src=x onerror=alert(4)>"))
    }

    /// `{{value}}` goes through nianbao's own escaping: the five characters swift-mustache escapes,
    /// with its entities, but found as code points (what an HTML parser reads), not as `Character`s:
    /// Mustache's own table missed `"` or `<` followed by a combining mark (one grapheme), which let
    /// a value close an attribute. `{{{value}}}` stays raw.
    @Test func templateEscapingIsMustachesOnCodePoints() throws {
        func reference(_ text: String) -> String {
            let table: [Unicode.Scalar: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]
            var out = ""
            for c in text.unicodeScalars { if let r = table[c] { out += r } else { out.unicodeScalars.append(c) } }
            return out
        }
        let theme = TempDir()
        theme.write("probe.mustache", "[{{v}}]({{{v}}}){{#list}}<{{.}}>{{/list}}\n")
        let renderer = try Theme.load(overridesFrom: theme.path).0.makeRenderer()
        let values = [
            "", "石龙区人民政府办公室", "<script>alert(1)</script>", "\" onmouseover=\"x\" ' &amp; &",
            "e\u{301}<\u{301}>&\u{20DD}", "👩‍👩‍👧<👍🏽>", "\r\n<\r\n", "a\u{0}b<", "＜全角＞＆", String(repeating: "表<", count: 500),
        ]
        for value in values {
            let html = try renderer.render("probe", ["v": value, "list": [value, "&"]])
            #expect(html == "[\(reference(value))](\(value))<\(reference(value))><&amp;>\n", "\(value)")
            #expect(HTML.escape(value) == reference(value))
        }
        let breakout = try renderer.render("probe", ["v": "\"\u{301} onmouseover=alert(1) x=\"", "list": [String]()])
        #expect(breakout.hasPrefix("[&quot;\u{301} onmouseover=alert(1) x=&quot;]"))
    }
}
