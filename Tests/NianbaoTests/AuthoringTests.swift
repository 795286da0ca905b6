import Foundation
import NianbaoAuthoring
import NianbaoContent
import NianbaoModel
import NianbaoSite
import Testing

@Suite struct AuthoringTests {
    @Test func newReportHasEveryKeyAtZeroWithItsOfficialLabel() throws {
        let dir = Fixture.site()
        let (folder, listing) = try SiteScaffold.newReport(agency: "石龙区教育局", slug: "shilong-edu", year: 2025, content: dir.path)
        #expect(listing == .noList)
        let yaml = dir.read("reports/2025/shilong-edu/report.yaml")
        // Every official label of the three tables stands in a comment.
        var labels = ReportFormat.tableTwo.flatMap { $0.rows.map(\.label) + [$0.heading] }
        labels += ReportFormat.tableThreeRowPaths.flatMap { $0.nodes.map(\.label) }
        labels += ReportFormat.tableFourGroups.map(\.label)
        for label in labels { #expect(yaml.contains("# \(label)"), "\(label)") }

        let (content, found) = Fixture.load(dir)
        #expect(found.allSatisfy { $0.rule == "narrative.empty" }, "\(found)")
        let report = try #require(content.reports.first { $0.slug == "shilong-edu" })
        #expect(report.folder == folder)
        #expect(report.tableThree.count == ReportFormat.tableThreeRowPaths.count)  // including （七）总计
        #expect(report.tableThree.values.allSatisfy { $0.cells.count == 7 && $0.cells.allSatisfy { $0?.value == .count(0) } })
        #expect(report.tableFour.count == 3 && report.tableTwo.count == 6)
        for name in ["overview.md", "problems.md", "other.md"] { #expect(report.narrative[name] != nil) }
    }

    @Test func newReportPassesCheckOnceFilledWithConsistentNumbers() throws {
        let dir = Fixture.site()
        _ = try SiteScaffold.newReport(agency: "石龙区人民政府办公室", slug: "shilong-gov-office", year: 2025, content: dir.path)
        // The seed's figures, typed into the new file below its header.
        let path = "reports/2025/shilong-gov-office/report.yaml"
        let scaffold = dir.read(path)
        let seed = Fixture.seedYAML
        let filled = scaffold[..<scaffold.range(of: "# 二、主动公开政府信息情况")!.lowerBound]
            + seed[seed.range(of: "# 二、主动公开政府信息情况")!.lowerBound...]
        dir.write(path, String(filled).replacingOccurrences(of: "published: 2026-01-31", with: "published: 2026-01-20"))
        let found = Fixture.load(dir).1
        #expect(!found.hasErrors, "\(found)")
        // What is left are the reminders that the narrative is still empty, and (the figures being
        // the 2024 report's) that its tables repeat last year's.
        #expect(Set(found.map(\.rule)) == ["narrative.empty", "cross.copied"])
        #expect(found.filter { $0.rule == "cross.copied" }.allSatisfy { $0.location!.file.hasSuffix("2025/shilong-gov-office/report.yaml") })
    }

    @Test func newRefusesWhatItCannotDo() throws {
        let dir = Fixture.site()
        #expect(throws: SiteScaffold.Failure.self) {
            try SiteScaffold.newReport(agency: "石龙区人民政府办公室", slug: "shilong-gov-office", year: 2024, content: dir.path)
        }
        #expect(throws: SiteScaffold.Failure.self) { try SiteScaffold.newReport(agency: "x", slug: "Bad Slug", year: 2025, content: dir.path) }
        #expect(throws: SiteScaffold.Failure.self) { try SiteScaffold.newReport(agency: "x", slug: "x", year: 2019, content: dir.path) }
        #expect(throws: SiteScaffold.Failure.self) { try SiteScaffold.newReport(agency: " ", slug: "x", year: 2025, content: dir.path) }
        // Nothing was touched.
        #expect(dir.read("reports/2024/shilong-gov-office/report.yaml") == Fixture.seedYAML)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/reports/2025"))
    }

    /// With an agency list, `new` adds the agency at its end (the file's comments and order kept),
    /// so that `check` accepts the new folder; a slug already listed under another name is refused.
    @Test func newAddsTheAgencyToTheList() throws {
        let dir = Fixture.site()
        let list = try String(contentsOfFile: Repo.content + "/agencies.yaml", encoding: .utf8)
        dir.write("agencies.yaml", list)
        let (_, listing) = try SiteScaffold.newReport(agency: "示例局", slug: "example-bureau", year: 2024, content: dir.path)
        #expect(listing == .added(kind: "其他"))
        #expect(dir.read("agencies.yaml") == list + "- slug: example-bureau\n  name: 示例局\n  kind: 其他\n")
        var (_, found) = Fixture.load(dir)
        #expect(!found.contains { $0.rule.hasPrefix("agency.") }, "\(found.map(\.message))")
        #expect(!found.hasErrors)
        // Listed already: the list stays.
        #expect(try SiteScaffold.newReport(agency: "示例局", slug: "example-bureau", year: 2025, content: dir.path).listing == .listed)
        // A government, by its name; a kind given.
        #expect(try SiteScaffold.newReport(agency: "示例县人民政府", slug: "example-county", year: 2024, content: dir.path).listing
                == .added(kind: "本级政府"))
        #expect(try SiteScaffold.newReport(agency: "示例镇人民政府", slug: "example-town", year: 2024, content: dir.path, kind: "乡镇街道").listing
                == .added(kind: "乡镇街道"))
        (_, found) = Fixture.load(dir)
        #expect(!found.hasErrors, "\(found.map(\.message))")
        // Refused, with nothing written: another name for a listed slug, a kind that is none.
        let before = dir.read("agencies.yaml")
        #expect(throws: SiteScaffold.Failure.self) { try SiteScaffold.newReport(agency: "别的局", slug: "example-bureau", year: 2023, content: dir.path) }
        #expect(throws: SiteScaffold.Failure.self) { try SiteScaffold.newReport(agency: "新局", slug: "new-bureau", year: 2024, content: dir.path, kind: "局") }
        #expect(dir.read("agencies.yaml") == before)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/reports/2023") && !FileManager.default.fileExists(atPath: dir.path + "/reports/2024/new-bureau"))
    }

    @Test func agencyNamesThatNeedQuotingSurviveTheRoundTrip() throws {
        let dir = Fixture.site()
        let name = "测试: \"机关\" # 不是注释 \\ 反斜杠"
        _ = try SiteScaffold.newReport(agency: name, slug: "odd-name", year: 2025, content: dir.path)
        let report = Fixture.load(dir).0.reports.first { $0.slug == "odd-name" }
        #expect(report?.agency?.value == name)
    }

    @Test func initMakesASiteThatBuildsToTheExampleSite() throws {
        let dir = TempDir()
        let files = try SiteScaffold.initSite(dir.path + "/site")
        #expect(files.count > 10)
        let result = SiteBuilder.build(.init(content: dir.path + "/site/Content", templates: dir.path + "/site/Templates", output: dir.path + "/site/Site"))
        #expect(result.succeeded, "\(result.diagnostics)")
        #expect(result.diagnostics.isEmpty)
        let built = try String(contentsOfFile: dir.path + "/site/Site/2024/shilong-gov-office/index.html", encoding: .utf8)
        let committed = try String(contentsOfFile: Repo.site + "/2024/shilong-gov-office/index.html", encoding: .utf8)
        #expect(built == committed)
        // A second init into the now non-empty folder is refused.
        #expect(throws: SiteScaffold.Failure.self) { try SiteScaffold.initSite(dir.path + "/site") }
    }

    @Test func exampleContentIsTheContentFolder() throws {
        let dir = TempDir()
        _ = try SiteScaffold.initSite(dir.path)
        let walker = FileManager.default.enumerator(atPath: Repo.content)!
        var count = 0
        for case let relative as String in walker where !relative.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: Repo.content + "/" + relative, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            count += 1
            let embedded = FileManager.default.contents(atPath: dir.path + "/Content/" + relative)
            #expect(embedded == FileManager.default.contents(atPath: Repo.content + "/" + relative),
                    "Content/\(relative): run python3 scripts/embed-resources.py")
        }
        #expect(count >= 5)
    }
}

