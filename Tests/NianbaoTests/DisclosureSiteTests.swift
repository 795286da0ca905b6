import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords
@testable import NianbaoSite
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The multi-agency, multi-year example of `scripts/fixture-site.py`, built once for production.
final class ExampleSite: @unchecked Sendable {
    /// Holds `Content/` and `Templates/` (the 党政机关网站标识 image) as the script lays them out.
    let folder = TempDir()
    let output = TempDir()
    let result: SiteBuilder.Result
    var content: String { folder.path + "/Content" }
    var templates: String { folder.path + "/Templates" }

    static let shared = ExampleSite()

    init() {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repo.root.path + "/scripts/fixture-site.py", folder.path]
        try! process.run()
        process.waitUntilExit()
        precondition(process.terminationStatus == 0, "scripts/fixture-site.py failed")
        var options = SiteBuilder.Options(content: folder.path + "/Content", templates: folder.path + "/Templates", output: output.path + "/Site")
        options.production = true
        result = SiteBuilder.build(options)
    }

    func read(_ path: String) -> String { output.read("Site/" + path) }
    func data(_ path: String) -> Data { FileManager.default.contents(atPath: output.path + "/Site/" + path)! }
    /// The entries of every year's `data/<year>/reports.json`, as `data/index.json` lists the files.
    func allReportEntries() throws -> [[String: Any]] {
        let index = try JSONSerialization.jsonObject(with: data("data/index.json")) as! [String: Any]
        return try (index["years"] as! [[String: Any]]).flatMap { year -> [[String: Any]] in
            let file = (year["files"] as! [[String: Any]]).first { $0["format"] as? String == "JSON" }!["path"] as! String
            let json = try JSONSerialization.jsonObject(with: data(file)) as! [String: Any]
            return json["reports"] as! [[String: Any]]
        }
    }
    /// The site's pages (not the reports' articles, which are made to be pasted elsewhere: ArticleTests).
    var pages: [String] { files(output.path + "/Site").keys.filter { $0.hasSuffix(".html") && !$0.hasSuffix("/article.html") }.sorted() }
}

/// CSV as nianbao writes it: BOM, CRLF, fields quoted only when needed.
func parseCSV(_ data: Data) throws -> [[String]] {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    #expect(Array(data.prefix(3)) == bom, "CSV starts with a UTF-8 byte-order mark")
    let text = String(decoding: data.dropFirst(3), as: UTF8.self)
    #expect(text.hasSuffix("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line ends only")
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text)
    chars.append("\r")
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"", i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 }
            else if c == "\"" { quoted = false }
            else { field.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(field); field = "" }
        else if c == "\r\n" || c == "\r" {
            if !(row.isEmpty && field.isEmpty) { row.append(field); rows.append(row) }
            row = []; field = ""
        } else { field.append(c) }
        i += 1
    }
    return rows
}

@Suite struct DisclosureSiteTests {
    let site = ExampleSite.shared

    /// Download sizes read as `%.1f` prints them (an exact half rounds to even), around every
    /// boundary: bytes to KB, KB to MB, and the halves.
    @Test func fileSizesReadAsPrintfPrintsThem() {
        var sizes = [0, 1, 1023, 1024, 1075, 1076, 1126, 1127, 1024 * 1024 - 52, 1024 * 1024 - 51, 1024 * 1024, 5 * 1024 * 1024 + 52_428]
        sizes += stride(from: 1000, to: 3_000_000, by: 997)
        for bytes in sizes {
            let kb = Double(bytes) / 1024
            let printf = bytes < 1024 ? "\(bytes) 字节" : kb < 1024 ? String(format: "%.1f KB", kb) : String(format: "%.1f MB", kb / 1024)
            #expect(OpenData.size(bytes) == printf, "\(bytes)")
        }
    }

    @Test func theExampleBuilds() {
        #expect(site.result.succeeded, "\(site.result.diagnostics)")
        #expect(site.result.diagnostics.map(\.rule) == ["deadline.late"])  // the one late report, on purpose
    }

    // MARK: Agencies

