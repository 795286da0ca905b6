import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// The outputs made from every report: the site-wide data files, `sitemap.xml` and the feed, the
/// year and agency pages, the home and site-map pages; then the 404 page and the assets.
struct SiteWideOutputs {
    let producer: OutputProducer
    let index: SiteIndex
    /// What the site-wide data files are made from: every report's data.
    private let dataInputs: ContentHash
    /// sitemap.xml and the feed show the list of reports, not their figures (the feed: those of
    /// its newest reports).
    private let listInputs: ContentHash
    /// Every report's key (`year/slug`), in the index's order.
    private let reportKeys: [String]

    init(producer: OutputProducer, index: SiteIndex) {
        self.producer = producer
        self.index = index
        var data = producer.plan.inputs.base
        data.combine(index.inputs)
        dataInputs = data
        var list = producer.plan.inputs.base
        list.combine(index.listing)
        listInputs = list
        reportKeys = index.reports.map(\.key)
    }

    private var plan: BuildPlan { producer.plan }
    private var base: ContentHash { plan.inputs.base }

    /// Every output with its entry and whether it was rendered, in the order they are recorded.
    func make() throws(Diagnostic) -> [(String, BuildState.Entry, Bool)] {
        var out: [(String, BuildState.Entry, Bool)] = []
        // The data files on one core while the listed pages take the others.
        let files = dataFiles()
        let listed = listedPages()
        let outcomes = Parallel.map(files.count + listed.count) { i -> Swift.Result<(BuildState.Entry, Bool, Int), Diagnostic> in
            Swift.Result { () throws(Diagnostic) -> (BuildState.Entry, Bool, Int) in
                if i < files.count { return try produceData(files[i].0, files[i].1) }
                let (path, inputs, render) = listed[i - files.count]
                let (entry, rendered) = try producer.produce(path, inputs, render: render)
                return (entry, rendered, 0)
            }
        }
        var dataSizes: [String: Int] = [:]
        for (path, outcome) in zip(files.map(\.0) + listed.map(\.0), outcomes) {
            let (entry, rendered, size) = try outcome.get()
            out.append((path, entry, rendered))
            if files.contains(where: { $0.0 == path }) { dataSizes[path] = size }
        }
        // The home and site-map pages list reports and show the data files' sizes.
        let renderer = plan.renderer
        for (path, template, context) in [
            (SitePaths.home, "index", { SitePages.home(index, dataSizes: dataSizes) }),
            (SitePaths.siteMapPage, "sitemap", { SitePages.siteMap(index, dataSizes: dataSizes) }),
        ] as [(String, String, () -> [String: Any])] {
            var inputs = listInputs
            inputs.combine(Fingerprints.templates(template, in: plan.discovered.theme))
            for file in dataSizes.keys.sorted() { inputs.combine(file + " " + OpenData.size(dataSizes[file]!)) }
            let (entry, rendered) = try producer.produce(path, inputs) { () throws(Diagnostic) -> Data in try renderer.page(template, context()) }
            out.append((path, entry, rendered))
        }
        try out += notFoundAndAssets()
        return out
    }

    /// Written in pieces: memory does not grow with their size. The fragments of reports that did
    /// not change are copied from the file the output holds.
    private func dataFiles() -> [(String, SiteWideFile)] {
        [(SitePaths.reportsJSON, OpenData.reportsJSON(index)), (SitePaths.applicationsCSV, OpenData.allApplicationsCSV())]
    }

    private func produceData(_ path: String, _ file: SiteWideFile) throws(Diagnostic) -> (BuildState.Entry, Bool, Int) {
        if let last = producer.unchanged(path, dataInputs), let size = plan.writer.sizeInOutput(path) {
            try plan.writer.keep(path, last.content)
            return (last, false, size)
        }
        let previous = SiteWideFile.Layout.read(
            plan.records, path: path, inputs: base, content: producer.recorded(path)?.content, order: reportKeys
        ).flatMap { layout in
            (try? Data(contentsOf: URL(fileURLWithPath: plan.output + "/" + path), options: .alwaysMapped)).map { (layout, $0) }
        }
        var layout = SiteWideFile.Layout()
        let (hash, size) = try plan.writer.putStreaming(path) { write in
            layout = file.write(index.reports, names: reportKeys, previous: previous, write: write)
        }
        try? layout.write(plan.records, path: path, inputs: base, content: hash)
        return (BuildState.Entry(inputs: dataInputs, content: hash), true, size)
    }

    /// sitemap.xml, the feed, the year and agency pages: each with its inputs and how to render it.
    private func listedPages() -> [(String, ContentHash, () throws(Diagnostic) -> Data)] {
        let site = plan.discovered.site, theme = plan.discovered.theme, renderer = plan.renderer, index = index
        var listed: [(String, ContentHash, () throws(Diagnostic) -> Data)] = []
        if let address = site.base {
            listed.append((SitePaths.siteMapXML, listInputs, { () throws(Diagnostic) -> Data in SiteFiles.siteMap(index, base: address) }))
            var feedInputs = listInputs
            for report in SiteFiles.newest(index) { feedInputs.combine(report.dataHash) }
            listed.append((SitePaths.feed, feedInputs, { () throws(Diagnostic) -> Data in SiteFiles.feed(index, base: address) }))
        }
        let yearTemplates = Fingerprints.templates("year", in: theme)
        let agencyTemplates = Fingerprints.templates("agency", in: theme)
        for year in index.years {
            var inputs = base
            inputs.combine(yearTemplates)
            inputs.combine(index.inputs(year: year))
            listed.append((SitePaths.year(year), inputs, { () throws(Diagnostic) -> Data in
                try renderer.page("year", SitePages.year(year, index: index))
            }))
        }
        for agency in index.agencies {
            var inputs = base
            inputs.combine(agencyTemplates)
            inputs.combine(index.inputs(agency: agency.slug))
            listed.append((SitePaths.agency(agency.slug), inputs, { () throws(Diagnostic) -> Data in
                try renderer.page("agency", SitePages.agency(agency, index: index))
            }))
        }
        return listed
    }

    /// The 404 page (when the theme has one) and every asset (made from its bytes alone).
    private func notFoundAndAssets() throws(Diagnostic) -> [(String, BuildState.Entry, Bool)] {
        let site = plan.discovered.site, theme = plan.discovered.theme, renderer = plan.renderer
        var out: [(String, BuildState.Entry, Bool)] = []
        if theme.templates["404"] != nil {
            var notFound = base
            notFound.combine(Fingerprints.templates("404", in: theme))
            let (entry, rendered) = try producer.produce("404.html", notFound) { () throws(Diagnostic) -> Data in
                try renderer.page("404", PageContexts.notFound(site: site))
            }
            out.append(("404.html", entry, rendered))
        }
        for (name, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
            var inputs = Fingerprints.program
            data.withUnsafeBytes { inputs.combine($0) }
            let (entry, rendered) = try producer.produce("assets/" + name, inputs) { () throws(Diagnostic) -> Data in data }
            out.append(("assets/" + name, entry, rendered))
        }
        return out
    }
}
