import Foundation
import NianbaoContent
@testable import NianbaoSite
import Testing

/// What a reader sees around the report: the charts' text size, the 404 page at any depth, the
/// favicon, where printed pages may break in table 三.
@Suite struct PageLayoutTests {
    @Test(arguments: [1, 2, 3]) func chartTextIsOneSizeWhateverTheSeriesAndYears(series count: Int) throws {
        for years in [1, 2, 3, 6] {
            for maximum in [0, 9, 130, 4_800] {
                let chart = TrendChart(
                    id: "c", heading: "h", title: "t", unit: "件", categories: (0..<years).map { "\(2020 + $0)年" },
                    series: (0..<count).map { s in .init(name: String(repeating: "予以公开", count: s + 1), values: (0..<years).map { max(0, maximum - $0 * s) }) })
                let svg = try XMLTreeBuilder.parse(chart.svg).first("svg")!
                let viewBox = svg.attributes["viewBox"]!.split(separator: " ").map { Int($0)! }
                // Drawn at its own size: one user unit is one pixel.
                #expect(svg.attributes["width"] == String(viewBox[2]) && svg.attributes["height"] == String(viewBox[3]))
                #expect(svg.attributes["font-size"] == String(TrendChart.textSize))
                let texts = svg.all("text")
                #expect(texts.count == count + 3 + years * (count + 1))
                for text in texts { #expect(text.attributes["font-size"] == nil, "\(count) series, \(years) years: a text with its own size") }
                // Every text inside the drawing.
                for text in texts {
                    let x = Int(text.attributes["x"]!)!, y = Int(text.attributes["y"]!)!
                    #expect(x > 0 && x < viewBox[2] && y > TrendChart.textSize / 2 && y <= viewBox[3], "\(text.allText) at \(x),\(y)")
                }
            }
        }
        // The stylesheet never scales a chart up (it scrolls when wider than the page).
        let css = try String(contentsOfFile: Repo.templates + "/assets/style.css", encoding: .utf8)
        let rule = try #require(css.range(of: ".chart-wrap svg {").map { css[$0.upperBound...].prefix { $0 != "}" } })
        #expect(!rule.contains("width: 100%") && rule.contains("max-width: none"))
    }

    /// Every link and file of 404.html, resolved as a browser does when a server shows the page
    /// for a missing path at any depth, is a file of the site.
    @Test(arguments: [nil, "https://example.gov.cn/ndbg/"]) func notFoundLinksWorkAtAnyDepth(baseURL: String?) throws {
        let content = Fixture.site()
        if let baseURL { content.write("site.yaml", content.read("site.yaml") + "\nbase_url: \(baseURL)\n") }
        let out = TempDir()
        let result = SiteBuilder.build(.init(content: content.path, templates: Repo.templates, output: out.path + "/Site"))
        #expect(result.succeeded, "\(result.diagnostics)")
        let page = out.read("Site/404.html")
        let origin = "https://example.gov.cn", root = baseURL.map { URL(string: $0)!.path } ?? "/"
        // Not the skip link (#main): it stays on the page, whatever its address.
        let links = try XMLTreeBuilder.parse(page).descendants.compactMap { $0.attributes["href"] ?? $0.attributes["src"] }.filter { !$0.hasPrefix("#") }
        #expect(links.count >= 4)
        for missing in ["missing.html", "2024/missing/", "2024/shilong-gov-office/a/b/c.html"] {
            let requested = URL(string: origin + root + missing)!
            for link in links {
                let url = try #require(URL(string: link, relativeTo: requested)?.absoluteURL)
                if url.host != "example.gov.cn" { continue }
                #expect(url.path.hasPrefix(root), "\(link) from /\(missing) leaves the site: \(url.path)")
                var file = String(url.path.dropFirst(root.count))
                if file.isEmpty || file.hasSuffix("/") { file += "index.html" }
                #expect(FileManager.default.fileExists(atPath: out.path + "/Site/" + file), "\(link) from \(root)\(missing): no \(file)")
            }
        }
    }

    @Test func everyPageHasTheFavicon() throws {
        let out = TempDir()
        #expect(SiteBuilder.build(.init(content: Repo.content, templates: Repo.templates, output: out.path + "/Site")).succeeded)
        for page in ["index.html", "2024/index.html", "2024/shilong-gov-office/index.html", "404.html"] {
            let document = try XMLTreeBuilder.parse(out.read("Site/" + page))
            let icon = try #require(document.first("link") { $0.attributes["rel"] == "icon" }, "\(page)")
            let href = icon.attributes["href"]!
            let resolved = page == "404.html" ? String(href.dropFirst()) : URL(fileURLWithPath: page, relativeTo: URL(fileURLWithPath: "/s/")).deletingLastPathComponent().appendingPathComponent(href).standardized.path.replacingOccurrences(of: "/s/", with: "")
            #expect(FileManager.default.fileExists(atPath: out.path + "/Site/" + resolved), "\(page): \(href)")
        }
        #expect(out.read("Site/assets/favicon.svg").hasPrefix("<svg"))
    }

    /// Printed, table 三 may break only before （二）…（七） and 四: its first rows stay with the
    /// heading, and no group is split.
    @Test func tableThreeBreaksOnlyBetweenRowGroups() throws {
        let grid = ReportTables.tableThreeGrid { _ in Array(repeating: "0", count: 7) }
        let starts = grid.body.filter { $0.classes.contains("group-start") }.map { $0.cells[0].text }
        #expect(starts == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理", "（七）总计", "四、结转下年度继续办理"])
    }
}
