import Foundation
@testable import NianbaoSite
import Testing

/// `article.html`, the report made to be pasted into a portal's rich-text editor: the report
/// alone, every style inline, the tables as on the page.
@Suite struct ArticleTests {
    static func built() -> (TempDir, page: String, article: String) {
        let out = TempDir()
        let result = SiteBuilder.build(.init(content: Repo.content, templates: Repo.templates, output: out.path + "/Site"))
        #expect(result.succeeded, "\(result.diagnostics)")
        let folder = "Site/2024/shilong-gov-office/"
        return (out, out.read(folder + "index.html"), out.read(folder + "article.html"))
    }

    /// The narrative's tags each get their style, a loose list's paragraph the list one, and
    /// nothing else changes: text that merely looks like a tag is escaped by libcmark, so it is
    /// not one, and what is not a styled tag passes byte for byte.
    @Test func narrativeTagsGetTheirInlineStyles() {
        let p = ArticleMarkup.paragraph, l = ArticleMarkup.list, h = ArticleMarkup.subheading
        let html = "<h3>一</h3>\n<p>正文 &lt;p&gt; 《条例》</p>\n<ul>\n<li>\n<p>甲</p>\n</li>\n</ul>\n<ol>\n<li>乙</li>\n</ol>\n<h4>二</h4>\n<pre><code>x</code></pre>\n"
        let expected = "<h3 style=\"\(h)\">一</h3>\n<p style=\"\(p)\">正文 &lt;p&gt; 《条例》</p>\n<ul style=\"\(l)\">\n"
            + "<li>\n<p style=\"\(ArticleMarkup.listParagraph)\">甲</p>\n</li>\n</ul>\n<ol style=\"\(l)\">\n<li>乙</li>\n</ol>\n"
            + "<h4 style=\"\(h)\">二</h4>\n<pre><code>x</code></pre>\n"
        #expect(ArticleMarkup.narrative(html) == expected)
        #expect(ArticleMarkup.narrative("") == "")
        #expect(ArticleMarkup.narrative("<p") == "<p")
    }

    @Test func holdsNothingOfTheSiteAndNoClasses() throws {
        let (_, page, article) = Self.built()
        for banned in ["<script", "<link", "<style", "class=", "<nav", "<header", "<footer", "<main", "assets/"] {
            #expect(!article.contains(banned), "article.html contains \(banned)")
        }
        // The page links it.
        #expect(page.contains(#"<a href="article.html">正文稿（供网站编辑器粘贴）</a>"#))
        let document = try XMLTreeBuilder.parse(article)
        let headings = document.all("h2").map(\.allText)
        #expect(headings == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"])
        #expect(document.all("h1").map(\.allText) == ["石龙区人民政府办公室2024年政府信息公开工作年度报告"])
    }

    @Test func tablesKeepEveryFigureSpanAndHeaderWithInlineBorders() throws {
        let (_, page, article) = Self.built()
        let onPage = try tables(in: page), inArticle = try tables(in: article)
        #expect(inArticle.keys.sorted() == ["t2", "t3", "t4"])
        var figures = 0
        for id in ["t2", "t3", "t4"] {
            let table = try #require(inArticle[id])
            #expect(table.attributes["border"] == "1" && table.attributes["cellpadding"] != nil, "\(id)")
            #expect(table.attributes["style"]?.contains("border-collapse:collapse") == true, "\(id)")
            let a = TableLayout(table), p = TableLayout(try #require(onPage[id]))
            #expect(a.width == p.width && a.grid.count == p.grid.count, "\(id)")
            func shape(_ cell: TableLayout.Cell) -> [String] {
                [cell.element.name, cell.text, cell.element.attributes["rowspan"] ?? "1", cell.element.attributes["colspan"] ?? "1",
                 cell.element.attributes["scope"] ?? "", cell.element.attributes["headers"] ?? "", cell.element.attributes["id"] ?? ""]
            }
            #expect(a.cells.map(shape) == p.cells.map(shape), "\(id): the article's cells differ from the page's")
            for cell in a.cells {
                let style = cell.element.attributes["style"] ?? ""
                #expect(style.contains("border:1px solid #000000"), "\(id) \(cell.text): \(style)")
                if !cell.isHeader { #expect(style.contains("text-align:right"), "\(id) \(cell.text)") }
                if cell.row < a.headRowCount, cell.isHeader, cell.element.attributes["id"] != "t3-corner" {
                    #expect(style.contains("background-color:"), "\(id) \(cell.text): header rows are shaded")
                }
            }
            figures += a.cells.filter { !$0.isHeader }.count
        }
        #expect(figures == 200)  // every data cell of the three tables
    }

    @Test func narrativeIsThePagesNarrativeWithInlineStyles() throws {
        let (_, page, article) = Self.built()
        let pageDocument = try XMLTreeBuilder.parse(page), articleDocument = try XMLTreeBuilder.parse(article)
        func insideNarrative(_ element: Element) -> Bool {
            var node = element.parent
            while let current = node {
                if current.attributes["class"]?.split(separator: " ").contains("narrative") == true { return true }
                node = current.parent
            }
            return false
        }
        let pageParagraphs = pageDocument.all("p").filter(insideNarrative).map(\.allText)
        let articleParagraphs = articleDocument.all("p").map(\.allText)
        #expect(pageParagraphs.count >= 8)
        #expect(articleParagraphs == pageParagraphs)
        #expect(articleDocument.all("h3").map(\.allText) == pageDocument.all("h3").map(\.allText))
        for paragraph in articleDocument.all("p") {
            #expect(paragraph.attributes["style"]?.contains("text-indent:2em") == true)
        }
    }

    @Test func followsItsReportInIncrementalBuilds() throws {
        let content = Fixture.site()
        // A second year, so that the site is not empty once the 2024 report is gone.
        try FileManager.default.copyItem(atPath: content.path + "/reports/2024/shilong-gov-office", toPath: content.path + "/reports/2023/shilong-gov-office")
        content.write("reports/2023/shilong-gov-office/report.yaml", Fixture.seedYAML.replacingOccurrences(of: "year: 2024", with: "year: 2023"))
        let out = TempDir()
        let site = out.path + "/Site"
        let options = SiteBuilder.Options(content: content.path, templates: Repo.templates, output: site)
        #expect(SiteBuilder.build(options).succeeded)
        let manifest = out.read("Site/" + OutputWriter.manifestName)
        #expect(manifest.contains("2024/shilong-gov-office/article.html"))
        let folder = "reports/2024/shilong-gov-office/"
        content.write(folder + "other.md", content.read(folder + "other.md") + "\n本年度新增的一段话。\n")
        let edited = SiteBuilder.build(options)
        #expect(edited.succeeded && edited.incremental)
        #expect(out.read("Site/2024/shilong-gov-office/article.html").contains("本年度新增的一段话。"))
        #expect(FileManager.default.fileExists(atPath: site + "/2023/shilong-gov-office/article.html"))
        try FileManager.default.removeItem(atPath: content.path + "/reports/2024/shilong-gov-office")
        #expect(SiteBuilder.build(options).succeeded)
        #expect(!FileManager.default.fileExists(atPath: site + "/2024/shilong-gov-office/article.html"))
        #expect(!out.read("Site/" + OutputWriter.manifestName).contains("2024/shilong-gov-office/article.html"))
    }
}