    /// A list read without diagnostics is kept for the next build; what it gives back is what a
    /// parse gives, and only for the same text, path and program.
    @Test func theAgencyListKeptBetweenBuildsIsTheListParsed() throws {
        let content = ExampleSite.shared.content
        let parsed = ContentLoader.discover(content).agencies
        #expect(parsed.count > 3)
        let state = TempDir()
        let cache = URL(fileURLWithPath: state.path + "/agencies")
        var first = ContentLoader.discover(content, parseAgencies: false)
        AgencyRecord.parse(&first, BuildRecords(folder: cache.deletingLastPathComponent()), validity: ContentHash("program 1"))
        #expect(first.agencies == parsed && FileManager.default.fileExists(atPath: cache.path))
        let kept = try String(contentsOf: cache, encoding: .utf8)
        // Read back: the same list, even with the YAML unreadable (proof it was not parsed again).
        var second = ContentLoader.discover(content, parseAgencies: false)
        AgencyRecord.parse(&second, BuildRecords(folder: cache.deletingLastPathComponent()), validity: ContentHash("program 1"))
        #expect(second.agencies == parsed && second.agencyIndex?.count == parsed.count)
        try (kept.replacingOccurrences(of: parsed[0].name, with: "改过的名称")).write(to: cache, atomically: true, encoding: .utf8)
        var tampered = ContentLoader.discover(content, parseAgencies: false)
        AgencyRecord.parse(&tampered, BuildRecords(folder: cache.deletingLastPathComponent()), validity: ContentHash("program 1"))
        #expect(tampered.agencies.first?.name == "改过的名称")  // the kept list is what is used…
        var other = ContentLoader.discover(content, parseAgencies: false)
        AgencyRecord.parse(&other, BuildRecords(folder: cache.deletingLastPathComponent()), validity: ContentHash("program 2"))
        #expect(other.agencies == parsed)  // …but only for the program that kept it
        // A list with a diagnostic is not kept: its findings are reported on every build.
        let broken = TempDir()
        broken.write("site.yaml", "title: 测试\n")
        broken.write("agencies.yaml", "- slug: a\n  name: 甲\n  kind: 不存在的类别\n")
        broken.write("reports/.keep", "")
        var withError = ContentLoader.discover(broken.path, parseAgencies: false)
        let brokenCache = URL(fileURLWithPath: state.path + "/broken/agencies")
        AgencyRecord.parse(&withError, BuildRecords(folder: brokenCache.deletingLastPathComponent()), validity: ContentHash("program 1"))
        #expect(withError.diagnostics.map(\.rule) == ["value.type"])
        #expect(!FileManager.default.fileExists(atPath: brokenCache.path))
    }

    @Test func aFolderNotInTheAgencyListIsAnErrorAtItsAgencyLine() throws {
        let dir = Fixture.site()
        dir.write("agencies.yaml", "- slug: shilong-gov-offce\n  name: 石龙区人民政府办公室\n  kind: 政府部门\n")
        let (_, diagnostics) = Fixture.load(dir)
        let error = try #require(diagnostics.first { $0.rule == "agency.unlisted" })
        #expect(error.severity == .error)
        #expect(error.location == SourceLocation(file: dir.path + "/reports/2024/shilong-gov-office/report.yaml", line: 3, column: 9))
        #expect(error.message.contains("shilong-gov-office") && error.message.contains("是否应为「shilong-gov-offce」"))
    }

    @Test func theAgencyNameMustBeTheListedOne() throws {
        let dir = Fixture.site()
        dir.write("agencies.yaml", "# 列表\n- slug: shilong-gov-office\n  name: 石龙区人民政府办公室（旧称）\n  kind: 政府部门\n")
        let (_, diagnostics) = Fixture.load(dir)
        let error = try #require(diagnostics.first { $0.rule == "agency.name" })
        #expect(error.location?.line == 3 && error.expected == "石龙区人民政府办公室（旧称）" && error.actual == "石龙区人民政府办公室")
        #expect(error.related.first?.location == SourceLocation(file: dir.path + "/agencies.yaml", line: 2, column: 9))
    }

    @Test func aSlugListedTwiceIsAnError() throws {
        let dir = Fixture.site()
        dir.write("agencies.yaml", """
            - slug: shilong-gov-office
              name: 石龙区人民政府办公室
              kind: 政府部门
            - slug: shilong-gov-office
              name: 石龙区人民政府办公室
              kind: 其他

            """)
        let (_, diagnostics) = Fixture.load(dir)
        let error = try #require(diagnostics.first { $0.rule == "agency.duplicate" })
        #expect(error.location?.line == 4 && error.related.first?.location.line == 1)
    }

    // MARK: Index pages

