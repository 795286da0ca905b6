import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// The outputs made from every report: the years' data files, `sitemap.xml` and the feed, the
/// year and agency pages, the data index, the home and site-map pages; then the 404 page and the assets.
struct SiteWideOutputs {
    let producer: OutputProducer
    let index: SiteIndex
    /// sitemap.xml and the feed show the list of reports, not their figures (the feed: those of
    /// its newest reports).
    private let listInputs: ContentHash

    init(producer: OutputProducer, index: SiteIndex) {
        self.producer = producer
        self.index = index
        var list = producer.plan.inputs.base
        list.combine(index.listing)
        listInputs = list
    }

    private var plan: BuildPlan { producer.plan }
    private var base: ContentHash { plan.inputs.base }

    /// Every output with its entry and whether it was rendered, in the order they are recorded.
    func make() throws(Diagnostic) -> [(String, BuildState.Entry, Bool)] {
        var out: [(String, BuildState.Entry, Bool)] = []
        // First the years' data files (the pages link them with their sizes), each year's on
        // its own core.
        let files = dataFiles()
        let made = Parallel.map(files.count) { i -> Swift.Result<(BuildState.Entry, Bool, Int), Diagnostic> in
            Swift.Result { () throws(Diagnostic) -> (BuildState.Entry, Bool, Int) in try produceData(files[i]) }
        }
        var dataSizes: [String: Int] = [:]
        for (file, outcome) in zip(files, made) {
            let (entry, rendered, size) = try outcome.get()
            out.append((file.path, entry, rendered))
            dataSizes[file.path] = size
        }
        let listed = listedPages(dataSizes)
        let outcomes = Parallel.map(listed.count) { i -> Swift.Result<(BuildState.Entry, Bool), Diagnostic> in
            Swift.Result { () throws(Diagnostic) -> (BuildState.Entry, Bool) in
                try producer.produce(listed[i].0, listed[i].1, render: listed[i].2)
            }
        }
        for (page, outcome) in zip(listed, outcomes) {
            let (entry, rendered) = try outcome.get()
            out.append((page.0, entry, rendered))
        }
        // The data index, then the home and site-map pages: they list reports and the data files' sizes.
        var sizesInputs = listInputs
        for file in dataSizes.keys.sorted() { sizesInputs.combine(file + " " + String(dataSizes[file]!)) }
        let dataIndex = OpenData.dataIndex(index, sizes: dataSizes)
        let (indexEntry, indexRendered) = try producer.produce(SitePaths.dataIndex, sizesInputs) { () throws(Diagnostic) -> Data in dataIndex }
        out.append((SitePaths.dataIndex, indexEntry, indexRendered))
        dataSizes[SitePaths.dataIndex] = dataIndex.count
        let renderer = plan.renderer
        for (path, template, context) in [
            (SitePaths.home, "index", { () throws(Diagnostic) in try SitePages.home(index, dataSizes: dataSizes, renderer: renderer) }),
            (SitePaths.siteMapPage, "sitemap", { () throws(Diagnostic) in SitePages.siteMap(index, dataSizes: dataSizes) }),
        ] as [(String, String, () throws(Diagnostic) -> [String: Any])] {
            // The sizes as these pages show them (a figure corrected seldom changes "4.2 KB").
            var inputs = listInputs
            inputs.combine(Fingerprints.templates(template, in: plan.discovered.theme))
            for file in dataSizes.keys.sorted() { inputs.combine(file + " " + OpenData.size(dataSizes[file]!)) }
            let (entry, rendered) = try producer.produce(path, inputs) { () throws(Diagnostic) -> Data in try renderer.page(template, try context()) }
            out.append((path, entry, rendered))
        }
        try out += notFoundAndAssets()
        return out
    }

    /// One data file of one year: its path, what it is made from, how it is written.
    private struct DataFile {
        let path: String
        let year: Int
        let inputs: ContentHash
        let file: SiteWideFile
    }

    /// Each year's `reports.json` and `applications.csv`. Written in pieces: memory does not
    /// grow with their size. The fragments of reports that did not change are copied from the
    /// file the output holds.
    private func dataFiles() -> [DataFile] {
        index.years.flatMap { year -> [DataFile] in
            var inputs = base
            inputs.combine(index.inputs(year: year))
            return [
                DataFile(path: SitePaths.reportsJSON(year: year), year: year, inputs: inputs, file: OpenData.reportsJSON(index, year: year)),
                DataFile(path: SitePaths.applicationsCSV(year: year), year: year, inputs: inputs, file: OpenData.allApplicationsCSV()),
            ]
        }
    }

    private func produceData(_ data: DataFile) throws(Diagnostic) -> (BuildState.Entry, Bool, Int) {
        let path = data.path
        if let last = producer.unchanged(path, data.inputs), let size = plan.writer.sizeInOutput(path) {
            try plan.writer.keep(path, last.content)
            return (last, false, size)
        }
        let reports = index.byYear[data.year, default: []]
        let keys = reports.map(\.key)
        let previous = SiteWideFile.Layout.read(
            plan.records, path: path, inputs: base, content: producer.recorded(path)?.content, order: keys
        ).flatMap { layout in
            (try? Data(contentsOf: URL(fileURLWithPath: plan.output + "/" + path), options: .alwaysMapped)).map { (layout, $0) }
        }
        var layout = SiteWideFile.Layout()
        let (hash, size) = try plan.writer.putStreaming(path) { write in
            layout = data.file.write(reports, names: keys, previous: previous, write: write)
        }
        try? layout.write(plan.records, path: path, inputs: base, content: hash)
        return (BuildState.Entry(inputs: data.inputs, content: hash), true, size)
    }

    /// sitemap.xml, the feed, the year and agency pages: each with its inputs and how to render it.
    private func listedPages(_ dataSizes: [String: Int]) -> [(String, ContentHash, () throws(Diagnostic) -> Data)] {
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
            for file in OpenData.yearFiles(year) { inputs.combine(OpenData.size(dataSizes[file.path] ?? 0)) }
            listed.append((SitePaths.year(year), inputs, { () throws(Diagnostic) -> Data in
                try renderer.page("year", try SitePages.year(year, index: index, dataSizes: dataSizes, renderer: renderer))
            }))
        }
        for agency in index.agencies {
            var inputs = base
            inputs.combine(agencyTemplates)
            inputs.combine(index.inputs(agency: agency.slug))
            listed.append((SitePaths.agency(agency.slug), inputs, { () throws(Diagnostic) -> Data in
                try renderer.page("agency", try SitePages.agency(agency, index: index, renderer: renderer))
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
