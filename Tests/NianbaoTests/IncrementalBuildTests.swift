import Foundation
import NianbaoContent
import NianbaoModel
@testable import NianbaoSite
import Testing

/// Incremental builds give exactly what a clean build gives, after any sequence of changes, and
/// render only what changed.
@Suite struct IncrementalBuildTests {
    /// A site of `agencies` × 2024/2025 reports made from the seed.
    static func corpus(agencies: Int) -> TempDir {
        let dir = Fixture.site()
        try! FileManager.default.removeItem(atPath: dir.path + "/reports/2024/shilong-gov-office")
        for a in 0..<agencies {
            for year in [2024, 2025] { addReport(dir, slug: "agency-\(a)", year: year) }
        }
        return dir
    }

    static func addReport(_ dir: TempDir, slug: String, year: Int) {
        let folder = "reports/\(year)/\(slug)"
        let yaml = Fixture.seedYAML
            .replacingOccurrences(of: "agency: 石龙区人民政府办公室", with: "agency: 石龙区测试机关\(slug)")
            .replacingOccurrences(of: "year: 2024", with: "year: \(year)")
            .replacingOccurrences(of: "published: 2025-01-20", with: "published: \(year + 1)-01-20")
        dir.write(folder + "/report.yaml", yaml)
        for name in ["overview.md", "problems.md", "other.md"] {
            dir.write(folder + "/" + name, try! String(contentsOfFile: Repo.seedReportFolder + "/" + name, encoding: .utf8))
        }
    }

    /// The random-edit corpus: `corpus(agencies: 4)` with a `base_url` (so `feed.xml` and
    /// `sitemap.xml` are made) and an agency list, which also names agencies with no report yet.
    struct ListedCorpus {
        let content = IncrementalBuildTests.corpus(agencies: 4)
        var agencies: [(slug: String, name: String, kind: String)] = (0..<4).map {
            ("agency-\($0)", "石龙区测试机关agency-\($0)", $0 == 0 ? "本级政府" : "政府部门")
        } + (100..<140).map { ("agency-\($0)", "石龙区测试机关agency-\($0)", "乡镇街道") }

        init() {
            content.write("site.yaml", content.read("site.yaml") + "base_url: https://example.gov.cn/ndbg/\n")
            writeAgencies()
        }

        func writeAgencies() {
            content.write("agencies.yaml", agencies.map { "- slug: \($0.slug)\n  name: \($0.name)\n  kind: \($0.kind)\n" }.joined())
        }

        /// Sets `key: value` on its own line of a report's report.yaml.
        func set(_ key: String, _ value: String, year: Int, slug: String) {
            let path = "reports/\(year)/\(slug)/report.yaml"
            guard FileManager.default.fileExists(atPath: content.path + "/" + path) else { return }
            content.write(path, content.read(path).replacingOccurrences(of: "(?m)^\(key): .*$", with: "\(key): \(value)", options: .regularExpression))
        }
    }

