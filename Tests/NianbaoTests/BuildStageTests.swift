import Foundation
import NianbaoRecords
@testable import NianbaoSite
import Testing

/// The build's stages, each run alone on the values the one before gave.
@Suite struct BuildStageTests {
    @Test func theStagesRunAloneAndPassValues() throws {
        let content = IncrementalBuildTests.corpus(agencies: 2)
        let out = TempDir()
        let options = SiteBuilder.Options(content: content.path, templates: Repo.templates, output: out.path + "/Site")

        let records = BuildRecords(folder: OutputWriter.stateFolder(for: options.output))
        var run = BuildRun(options)
        let discovered = try #require(Discover.run(&run))
        #expect(discovered.found.folders.map(\.key) == ["2024/agency-0", "2024/agency-1", "2025/agency-0", "2025/agency-1"])
        guard case .build(let plan) = Plan.make(discovered, records, &run) else {
            Issue.record("a first build has a plan")
            return
        }
        #expect(plan.toRead == [0, 1, 2, 3] && plan.gone.isEmpty && plan.cache == nil && !plan.incremental)
        let producer = OutputProducer(plan, progress: nil)
        var checked = try #require(Check.run(producer, &run))
        #expect(checked.summaries.count == 4 && checked.indexChanged && checked.records.count == 4)
        #expect(checked.state.entries.count == 4 * 4)  // each report's page, article and data files, rendered as it was checked
        let removed = try #require(Render.run(producer, &checked, &run))
        #expect(removed.isEmpty && checked.state.entries["index.html"] != nil)
        #expect(FileManager.default.fileExists(atPath: OutputWriter.stateFolder(for: options.output).path + "/stage/index.html"))
        #expect(!FileManager.default.fileExists(atPath: options.output))  // nothing in the output before the commit
        Commit.run(plan, checked, removed: removed, &run)
        #expect(run.result.succeeded && run.result.files == checked.state.entries.count)
        #expect(run.result.stageTimes.map(\.stage) == ["discover", "scan", "cache", "state", "check", "render", "commit"])
        // The same site as `SiteBuilder.build`, which runs them in turn.
        #expect(SiteBuilder.build(.init(content: content.path, templates: Repo.templates, output: out.path + "/whole")).succeeded)
        #expect(files(options.output) == files(out.path + "/whole"))

        // Nothing changed since: the plan says so, and reads nothing.
        var again = BuildRun(options)
        guard case .upToDate = Plan.make(try #require(Discover.run(&again)), records, &again) else {
            Issue.record("a build with nothing changed is up to date")
            return
        }
        #expect(again.result.read == 0)

        // One narrative edited: an incremental plan reading that agency's two years.
        content.write("reports/2025/agency-1/problems.md", content.read("reports/2025/agency-1/problems.md") + "\n新的一段。\n")
        var third = BuildRun(options)
        guard case .build(let next) = Plan.make(try #require(Discover.run(&third)), records, &third) else {
            Issue.record("an edit needs a plan")
            return
        }
        #expect(next.incremental && next.toRead.map { next.found.folders[$0].key } == ["2024/agency-1", "2025/agency-1"])
    }
}