    @Test func homeGroupsTheLatestYearByKindAndNamesWhoIsMissing() throws {
        let home = site.read("index.html")
        let latest = try #require(home.range(of: "<h2 id=\"latest-h\">2024年度报告</h2>"))
        let missing = try #require(home.range(of: "<h2 id=\"missing-h\">"))
        let part = String(home[latest.upperBound..<missing.lowerBound])
        // Kinds in the official order, agencies in list order within a kind.
        let order = ["<h3>本级政府</h3>", "示例区人民政府", "<h3>政府部门</h3>", "示例区教育局", "示例区卫生健康委员会", "<h3>乡镇街道</h3>", "示例镇人民政府", "示例街道办事处"]
        let positions = order.map { part.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil } && positions.map { $0! } == positions.map { $0! }.sorted())
        #expect(!part.contains("示例区自然资源局"))
        let missingPart = String(home[missing.lowerBound...])
        #expect(missingPart.contains("以下 1 个机关在本站尚无2024年度报告") && missingPart.contains("示例区自然资源局"))
        for year in 2022...2024 { #expect(home.contains("<a href=\"\(year)/\">\(year)年度</a>")) }
        for slug in ["shili-gov", "shili-edu", "shili-health", "shili-resources", "shili-town", "shili-street"] {
            #expect(home.contains("<a href=\"agencies/\(slug)/\">"))
        }
    }

    @Test func yearPagesListEveryReportAndFlagLateOnes() throws {
        let page = site.read("2023/index.html")
        let document = try XMLTreeBuilder.parse(page)
        let items = try #require(document.first("ul") { $0.attributes["class"] == "report-list" }).all("li")
        #expect(items.count == 6)
        let late = items.filter { $0.first("strong") { $0.attributes["class"] == "late" } != nil }
        #expect(late.map { $0.first("a")!.allText } == ["示例区卫生健康委员会"])
        #expect(late.first?.allText.contains("2024年2月15日") == true && late.first?.allText.contains("法定期限 2024年1月31日") == true)
        // The government's own report published in March is within its deadline (31 March).
        let government = try #require(items.first { $0.first("a")!.allText == "示例区人民政府" })
        #expect(government.allText.contains("年3月") && government.first("strong") == nil)
    }