    @Test(arguments: [true, false]) func randomChangesGiveWhatACleanBuildGives(atomic: Bool) throws {
        var rng = SeededRandom(for: "randomChangesGiveWhatACleanBuildGives")
        var corpus = ListedCorpus()
        let content = corpus.content
        let templates = TempDir()
        for name in try FileManager.default.contentsOfDirectory(atPath: Repo.templates) {
            try FileManager.default.copyItem(atPath: Repo.templates + "/" + name, toPath: templates.path + "/" + name)
        }
        let out = TempDir()
        let site = out.path + "/Site"
        func build(_ output: String, clean: Bool = false) -> SiteBuilder.Result {
            var options = SiteBuilder.Options(content: content.path, templates: templates.path, output: output, clean: clean)
            options.atomicExchange = atomic
            return SiteBuilder.build(options)
        }
        let first = build(site)
        #expect(first.succeeded && first.rendered == first.files, "\(first.diagnostics)")
        #expect(FileManager.default.fileExists(atPath: site + "/feed.xml") && FileManager.default.fileExists(atPath: site + "/sitemap.xml"))

        var nextAgency = 100
        for step in 0..<30 {
            let reports = try FileManager.default.contentsOfDirectory(atPath: content.path + "/reports/2025").sorted()
            let pick = reports[Int.random(in: 0..<reports.count, using: &rng)]
            var expectRenderedAtMost = Int.max
            var expectReadAtMost = Int.max
            var expectIncremental = true
            let change: String
            switch Int.random(in: 0..<11, using: &rng) {
            case 0:
                change = "narrative of \(pick)"
                let path = "reports/2025/\(pick)/problems.md"
                content.write(path, content.read(path) + "\n第 \(step) 次修改的段落。\n")
                expectRenderedAtMost = 2  // its page and article
                expectReadAtMost = 2  // the agency's two years, for the rules across years
            case 1:
                change = "fee of \(pick)"
                let path = "reports/2025/\(pick)/report.yaml"
                content.write(path, content.read(path).replacingOccurrences(of: #"fees: \S+"#, with: "fees: \(step).5", options: .regularExpression))
                // its page, article and 2 data files; the year and agency pages, the year's 2 data files,
                // the data index (their sizes in bytes), the feed (it carries the figures of its newest
                // reports); not the home and site-map pages nor sitemap.xml (they list reports and the
                // data files' sizes in KB, which a fee does not change)
                expectRenderedAtMost = 10
            case 2:
                change = "new report"
                Self.addReport(content, slug: "agency-\(nextAgency)", year: 2025)
                nextAgency += 1
                expectRenderedAtMost = 13  // as for a changed figure, with the home and site-map pages and sitemap.xml
            case 3 where reports.count > 2:
                change = "deleted \(pick)"
                try FileManager.default.removeItem(atPath: content.path + "/reports/2025/\(pick)")
                expectRenderedAtMost = 9  // the year and agency pages, the home and site-map pages, the year's 2 data files, the data index, the feed, sitemap.xml
            case 4:
                change = "report template"
                templates.write("report.mustache", templates.read("report.mustache") + "{{! step \(step) }}\n")
                expectIncremental = false
            case 5:
                change = "footer partial"
                templates.write("footer.mustache", templates.read("footer.mustache").replacingOccurrences(
                    of: "</footer>", with: "<!-- \(step) --></footer>"))
                expectIncremental = false
            case 6:
                change = "stylesheet"
                templates.write("assets/style.css", templates.read("assets/style.css") + "/* \(step) */\n")
                expectRenderedAtMost = 1
                expectIncremental = false
            case 7:
                let day = String(format: "2026-%02d-%02d", Int.random(in: 1...4, using: &rng), Int.random(in: 1...28, using: &rng))
                change = "published of \(pick): \(day)"
                corpus.set("published", day, year: 2025, slug: pick)
            case 8:
                change = "agency name of \(pick)"
                let i = corpus.agencies.firstIndex { $0.slug == pick }!
                corpus.agencies[i].name = "石龙区测试机关\(pick)（第\(step)次更名）"
                corpus.writeAgencies()
                for year in [2024, 2025] { corpus.set("agency", corpus.agencies[i].name, year: year, slug: pick) }
                expectIncremental = false  // agencies.yaml changed
            case 9:
                let choice = Int.random(in: 0..<3, using: &rng)
                change = ["site title", "base_url", "site.yaml without base_url"][choice]
                var yaml = content.read("site.yaml").replacingOccurrences(of: "(?m)^base_url: .*\n", with: "", options: .regularExpression)
                switch choice {
                case 0: yaml = yaml.replacingOccurrences(of: "(?m)^title: .*$", with: "title: 石龙区政务公开年报（第\(step)版）", options: .regularExpression)
                    + "base_url: https://example.gov.cn/ndbg/\n"
                case 1: yaml += "base_url: https://www.shilong.gov.cn/step-\(step)/\n"
                default: break
                }
                content.write("site.yaml", yaml)
                expectIncremental = false
            default:
                let i = corpus.agencies.firstIndex { $0.slug == pick }!
                if Bool.random(using: &rng) {
                    corpus.agencies[i].kind = AgencyList.kinds.filter { $0 != corpus.agencies[i].kind }.randomElement(using: &rng)!
                    change = "kind of \(pick): \(corpus.agencies[i].kind)"
                } else {
                    corpus.agencies.insert(corpus.agencies.remove(at: i), at: 0)
                    change = "\(pick) first in the list"
                }
                corpus.writeAgencies()
                expectIncremental = false
            }
            let incremental = build(site)
            #expect(incremental.succeeded, "step \(step) (\(change)): \(incremental.diagnostics)")
            // A change to report folders alone looks only at what changed (the first build left a
            // stage of links for that); settings, the agency list, templates and assets make it look at everything.
            #expect(incremental.incremental == expectIncremental, "step \(step) (\(change))")
            #expect(incremental.rendered <= expectRenderedAtMost, "step \(step) (\(change)) rendered \(incremental.rendered)")
            #expect(incremental.read <= expectReadAtMost, "step \(step) (\(change)) read \(incremental.read)")
            let clean = out.path + "/clean-\(step)"
            #expect(build(clean, clean: true).succeeded)
            let a = files(site), b = files(clean)
            #expect(a.keys.sorted() == b.keys.sorted(), "step \(step) (\(change))")
            for (path, data) in b where a[path] != data { Issue.record("step \(step) (\(change)): \(path) differs") }
            // Nothing changed: nothing rendered, nothing written.
            let again = build(site)
            #expect(again.rendered == 0 && again.written == OutputWriter.Summary(written: 0, unchanged: again.files, removed: 0))
            #expect(again.read == 0, "step \(step): a build with nothing changed read \(again.read) folders")
        }
    }

    @Test func findingsOfUnchangedReportsAreStillReported() {
        let content = Self.corpus(agencies: 2)
        let path = "reports/2025/agency-1/report.yaml"
        content.write(path, content.read(path).replacingOccurrences(of: "published: 2026-01-20", with: "published: 2026-02-20"))
        let out = TempDir()
        let options = SiteBuilder.Options(content: content.path, templates: Repo.templates, output: out.path + "/Site")
        let first = SiteBuilder.build(options)
        #expect(first.succeeded && first.diagnostics.map(\.rule) == ["deadline.late"])
        // A carry-over finding across two years, then an unrelated change elsewhere.
        let forward = "reports/2024/agency-0/report.yaml"
        content.write(forward, content.read(forward)
            .replacingOccurrences(of: "received:        [9, 0, 0, 0, 0, 0, 9]", with: "received:        [10, 0, 0, 0, 0, 0, 10]")
            .replacingOccurrences(of: "carried_forward: [0, 0, 0, 0, 0, 0, 0]", with: "carried_forward: [1, 0, 0, 0, 0, 0, 1]"))
        let second = SiteBuilder.build(options)
        #expect(!second.succeeded)
        #expect(Set(second.diagnostics.map(\.rule)) == ["deadline.late", "three.carry-over", "narrative.numbers"])
        let again = SiteBuilder.build(options)
        #expect(again.read == 2)  // a failed build leaves no cache behind for what it found
        content.write(forward, content.read(forward)
            .replacingOccurrences(of: "received:        [10, 0, 0, 0, 0, 0, 10]", with: "received:        [9, 0, 0, 0, 0, 0, 9]")
            .replacingOccurrences(of: "carried_forward: [1, 0, 0, 0, 0, 0, 1]", with: "carried_forward: [0, 0, 0, 0, 0, 0, 0]"))
        let fixed = SiteBuilder.build(options)
        #expect(fixed.succeeded && fixed.diagnostics.map(\.rule) == ["deadline.late"])
        let noop = SiteBuilder.build(options)
        #expect(noop.read == 0 && noop.diagnostics == fixed.diagnostics)
    }

    @Test func cleanRendersEverything() {
        let content = Self.corpus(agencies: 2)
        let out = TempDir()
        let options = SiteBuilder.Options(content: content.path, templates: Repo.templates, output: out.path + "/Site")
        // 4 reports (page, article and 2 data files each), 2 years with 2 data files each, 2 agencies,
        // the data index, home, site map, 404, stylesheet, favicon
        #expect(SiteBuilder.build(options).rendered == 30)
        #expect(SiteBuilder.build(options).rendered == 0)
        var clean = options
        clean.clean = true
        let result = SiteBuilder.build(clean)
        #expect(result.rendered == 30 && result.written?.written == 0)
    }

    @Test func aBuildWithNothingToDoStopsEarlyButNotWhenTheOutputWasChanged() throws {
        let content = Self.corpus(agencies: 2)
        let out = TempDir()
        let site = out.path + "/Site"
        let options = SiteBuilder.Options(content: content.path, templates: Repo.templates, output: site)
        #expect(SiteBuilder.build(options).succeeded)
        let built = files(site)
        let noop = SiteBuilder.build(options)
        #expect(noop.succeeded && noop.read == 0 && noop.files == built.count - 1 && noop.written?.unchanged == noop.files)
        // The output replaced by an older copy (as a `git checkout` would): a page and its manifest line gone.
        let manifest = site + "/" + OutputWriter.manifestName
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try text.split(separator: "\n").filter { !$0.hasSuffix(" 2024/agency-0/index.html") }.joined(separator: "\n").appending("\n")
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: site + "/2024/agency-0/index.html")
        let repaired = SiteBuilder.build(options)
        #expect(repaired.succeeded && repaired.rendered >= 1)  // the build state belonged to the other manifest: rendered again
        #expect(files(site) == built)
        // A changed stylesheet is noticed too (templates and assets are among a build's inputs).
        let theme = TempDir()
        theme.write("assets/style.css", "body { color: black; }\n")
        var themed = options
        themed.templates = theme.path
        #expect(SiteBuilder.build(themed).rendered == 1)
        #expect(try String(contentsOfFile: site + "/assets/style.css", encoding: .utf8) == "body { color: black; }\n")
    }

    /// A build that fails the checks touches neither the output nor the stage: once the error is
    /// fixed, the next build is still incremental, and exact.
    @Test func aFailedIncrementalBuildKeepsTheNextOneIncremental() {
        let content = Self.corpus(agencies: 3)
        let out = TempDir()
        let options = SiteBuilder.Options(content: content.path, templates: Repo.templates, output: out.path + "/Site")
        #expect(SiteBuilder.build(options).succeeded)
        let path = "reports/2025/agency-1/overview.md"
        let original = content.read(path)
        content.write(path, original + "\n一次修改。\n")
        let second = SiteBuilder.build(options)
        #expect(second.succeeded && second.incremental)
        let yaml = "reports/2025/agency-2/report.yaml"
        let good = content.read(yaml)
        content.write(yaml, good.replacingOccurrences(of: "fees: 0", with: "fees: -1"))
        content.write(path, original + "\n两次修改。\n")
        let broken = SiteBuilder.build(options)
        #expect(!broken.succeeded && broken.incremental)
        content.write(yaml, good)
        let fixed = SiteBuilder.build(options)
        #expect(fixed.succeeded && fixed.incremental && fixed.rendered == 2)  // the page and the article
        let clean = SiteBuilder.build(.init(content: content.path, templates: Repo.templates, output: out.path + "/clean"))
        #expect(clean.succeeded)
        #expect(files(out.path + "/Site") == files(out.path + "/clean"))
    }

    /// Pages made from every report that a build no longer makes (an agency's last report gone,
    /// a whole year gone) go from the output in incremental mode too; and come back.
    @Test func agencyAndYearPagesGoWithTheirLastReport() throws {
        let content = Self.corpus(agencies: 3)
        let out = TempDir()
        let options = SiteBuilder.Options(content: content.path, templates: Repo.templates, output: out.path + "/Site")
        #expect(SiteBuilder.build(options).succeeded)
        func exact(_ step: String) {
            let result = SiteBuilder.build(options)
            #expect(result.succeeded && result.incremental, "\(step)")
            let clean = out.path + "/clean-\(step)"
            #expect(SiteBuilder.build(.init(content: content.path, templates: Repo.templates, output: clean)).succeeded)
            #expect(files(out.path + "/Site") == files(clean), "\(step)")
        }
        for year in [2024, 2025] { try FileManager.default.removeItem(atPath: content.path + "/reports/\(year)/agency-1") }
        exact("agency gone")
        #expect(!FileManager.default.fileExists(atPath: out.path + "/Site/agencies/agency-1/index.html"))
        try FileManager.default.removeItem(atPath: content.path + "/reports/2024")
        exact("year gone")
        #expect(!FileManager.default.fileExists(atPath: out.path + "/Site/2024"))
        Self.addReport(content, slug: "agency-1", year: 2024)
        exact("both back")
        #expect(FileManager.default.fileExists(atPath: out.path + "/Site/agencies/agency-1/index.html"))
    }

    /// The figures kept for unchanged reports lost or damaged: their folders are read again, and
    /// the pages made from every report's figures are still exact.
    @Test func lostOrDamagedKeptFiguresAreReadAgain() throws {
        let content = Self.corpus(agencies: 3)
        let out = TempDir()
        let options = SiteBuilder.Options(content: content.path, templates: Repo.templates, output: out.path + "/Site")
        #expect(SiteBuilder.build(options).succeeded)
        // Those of the year corrected (a correction of figures looks at no other year's).
        let figures = OutputWriter.stateFolder(for: options.output).appendingPathComponent(ReportCache.figuresName(2025))
        let yaml = "reports/2025/agency-0/report.yaml"
        var step = 0
        func correctAFigure() -> SiteBuilder.Result {
            step += 1
            content.write(yaml, content.read(yaml).replacingOccurrences(of: #"fees: \S+"#, with: "fees: \(step).5", options: .regularExpression))
            return SiteBuilder.build(options)
        }
        for damage in ["lost", "damaged", "broken line"] {
            let text = try String(contentsOf: figures, encoding: .utf8)
            switch damage {
            case "lost": try FileManager.default.removeItem(at: figures)
            case "damaged": try text.replacingOccurrences(of: "2025/agency-2\t", with: "2025/agency-2\t9").write(to: figures, atomically: true, encoding: .utf8)
            default: try text.replacingOccurrences(of: "2025/agency-2\t", with: "2025/agency-2 ").write(to: figures, atomically: true, encoding: .utf8)
            }
            let result = correctAFigure()
            #expect(result.succeeded && result.incremental, "\(damage)")
            #expect(SiteBuilder.build(.init(content: content.path, templates: Repo.templates, output: out.path + "/clean-\(damage)")).succeeded)
            #expect(files(out.path + "/Site") == files(out.path + "/clean-\(damage)"), "\(damage)")
            // The figures were written anew from what the build read, nothing damaged copied: a
            // line per report folder of the year, each its key, a tab and the figures.
            let lines = try String(contentsOf: figures, encoding: .utf8).split(separator: "\n").dropFirst()
            #expect(lines.count == 3 && lines.allSatisfy { $0.split(separator: "\t").count == 2 }, "after \(damage): \(lines.map { $0.prefix(20) })")
            #expect(correctAFigure().succeeded)
        }
    }

    @Test func aFailedBuildLeavesTheSiteAsItWas() {
        let content = Self.corpus(agencies: 2)
        let out = TempDir()
        let options = SiteBuilder.Options(content: content.path, templates: Repo.templates, output: out.path + "/Site")
        #expect(SiteBuilder.build(options).succeeded)
        let before = files(out.path + "/Site")
        content.write("reports/2025/agency-0/report.yaml", "agency: [\n")
        #expect(!SiteBuilder.build(options).succeeded)
        #expect(files(out.path + "/Site") == before)
    }
}

extension IncrementalBuildTests {
    @Test func oneBuildAtATimePerOutput() throws {
        let content = Self.corpus(agencies: 1)
        let out = TempDir()
        let options = SiteBuilder.Options(content: content.path, templates: Repo.templates, output: out.path + "/Site")
        // Hold the lock as a concurrent build would.
        let state = OutputWriter.stateFolder(for: options.output)
        let holder = try #require(BuildLock(state))
        let blocked = SiteBuilder.build(options)
        #expect(!blocked.succeeded && blocked.diagnostics.map(\.rule) == ["output.busy"])
        #expect(!FileManager.default.fileExists(atPath: out.path + "/Site"))
        holder.release()
        #expect(SiteBuilder.build(options).succeeded)
    }
}

extension IncrementalBuildTests {
    @Test func parallelBuildEqualsSerialBuild() {
        let content = Self.corpus(agencies: 12)
        let out = TempDir()
        let parallel = SiteBuilder.build(.init(content: content.path, templates: Repo.templates, output: out.path + "/parallel"))
        Parallel.serial = true
        defer { Parallel.serial = false }
        let serial = SiteBuilder.build(.init(content: content.path, templates: Repo.templates, output: out.path + "/serial"))
        #expect(parallel.succeeded && serial.succeeded)
        let a = files(out.path + "/parallel"), b = files(out.path + "/serial")
        // 24 reports × 4 files, 2 years with 2 data files each, 12 agencies, data index, home, site map, 404, stylesheet, favicon, manifest
        #expect(a.count == 24 * 4 + 2 * 3 + 12 + 7 && a == b)
    }
}
