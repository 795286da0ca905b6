import Foundation
import NianbaoSite
@testable import NianbaoTemplates
import Testing

/// The pages rendered once per report come from a page compiled per context shape
/// (`CompiledPages`): they must be byte for byte what swift-mustache renders from the context.
@Suite struct CompiledPageTests {
    /// A theme whose `report` template prints values escaped and raw, in attributes, sections,
    /// lists, a partial and the layout it extends.
    static func theme(report: String? = nil) throws -> PageRenderer {
        var theme = Theme.builtIn
        let source = report ?? """
            {{<layout}}{{$main}}<h1 title="{{title}}">{{title}}</h1>{{#note}}<p>{{.}}</p>{{/note}}{{^note}}<p>无</p>{{/note}}
            {{#items}}<a href="{{href}}">{{label}}</a>{{{html}}} {{count}}{{/items}}{{#flag}}旗{{/flag}}{{>extra}}{{/main}}{{/layout}}
            """
        theme.add(path: "report.mustache", data: Data(source.utf8), origin: "test")
        theme.add(path: "extra.mustache", data: Data("<i>{{title}}</i>{{{raw}}}".utf8), origin: "test")
        return try theme.makeRenderer()
    }

    static func context(_ title: String, note: String?, items: Int, flag: Bool) -> [String: Any] {
        var page: [String: Any] = [
            "title": title, "raw": "<b>\(title)</b>", "flag": flag, "site": ["title": "站", "language": "zh-CN"] as [String: Any],
            "root": "../", "pageTitle": title, "breadcrumbs": [[String: Any]](), "current": title,
            "items": (0..<items).map { ["href": "a\($0).html?x=1&y='\($0)'", "label": "<第\($0)项>", "html": "<em>\($0)</em>", "count": $0] as [String: Any] },
        ]
        if let note { page["note"] = note }
        return page
    }

    @Test func aCompiledPageIsWhatMustacheRenders() throws {
        let renderer = try Self.theme()
        let titles = ["甲 & 乙", "<script>\"'", "\u{F8F0}0&\u{F8F1}", "", "普通标题"]
        for title in titles {
            for (note, items, flag) in [(nil, 0, false), ("说明 <1>", 2, true), ("", 3, false)] as [(String?, Int, Bool)] {
                let context = Self.context(title, note: note, items: items, flag: flag)
                let direct = try #require(renderer.renderAsIs("report", context))
                #expect(try renderer.render("report", context) == direct, "\(title) \(String(describing: note)) \(items) \(flag)")
            }
        }
        // Three shapes, each compiled once: the page really came from a compiled page.
        #expect(renderer.compiled.count == 3)
    }

    @Test func aThemeWithATransformIsRenderedAsItIs() throws {
        let renderer = try Self.theme(report: "{{<layout}}{{$main}}{{lowercased(title)}}{{/main}}{{/layout}}")
        let context = Self.context("ABC", note: nil, items: 0, flag: false)
        #expect(try renderer.render("report", context).contains("abc"))
        #expect(renderer.compiled.count == 0)
    }

    @Test func aTemplateHoldingTheMarkerIsRenderedAsItIs() throws {
        let renderer = try Self.theme(report: "{{<layout}}{{$main}}\u{F8F0}7&\u{F8F1}{{title}}{{/main}}{{/layout}}")
        let context = Self.context("标题", note: nil, items: 0, flag: false)
        let direct = try #require(renderer.renderAsIs("report", context))
        #expect(try renderer.render("report", context) == direct)
    }

    /// A list's items from the compiled `report-list` partial are what a section over them
    /// including the partial renders (the form the default theme's lists had before `reportItems`).
    @Test func aListIsWhatASectionOverItsItemsRenders() throws {
        var theme = Theme.builtIn
        theme.add(path: "section.mustache", data: Data("{{#reports}}\n{{>report-list}}\n{{/reports}}\n".utf8), origin: "test")
        let renderer = try theme.makeRenderer()
        let labels = ["甲 & 乙局", "<script>\"'", "\u{F8F0}0&\u{F8F1}", "", "普通机关"]
        let items = labels.enumerated().map { i, label -> [String: Any] in
            var item: [String: Any] = [
                "label": label, "href": "../2024/a\(i)/?x=1&y='\(i)'", "agencyHref": "../agencies/a\(i)/", "agency": label, "kind": "部门",
                "year": "2024", "published": "2025-01-2\(i)", "publishedChinese": "2025年1月2\(i)日",
            ]
            if i % 2 == 1 { item["late"] = ["due": "2025年1月31日 <\(i)>"] }
            return item
        }
        let section = try #require(renderer.renderAsIs("section", ["reports": items]))
        #expect(try renderer.list("report-list", items) == section)
        #expect(section.components(separatedBy: "<li>").count == labels.count + 1 && section.contains("&lt;script&gt;"))
        // Two shapes (late or not), each compiled once.
        #expect(renderer.compiled.count == 2)
    }

    /// Every page of the example and of the multi-agency example (as published, with a preamble,
    /// production footers) is the same with and without compiled pages.
    @Test(arguments: [false, true]) func sitesAreTheSameWithAndWithoutCompiledPages(region: Bool) throws {
        let dir = region ? try Fixture.region() : TempDir()
        let content = region ? dir.path + "/Content" : Repo.content
        let templates = region ? dir.path + "/Templates" : Repo.templates
        let out = TempDir()
        var built: [[String: Data]] = []
        for compiled in [true, false] {
            var options = SiteBuilder.Options(content: content, templates: templates, output: out.path + "/Site-\(compiled)")
            options.production = region
            options.compiledPages = compiled
            let result = SiteBuilder.build(options)
            #expect(result.succeeded, "\(result.diagnostics)")
            built.append(files(out.path + "/Site-\(compiled)"))
        }
        #expect(built[0].count > (region ? 40 : 10))
        #expect(built[0].keys.sorted() == built[1].keys.sorted())
        for (path, data) in built[0] where built[1][path] != data {
            Issue.record("\(path) differs with compiled pages")
        }
    }
}