    @Test func agencyPagesHaveEveryYearAndChartsWithTheirNumbers() throws {
        let page = site.read("agencies/shili-health/index.html")
        let document = try XMLTreeBuilder.parse(page)
        let links = try #require(document.first("ul") { $0.attributes["class"] == "report-list" }).all("a").map { $0.attributes["href"]! }
        #expect(links == ["../../2024/shili-health/", "../../2023/shili-health/", "../../2022/shili-health/"])
        let charts = document.all("svg")
        #expect(charts.count == 2)
        let reports = try site.allReportEntries().filter { $0["slug"] as? String == "shili-health" }
            .sorted { ($0["year"] as! Int) < ($1["year"] as! Int) }
        for (chart, keys) in zip(charts, [["received", "granted", "not_granted"], ["reviews", "lawsuits"]]) {
            #expect(chart.attributes["role"] == "img")
            let labelled = chart.attributes["aria-labelledby"]!.split(separator: " ").map(String.init)
            #expect(labelled.count == 2 && chart.first("title")?.attributes["id"] == labelled[0] && chart.first("desc")?.attributes["id"] == labelled[1])
            // The description and the table beside the chart give the same numbers as the open data.
            let description = chart.first("desc")!.allText
            let figure = try #require(document.first("figure") { $0.first("svg") === chart })
            let rows = try #require(figure.first("tbody")).all("tr")
            #expect(rows.count == reports.count)
            for (row, report) in zip(rows, reports) {
                let year = "\(report["year"] as! Int)年"
                #expect(row.first("th")?.allText == year)
                let values = row.all("td").map(\.allText)
                #expect(values == keys.map { String(report[$0] as! Int) })
                #expect(description.contains(year))
                for value in values { #expect(description.contains(" \(value) 件")) }
            }
        }
    }

    @Test func theYearlySummaryIsTheSumOfTheYearsReports() throws {
        let tablesOnPage = try tables(in: site.read("2023/index.html"))
        let summary = try #require(tablesOnPage["t3"])
        let layout = TableLayout(summary)
        let dataCells = layout.cells.filter { !$0.isHeader }.map { Int($0.text)! }
        var sum = Array(repeating: 0, count: 25 * 7)
        for slug in ["shili-gov", "shili-edu", "shili-health", "shili-resources", "shili-town", "shili-street"] {
            let rows = try parseCSV(site.data("2023/\(slug)/report.csv"))
            for (r, row) in rows.dropFirst().enumerated() {
                for (c, value) in row.dropFirst().enumerated() { sum[r * 7 + c] += Int(value)! }
            }
        }
        #expect(dataCells == sum)
        // Same official structure as on a report page: same header cells, spans and ids.
        let reportTable = try #require(try tables(in: site.read("2023/shili-edu/index.html"))["t3"])
        let a = TableLayout(summary).cells.filter(\.isHeader).map { "\($0.element.attributes.sorted { $0.key < $1.key })\($0.text)" }
        let b = TableLayout(reportTable).cells.filter(\.isHeader).map { "\($0.element.attributes.sorted { $0.key < $1.key })\($0.text)" }
        #expect(a == b)
        let four = TableLayout(try #require(tablesOnPage["t4"])).cells.filter { !$0.isHeader }.map(\.text)
        #expect(four.count == 15)
        let page = site.read("2023/index.html")
        #expect(page.contains("汇总涵盖的机关：示例区人民政府、示例区教育局、示例区卫生健康委员会、示例区自然资源局、示例镇人民政府、示例街道办事处。"))
    }

    // MARK: Open data

    @Test func everyTableCellEqualsItsCSVCell() throws {
        let output = TempDir()
        #expect(SiteBuilder.build(.init(content: Repo.content, templates: nil, output: output.path)).succeeded)
        let folder = output.path + "/2024/shilong-gov-office/"
        let page = try String(contentsOfFile: folder + "index.html", encoding: .utf8)
        let onPage = try tables(in: page)
        func csv(_ name: String) throws -> [[String]] { try parseCSV(FileManager.default.contents(atPath: folder + name)!) }

        // 三: the header is each column's flattened header path; each row's label its row path.
        let three = TableLayout(try #require(onPage["t3"]))
        let threeCSV = try csv("report.csv")
        #expect(threeCSV[0] == ["项目", "自然人", "法人或其他组织/商业企业", "法人或其他组织/科研机构", "法人或其他组织/社会公益组织",
                                "法人或其他组织/法律服务机构", "法人或其他组织/其他", "总计"])
        let threeData = three.cells.filter { !$0.isHeader }
        #expect(threeData.count == 25 * 7 && threeCSV.count == 26)
        for cell in threeData {
            let r = cell.row - three.headRowCount
            let c = cell.column - (three.width - 7)
            #expect(threeCSV[r + 1][c + 1] == cell.text, "表三 (\(r), \(c))")
            let labels = three.headerLabels(cell)
            // Row labels on the page are the CSV's row path; column labels its header path.
            #expect(threeCSV[r + 1][0].split(separator: "/").map(String.init) == Array(labels.prefix { !["申请人情况"].contains($0) }))
            #expect(labels.suffix(threeCSV[0][c + 1].split(separator: "/").count).joined(separator: "/") == threeCSV[0][c + 1])
        }
        // The JSON says the same, typed.
        let json = try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: folder + "report.json")!) as! [String: Any]
        #expect(json["year"] as? Int == 2024 && json["published"] as? String == "2025-01-20" && json["late"] as? Bool == false)
        let tablesJSON = json["tables"] as! [String: Any]
        let rows = (tablesJSON["applications"] as! [String: Any])["rows"] as! [[String: Any]]
        for (r, row) in rows.enumerated() { #expect((row["values"] as! [Int]).map(String.init) == Array(threeCSV[r + 1].dropFirst())) }
        // 二 and 四 (small tables, no CSV of their own): every cell against the JSON, with its labels.
        let two = TableLayout(try #require(onPage["t2"]))
        let twoData = two.cells.filter { !$0.isHeader }
        let cells = (tablesJSON["active_disclosure"] as! [String: Any])["cells"] as! [[String: Any]]
        #expect(cells.count == twoData.count)
        for (cell, item) in zip(twoData, cells) {
            #expect("\(item["value"]!)" == cell.text)
            #expect(two.headerLabels(cell) == [item["group"] as! String, item["row_label"] as! String, item["column_label"] as! String])
        }
        let four = TableLayout(try #require(onPage["t4"]))
        let fourData = four.cells.filter { !$0.isHeader }
        let review = tablesJSON["review_and_litigation"] as! [String: Any]
        let outcomes = review["columns"] as! [String]
        let groups = review["groups"] as! [[String: Any]]
        var fourJSON: [(String, String)] = []
        for group in groups {
            for (outcome, value) in zip(outcomes, group["values"] as! [Int]) { fourJSON.append(((group["label"] as! String) + "/" + outcome, String(value))) }
        }
        #expect(fourData.count == 15 && fourJSON.count == 15)
        for (cell, (label, value)) in zip(fourData, fourJSON) {
            #expect(cell.text == value && four.headerLabels(cell).joined(separator: "/") == label)
        }
        // Download links with format and size, next to each table.
        for name in ["report.csv", "report.json"] {
            let size = FileManager.default.contents(atPath: folder + name)!.count
            #expect(page.contains("<a href=\"\(name)\" type=\"\(name.hasSuffix("csv") ? "text/csv" : "application/json")\">\(name.hasSuffix("csv") ? "CSV" : "JSON")（\(OpenData.size(size))）</a>"))
        }
    }

    @Test func yearsDataCoverEveryReportAndRow() throws {
        // data/index.json: every year, newest first, with its number of reports and its files' sizes.
        let index = try JSONSerialization.jsonObject(with: site.data("data/index.json")) as! [String: Any]
        let years = index["years"] as! [[String: Any]]
        #expect(years.map { $0["year"] as! Int } == [2024, 2023, 2022])
        let home = site.read("index.html")
        #expect(home.contains("<a href=\"data/index.json\" type=\"application/json\">"))
        var total = 0
        for entry in years {
            let year = entry["year"] as! Int, count = entry["reports"] as! Int
            let files = entry["files"] as! [[String: Any]]
            #expect(files.map { $0["path"] as! String } == ["data/\(year)/reports.json", "data/\(year)/applications.csv"])
            for file in files {
                let path = file["path"] as! String
                #expect(file["bytes"] as? Int == site.data(path).count, "\(path)")
                #expect((file["url"] as? String) == "https://example.gov.cn/ndbg/" + path)
                // Linked, with its size, from the home page and from its year's page (only its own year's).
                let type = path.hasSuffix(".csv") ? "text/csv" : "application/json"
                #expect(home.contains("<a href=\"\(path)\" type=\"\(type)\">") && home.contains(OpenData.size(site.data(path).count)))
                let yearPage = site.read("\(year)/index.html")
                #expect(yearPage.contains("<a href=\"../\(path)\" type=\"\(type)\">"), "\(year)/index.html links \(path)")
                for other in years where other["year"] as! Int != year {
                    #expect(!yearPage.contains("data/\(other["year"] as! Int)/"), "\(year)/index.html links another year's data")
                }
            }
            let rows = try parseCSV(site.data("data/\(year)/applications.csv"))
            #expect(rows[0].prefix(5) == ["年度", "发布机关", "目录名", "发布日期", "项目"] && rows[0].count == 12)
            #expect(rows.count == 1 + count * 25 && rows.dropFirst().allSatisfy { $0[0] == String(year) })
            let json = try JSONSerialization.jsonObject(with: site.data("data/\(year)/reports.json")) as! [String: Any]
            #expect(json["year"] as? Int == year && (json["reports"] as! [[String: Any]]).count == count)
            total += count
        }
        #expect(total == 17)
        let edu = try parseCSV(site.data("data/2022/applications.csv")).filter { $0[2] == "shili-edu" }
        let own = try parseCSV(site.data("2022/shili-edu/report.csv"))
        #expect(edu.map { Array($0.dropFirst(4)) } == Array(own.dropFirst()))
        #expect(!FileManager.default.fileExists(atPath: site.output.path + "/Site/data/reports.json"))
    }

    @Test func siteWideFilesWrittenInPiecesAreTheSameBytes() throws {
        var rng = SeededRandom(for: "siteWideFilesWrittenInPiecesAreTheSameBytes")
        // The hash of bytes in pieces equals the hash of the whole.
        // (32-byte blocks go through four lanes: lengths and pieces on both sides of 32 and 64.)
        for round in 0..<200 {
            let bytes = (0..<(round < 80 ? round : Int.random(in: 0..<300, using: &rng))).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var stream = ContentHash.Stream()
            var i = 0
            while i < bytes.count {
                let n = min(Int.random(in: 0...(round % 2 == 0 ? 17 : 70), using: &rng), bytes.count - i)
                bytes[i..<(i + n)].withUnsafeBytes { stream.combine($0) }
                i += n
            }
            #expect(stream.value == bytes.withUnsafeBytes { ContentHash($0) })
        }
        // Pieces of 1, 2 and 5 reports give the file the build wrote.
        let content = ExampleSite.shared.content
        let (loaded, _) = ContentLoader.load(content)
        let agencies = ContentLoader.discover(content).agencies
        let index = SiteIndex(site: loaded.site!, agencies: agencies, hasList: true, summaries: loaded.reports.map { ReportSummary($0, inputHash: ContentHash()) })
        for piece in [1, 2, 5] {
            for year in index.years {
                var json = Data(), csv = Data()
                OpenData.reportsJSON(index, year: year, piece: piece) { json.append(contentsOf: $0) }
                OpenData.allApplicationsCSV(index, year: year, piece: piece) { csv.append(contentsOf: $0) }
                #expect(json == site.data("data/\(year)/reports.json"), "piece \(piece)")
                #expect(csv == site.data("data/\(year)/applications.csv"), "piece \(piece)")
            }
        }
        // Made again after a report's date changed and another one went: copying the fragments
        // of the others from the previous file gives the file made from scratch.
        // Both when the order of reports changed (places found by name) and when it did not (by position).
        func redated(_ report: ReportSummary) -> ReportSummary {
            ReportSummary(slug: report.slug, year: report.year, agency: report.agency, published: "2099-12-31",
                          inputHash: report.inputHash, figuresText: report.figuresText)
        }
        var moved = index.reports
        let first = moved.removeFirst()
        moved.removeLast()
        moved.append(redated(first))
        var inPlace = index.reports
        inPlace[1] = redated(inPlace[1])
        let state = TempDir()
        for changed in [moved, inPlace] {
            let after = SiteIndex(site: loaded.site!, agencies: agencies, hasList: true, summaries: changed)
            // The first list lost a report (found by name), the second has the same reports in the same order.
            #expect((after.reports.map(\.key) == index.reports.map(\.key)) == (changed == inPlace))
            // (The files of one year hold that year's reports; the copying does not depend on which reports they are.)
            let year = index.years[0]
            for (before, now) in [(OpenData.reportsJSON(index, year: year), OpenData.reportsJSON(after, year: year)), (OpenData.allApplicationsCSV(), OpenData.allApplicationsCSV())] {
                var old = Data()
                let written = before.write(index.reports, piece: 2) { old.append(contentsOf: $0) }
                // Through the state folder, read for the order of now.
                let folder = BuildRecords(folder: URL(fileURLWithPath: state.path))
                try written.write(folder, path: "data/x", inputs: ContentHash("i"), content: ContentHash("c"))
                let layout = try #require(SiteWideFile.Layout.read(
                    folder, path: "data/x", inputs: ContentHash("i"), content: ContentHash("c"), order: after.reports.map(\.key)))
                #expect(layout.places == written.places)
                #expect(SiteWideFile.Layout.read(folder, path: "data/x", inputs: ContentHash("i"), content: ContentHash("d"), order: []) == nil)
                var fresh = Data(), reused = Data()
                let freshLayout = now.write(after.reports, piece: 3) { fresh.append(contentsOf: $0) }
                var copied = 0, calls = 0
                let reusedLayout = now.write(after.reports, piece: 3, previous: (layout, old)) {
                    reused.append(contentsOf: $0)
                    calls += 1
                }
                for report in after.reports where layout.places[report.key]?.key == reusedLayout.places[report.key]?.key { copied += 1 }
                #expect(reused == fresh && reusedLayout == freshLayout)
                #expect(copied == after.reports.count - 1, "every fragment but the changed report's is copied")
                // Runs of copied fragments go out in one piece each, with the separators between
                // them: head, runs around the report gone and the one changed, that one, tail.
                #expect(calls <= 9 && calls < after.reports.count, "\(calls) writes for \(after.reports.count) reports")
                for (key, place) in reusedLayout.places {
                    let report = after.reports.first { $0.key == key }!
                    #expect(Array(fresh[place.range]) == now.fragment(report), "\(key) is where the layout says")
                }
            }
        }
    }

