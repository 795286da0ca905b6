import Foundation
import NianbaoContent
import NianbaoExport
import NianbaoModel
import NianbaoRecords
import NianbaoTemplates

/// Makes one output at a time into the build's stage: kept from the last build when its inputs
/// did not change (and the output still has what was recorded), else rendered now. Also the
/// report's own outputs (its page and data files). Used from all cores.
final class OutputProducer: @unchecked Sendable {
    let plan: BuildPlan
    private let progress: (@Sendable (Int, Int) -> Void)?
    private let done = Counter()
    /// Pages to render at most, for progress.
    private let total: Int

    init(_ plan: BuildPlan, progress: (@Sendable (Int, Int) -> Void)?) {
        self.plan = plan
        self.progress = progress
        let theme = plan.discovered.theme
        total = plan.toRead.count * (SitePaths.reportPageCount(docx: plan.discovered.reference != nil) + SitePaths.reportDataFiles.count) + (theme.templates["404"] == nil ? 1 : 2) + theme.assets.count
    }

    var writer: any OutputStage { plan.writer }

    /// The last build's entry for `path`, if the output still has what it recorded.
    func recorded(_ path: String) -> BuildState.Entry? {
        guard let last = plan.state.entries[path], writer.holds(path, last.content) else { return nil }
        return last
    }

    /// The last build's entry for `path` when it was made from the same inputs and the output still has it.
    func unchanged(_ path: String, _ inputs: ContentHash) -> BuildState.Entry? {
        recorded(path).flatMap { $0.inputs == inputs ? $0 : nil }
    }

    /// `path` kept or rendered; whether it was rendered.
    func produce(_ path: String, _ inputs: ContentHash, render: () throws(Diagnostic) -> Data) throws(Diagnostic) -> (BuildState.Entry, Bool) {
        if let last = unchanged(path, inputs) {
            try writer.keep(path, last.content)
            return (last, false)
        }
        let data = try render()
        try writer.put(path, data)
        progress?(done.increment(), total)
        return (BuildState.Entry(inputs: inputs, content: data.withUnsafeBytes { ContentHash($0) }), true)
    }

    /// A report's page and article (from all its files: `inputs`) and data files (from its
    /// figures only: `summary`'s, given as `figures` by a caller that has them decoded).
    func report(
        _ report: Report, _ inputs: ContentHash, _ summary: ReportSummary, figures: ReportFigures? = nil
    ) throws(Diagnostic) -> [(String, BuildState.Entry, Bool)] {
        let site = plan.discovered.site
        let folder = SitePaths.reportFolder(year: report.year, slug: report.slug)
        let figures = figures ?? summary.figures
        let dataInputs = plan.inputs.reportData(summary)
        let kind = AgencyList.kind(of: report.slug, name: summary.agency, in: plan.found.agencyIndex)
        let data: [(String, Data)] = [
            (SitePaths.reportJSON, OpenData.reportJSON(summary, figures, site: site, kind: kind)),
            (SitePaths.reportCSV, OpenData.applicationsCSV(figures)),
        ]
        var out: [(String, BuildState.Entry, Bool)] = []
        var sizes: [String: Int] = [:]
        for (name, bytes) in data {
            sizes[name] = bytes.count
            let (entry, rendered) = try produce(folder + name, dataInputs) { () throws(Diagnostic) -> Data in bytes }
            out.append((folder + name, entry, rendered))
        }
        if let reference = plan.discovered.reference {
            let docxPath = folder + SitePaths.docx
            var size: Int?
            let (entry, rendered) = try produce(docxPath, inputs) { () throws(Diagnostic) -> Data in
                do {
                    let data = try WordExport.document(for: report, reference: reference)
                    size = data.count
                    return data
                } catch {
                    throw .error("export.write", at: SourceLocation(file: report.folder, line: 1, column: 1), "无法生成 Word 文档：\(error)")
                }
            }
            // Kept from the last build: the output has it.
            sizes[SitePaths.docx] = size ?? plan.writer.sizeInOutput(docxPath) ?? 0
            out.append((docxPath, entry, rendered))
        }
        // Made for the page or the article, whichever needs it first; once for both.
        var made: ReportBody?
        func body() -> ReportBody {
            if let made { return made }
            let body = ReportBody(report)
            made = body
            return body
        }
        let path = SitePaths.report(year: report.year, slug: report.slug)
        let (entry, rendered) = try produce(path, inputs) { () throws(Diagnostic) -> Data in
            try plan.renderer.page("report", PageContexts.report(report, body: body(), figures: figures, site: site, kind: kind, dataSizes: sizes))
        }
        out.append((path, entry, rendered))
        let articlePath = folder + SitePaths.article
        let (articleEntry, articleRendered) = try produce(articlePath, inputs) { () throws(Diagnostic) -> Data in
            try plan.renderer.page("article", PageContexts.article(report, body: body(), site: site))
        }
        out.append((articlePath, articleEntry, articleRendered))
        return out
    }
}

extension PageRenderer {
    /// The page `template` renders from `context`, as bytes.
    func page(_ template: String, _ context: [String: Any]) throws(Diagnostic) -> Data {
        do {
            return Data(try render(template, context).utf8)
        } catch {
            throw Self.diagnostic(error)
        }
    }

    /// The HTML of a list of reports: the `report-list` partial for each of `entries`
    /// (`SitePages.entry`).
    func reportItems(_ entries: [[String: Any]]) throws(Diagnostic) -> String {
        do {
            return try list("report-list", entries)
        } catch {
            throw Self.diagnostic(error)
        }
    }

    private static func diagnostic(_ failure: Failure) -> Diagnostic {
        switch failure {
        case .missingTemplate(let name): .error("template.missing", at: nil, "缺少模板「\(name).mustache」")
        }
    }
}