/// The JSON Schema and the loader agree, checked against Python's jsonschema as a second opinion.
@Suite struct ContentSchemaTests {
    /// report.yaml variants: the loader's verdict must equal the schema's.
    static let variants: [(String, String, String)] = [
        ("seed", "agency:", "agency:"),
        ("unknown key", "received:        [9", "recieved:        [9"),
        ("missing key", "published: 2025-01-20          # 发布日期\n", ""),
        ("bool-like word", "penalties: 0", "penalties: no"),
        ("quoted number", "licensing: 0", "licensing: \"5\""),
        ("negative", "licensing: 0", "licensing: -3"),
        ("short row", "[8, 0, 0, 0, 0, 0, 8]", "[8, 0, 0, 0, 0]"),
        ("long row", "[8, 0, 0, 0, 0, 0, 8]", "[8, 0, 0, 0, 0, 0, 8, 8]"),
        ("row without total", "[8, 0, 0, 0, 0, 0, 8]", "[8, 0, 0, 0, 0, 0]"),
        ("scalar for row", "review:                  [0, 0, 0, 0, 0]", "review:                  0"),
        ("fee decimal", "fees: 0", "fees: 0.0350"),
        ("fee text", "fees: 0", "fees: 十二万"),
        ("fee negative", "fees: 0", "fees: -1"),
        ("bad date format", "published: 2025-01-20", "published: 20250120"),
        ("old year", "year: 2024", "year: 2019"),
        ("empty agency", "agency: 石龙区人民政府办公室", "agency: \"\""),
        ("table two cell missing", "{issued: 0, repealed: 0, in_force: 0}", "{issued: 0, repealed: 0}"),
        ("no total row", "    total:             [9, 0, 0, 0, 0, 0, 9]  # （七）总计\n", ""),
    ]