    // MARK: Portal conventions

    @Test func everyPageHasThePortalMetaTagsAndFooter() throws {
        for path in site.pages {
            let page = site.read(path)
            for name in ["SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "Url"] {
                #expect(page.contains("<meta name=\"\(name)\" content=\""), "\(path): \(name)")
            }
            #expect(page.contains("<meta name=\"SiteDomain\" content=\"example.gov.cn\" />"))
            #expect(page.contains("网站标识码：0000000000"))
            #expect(page.contains("<a href=\"https://beian.miit.gov.cn/\">示ICP备00000000号（示例）</a>"))
            #expect(page.contains("联系方式：电话 000-00000000（示例）"))
        }
        let report = site.read("2024/shili-edu/index.html")
        for tag in ["<meta name=\"ArticleTitle\" content=\"示例区教育局2024年政府信息公开工作年度报告\" />",
                    "<meta name=\"ContentSource\" content=\"示例区教育局\" />",
                    "<meta name=\"Url\" content=\"https://example.gov.cn/ndbg/2024/shili-edu/\" />",
                    "<meta name=\"Keywords\" content=\"政府信息公开,年度报告,2024年,示例区教育局\" />"] {
            #expect(report.contains(tag), "\(tag)")
        }
        #expect(report.contains("<meta name=\"PubDate\" content=\"2025-01-") && report.contains("<meta name=\"Description\" content=\"示例区教育局2024年政府信息公开工作年度报告：本年新收政府信息公开申请"))
    }

    @Test func productionRefusesEmptyFooterFieldsAndNamesThem() throws {
        let dir = Fixture.site()
        dir.write("site.yaml", "title: 石龙区政府信息公开工作年度报告\norganization: 石龙区人民政府办公室\ncontact: \"\"\n")
        let out = TempDir()
        var options = SiteBuilder.Options(content: dir.path, templates: nil, output: out.path + "/Site")
        #expect(SiteBuilder.build(options).succeeded)  // a preview build shows what there is
        options.production = true
        let result = SiteBuilder.build(options)
        #expect(!result.succeeded)
        let missing = result.diagnostics.filter { $0.rule == "site.production" }
        #expect(missing.count == 7)  // all but 网站主办单位
        let contact = try #require(missing.first { $0.expected == "联系方式" })
        #expect(contact.location?.line == 3 && contact.message.contains("此处为空"))
        #expect(missing.contains { $0.expected == "ICP备案编号" && $0.location?.line == 1 && $0.message.contains("未填写") })

        // With every field (and the mark's image among the theme's assets) it builds.
        let theme = TempDir()
        theme.write("assets/conac.png", Data([0x89, 0x50, 0x4E, 0x47]))
        dir.write("site.yaml", """
            title: 石龙区政府信息公开工作年度报告
            organization: 石龙区人民政府办公室
            contact: 电话 0000-0000000（示例）
            site_code: "0000000000"
            icp: 示ICP备00000000号
            police_record: 示公网安备 00000000000001号
            conac:
              link: https://bszs.conac.cn/sitename?method=show&id=0
              image: assets/conac.png
            base_url: https://example.gov.cn/

            """)
        options.templates = theme.path
        let ok = SiteBuilder.build(options)
        #expect(ok.succeeded, "\(ok.diagnostics)")
        let home = out.read("Site/index.html")
        #expect(home.contains("<a href=\"https://bszs.conac.cn/sitename?method=show&amp;id=0\"><img src=\"assets/conac.png\" alt=\"党政机关网站标识\""))
        #expect(home.contains("<a href=\"https://beian.mps.gov.cn/#/query/webSearch?code=00000000000001\">示公网安备 00000000000001号</a>"))
    }