    /// Variants where the loader is stricter than any schema can be (it reads the written text).
    static let loaderStricter: [(String, String, String)] = [
        ("leading zero", "coercion: 0", "coercion: 010"),
        ("decimal count", "licensing: 0", "licensing: 1.0"),
        ("day that does not exist", "published: 2025-01-20", "published: 2025-02-30"),
    ]

    /// Rules a schema cannot express: sums, narrative, the calendar.
    static let beyondSchema: Set<String> = [
        "three.balance", "three.row-total", "three.results-total", "four.group-total",
        "narrative.numbers", "narrative.units", "narrative.empty", "deadline.late",
    ]

    func python(_ schema: String, _ files: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repo.fixtures + "/schema/validate.py", schema] + files
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with jsonschema and PyYAML is needed: \(errors)")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func reportSchemaAgreesWithTheLoader() throws {
        let dir = TempDir()
        dir.write("report.schema.json", ContentSchema.json(.report))
        var files: [String] = []
        var loaderValid: [Bool] = []
        for (index, (_, old, new)) in (Self.variants + Self.loaderStricter).enumerated() {
            let site = Fixture.site(yaml: Fixture.seed(replacing: old, with: new))
            let structural = Fixture.load(site).1.filter { !Self.beyondSchema.contains($0.rule) }
            loaderValid.append(structural.isEmpty)
            let file = dir.path + "/\(index).yaml"
            try Fixture.seed(replacing: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
            files.append(file)
        }
        let verdicts = try python(dir.path + "/report.schema.json", files)
        try #require(verdicts.count == files.count)
        for (index, (name, _, _)) in Self.variants.enumerated() {
            #expect(verdicts[index].hasPrefix("valid") == loaderValid[index], "\(name): schema says \(verdicts[index])")
        }
        for (offset, (name, _, _)) in Self.loaderStricter.enumerated() {
            let index = Self.variants.count + offset
            #expect(verdicts[index] == "valid" && !loaderValid[index], "\(name)")
        }
        // The fixtures cover both verdicts.
        #expect(loaderValid.contains(true) && loaderValid.contains(false))
    }

    @Test func siteSchemaAgreesWithTheLoader() throws {
        let dir = TempDir()
        dir.write("site.schema.json", ContentSchema.json(.site))
        let sites = [
            "title: 石龙区政府信息公开\n",
            "title: 石龙区\norganization: 石龙区人民政府办公室\nbase_url: https://www.example.gov.cn/\nlanguage: zh-CN\nfooter: 联系电话 0000\n",
            "organization: 无标题\n",
            "title: x\nbase_url: www.example.gov.cn\n",
            "title: x\ntitel: y\n",
            "title: x\nlanguage: 中文\n",
        ]
        var files: [String] = []
        var loaderValid: [Bool] = []
        for (index, text) in sites.enumerated() {
            let site = Fixture.site()
            site.write("site.yaml", text)
            loaderValid.append(Fixture.load(site).1.isEmpty)
            dir.write("\(index).yaml", text)
            files.append(dir.path + "/\(index).yaml")
        }
        let verdicts = try python(dir.path + "/site.schema.json", files)
        #expect(verdicts.map { $0.hasPrefix("valid") } == loaderValid, "\(verdicts)")
        #expect(loaderValid == [true, true, false, false, false, false])
    }
}