    // MARK: Site files

    @Test func sitemapAndFeedUseAbsoluteURLsOfPagesThatExist() throws {
        let sitemap = try XMLTreeBuilder.parse(site.read("sitemap.xml"))
        let locations = sitemap.all("loc").map(\.allText)
        #expect(locations.count == 1 + 1 + 3 + 6 + 17)
        for url in locations {
            #expect(url.hasPrefix("https://example.gov.cn/ndbg/"))
            let path = String(url.dropFirst("https://example.gov.cn/ndbg/".count))
            #expect(FileManager.default.fileExists(atPath: site.output.path + "/Site/" + (path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path)), "\(url)")
        }
        let feed = try XMLTreeBuilder.parse(site.read("feed.xml"))
        let entries = feed.all("entry")
        #expect(entries.count == 17)
        let dates = entries.map { $0.first("published")!.allText }
        #expect(dates == dates.sorted(by: >))
        #expect(entries.first?.first("id")?.allText == "https://example.gov.cn/ndbg/2024/shili-gov/")
    }

    @Test func theFeedListsTheNewestReportsInDateThenListOrder() throws {
        // More reports than the feed lists, many on the same day: the feed's reports are the
        // first `feedSize` of all reports sorted by date (newest first), ties in list order.
        let content = ExampleSite.shared.content
        let (loaded, _) = ContentLoader.load(content)
        let agencies = ContentLoader.discover(content).agencies
        var slugs: Set<String> = []
        let base = loaded.reports.map { ReportSummary($0, inputHash: ContentHash()) }.filter { slugs.insert($0.slug).inserted }
        var rng = SeededRandom(for: "theFeedListsTheNewestReportsInDateThenListOrder")
        for round in 0..<20 {
            var summaries: [ReportSummary] = []
            for year in 2021...2021 + round % 5 + 8 {
                for report in base {
                    let day = Int.random(in: 1...(round < 10 ? 3 : 28), using: &rng)
                    summaries.append(ReportSummary(
                        slug: report.slug, year: year, agency: report.agency, published: String(format: "%04d-01-%02d", year + 1, day),
                        inputHash: report.inputHash, figuresText: report.figuresText))
                }
            }
            let index = SiteIndex(site: loaded.site!, agencies: agencies, hasList: true, summaries: summaries)
            #expect(index.reports.count > SiteFiles.feedSize)
            let expected = index.reports.enumerated().sorted { a, b in
                a.element.published != b.element.published ? a.element.published > b.element.published : a.offset < b.offset
            }.prefix(SiteFiles.feedSize).map(\.element.key)
            #expect(SiteFiles.newest(index).map(\.key) == Array(expected), "round \(round)")
        }
    }

    @Test func everyPageHasBreadcrumbsOneH1AndAUniqueTitle() throws {
        var titles: [String: String] = [:]
        for path in site.pages {
            let document = try XMLTreeBuilder.parse(site.read(path))
            #expect(document.all("h1").count == 1, "\(path)")
            let crumbs = try #require(document.first("nav") { $0.attributes["aria-label"] == "当前位置" }, "\(path)")
            #expect(crumbs.first("span") { $0.attributes["aria-current"] == "page" } != nil)
            #expect(document.first("a") { $0.attributes["class"] == "skip-link" } != nil)
            #expect(document.first("main") != nil && document.first("header") != nil && document.first("footer") != nil)
            let title = document.first("title")!.allText
            #expect(titles[title] == nil, "\(path) and \(titles[title] ?? "") share the title \(title)")
            titles[title] = path
            // Nothing from another origin: every src and stylesheet is relative.
            for element in document.descendants {
                for attribute in ["src"] { if let v = element.attributes[attribute] { #expect(!v.contains("//"), "\(path): \(v)") } }
                if element.name == "link", element.attributes["rel"] == "stylesheet" { #expect(!element.attributes["href"]!.contains("//")) }
                #expect(element.name != "script")
            }
        }
        #expect(site.pages.count == 1 + 1 + 1 + 3 + 6 + 17)  // home, site map, 404, years, agencies, reports
    }

    @Test func namesFromContentAreEscapedEverywhere() throws {
        let dir = Fixture.site()
        let hostile = "石龙区<script>alert(1)</script>\"'&办公室"
        dir.write("agencies.yaml", "- slug: shilong-gov-office\n  name: '\(hostile.replacingOccurrences(of: "'", with: "''"))'\n  kind: 政府部门\n")
        let path = "reports/2024/shilong-gov-office/report.yaml"
        dir.write(path, dir.read(path).replacingOccurrences(of: "agency: 石龙区人民政府办公室", with: "agency: '\(hostile.replacingOccurrences(of: "'", with: "''"))'"))
        let out = TempDir()
        let result = SiteBuilder.build(.init(content: dir.path, templates: nil, output: out.path + "/Site"))
        #expect(result.succeeded, "\(result.diagnostics)")
        for (file, data) in files(out.path + "/Site") {
            let text = String(decoding: data, as: UTF8.self)
            if file.hasSuffix(".html") {
                let document = try XMLTreeBuilder.parse(text)
                #expect(document.all("script").isEmpty, "\(file)")
                #expect(!text.contains("<script>"), "\(file)")
            } else if file.hasSuffix(".json") {
                _ = try JSONSerialization.jsonObject(with: data)
            } else if file.hasSuffix(".csv") {
                let rows = try parseCSV(data)
                #expect(rows.allSatisfy { $0.count == rows[0].count }, "\(file)")
            }
        }
        let rows = try parseCSV(FileManager.default.contents(atPath: out.path + "/Site/data/2024/applications.csv")!)
        #expect(rows[1][1] == hostile)
    }
}
