import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// The outputs made from every report: the years' data files, `sitemap.xml` and the feed, the
/// year and agency pages, the data index, the home and site-map pages; then the 404 page and the
/// assets. Or, for a correction of figures, only its years' and agencies' (`correct`).
struct SiteWideOutputs {
    /// A data file produced: its entry, whether it was rendered, its size.
    typealias Made = (entry: BuildState.Entry, rendered: Bool, size: Int)
    /// A page: its path, its inputs, how to render it.
    typealias Page = (String, ContentHash, () throws(Diagnostic) -> Data)

    /// What `correct` did.
    enum Correction {
        /// Its outputs, with entries and whether rendered.
        case done([(String, BuildState.Entry, Bool)])
        /// A page of the whole site must change too: `make` must run with the index of every
        /// report, and these data files already produced.
        case needsEveryReport([String: Made])
    }

    let producer: OutputProducer
    let index: SiteIndex
    /// Data files produced already (by a correction that needed every report after all).
    private let made: [String: Made]
    /// The templates of a year page and of an agency page.
    private let yearTemplates: ContentHash, agencyTemplates: ContentHash

    init(producer: OutputProducer, index: SiteIndex, made: [String: Made] = [:]) {
        self.producer = producer
        self.index = index
        self.made = made
        yearTemplates = Fingerprints.templates("year", in: producer.plan.discovered.theme)
        agencyTemplates = Fingerprints.templates("agency", in: producer.plan.discovered.theme)
    }

    private var plan: BuildPlan { producer.plan }
    private var base: ContentHash { plan.inputs.base }

    /// Every output with its entry and whether it was rendered, in the order they are recorded.
    /// - Parameter newest: the reports the feed shows (`SiteFiles.newest` of `index`).
    func make(newest: [ReportSummary]) throws(Diagnostic) -> [(String, BuildState.Entry, Bool)] {
        // sitemap.xml and the feed show the list of reports, not their figures (the feed: those
        // of its newest reports); so do the data index, the home and site-map pages.
        var listInputs = base
        listInputs.combine(index.listing)
        // First the years' data files (the pages link them with their sizes).
        let files = try dataFiles(index.years)
        var out = files.map { ($0.key, $0.value.entry, $0.value.rendered) }.sorted { $0.0 < $1.0 }
        var dataSizes = files.mapValues(\.size)
        try out += produce(listedPages(dataSizes, listInputs: listInputs, newest: newest))
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

    /// A correction of figures: its years' data files and pages, its agencies' pages. Not when
    /// the feed shows one of its reports, or a data file's size changed (the data index, the home
    /// and site-map pages show them): those need every report.
    func correct(_ correction: FigureCorrection) throws(Diagnostic) -> Correction {
        if plan.discovered.site.base != nil, correction.newest.contains(where: correction.keys.contains) { return .needsEveryReport([:]) }
        let years = correction.years.sorted(by: >)
        // A year page shows its data files' sizes, which a correction keeps (or it needs every
        // report): so the pages are rendered with the sizes the output has, beside the data files.
        let sizes = Dictionary(uniqueKeysWithValues: years.flatMap(OpenData.yearFiles).map { ($0.path, plan.writer.sizeInOutput($0.path) ?? 0) })
        var pages = years.map { yearPage($0, sizes) }
        pages += index.agencies.filter { correction.slugs.contains($0.slug) }.map(agencyPage)
        let (made, rendered) = Parallel.both(
            { Swift.Result { () throws(Diagnostic) in try dataFiles(years) } },
            { pages.map { page in Swift.Result { () throws(Diagnostic) in try page.2() } } })
        let files = try made.get()
        if files.contains(where: { $0.value.size != plan.writer.sizeInOutput($0.key) }) { return .needsEveryReport(files) }
        var out = files.map { ($0.key, $0.value.entry, $0.value.rendered) }.sorted { $0.0 < $1.0 }
        try out += produce(zip(pages, rendered).map { page, data in (page.0, page.1, { () throws(Diagnostic) in try data.get() }) })
        return .done(out)
    }

    /// The pages `listed` kept or rendered, on all cores.
    private func produce(_ listed: [Page]) throws(Diagnostic) -> [(String, BuildState.Entry, Bool)] {
        let outcomes = Parallel.map(listed.count) { i -> Swift.Result<(BuildState.Entry, Bool), Diagnostic> in
            Swift.Result { () throws(Diagnostic) -> (BuildState.Entry, Bool) in
                try producer.produce(listed[i].0, listed[i].1, render: listed[i].2)
            }
        }
        var out: [(String, BuildState.Entry, Bool)] = []
        for (page, outcome) in zip(listed, outcomes) {
            let (entry, rendered) = try outcome.get()
            out.append((page.0, entry, rendered))
        }
        return out
    }

    /// One data file of one year: its path, what it is made from, how it is written.
    private struct DataFile {
        let path: String
        let year: Int
        let inputs: ContentHash
        let file: SiteWideFile
    }

    /// `years`' `reports.json` and `applications.csv` kept or written, each year's on its own
    /// core (or taken from `made`), by path. Written in pieces: memory does not grow with their
    /// size. The fragments of reports that did not change are copied from the file the output holds.
    private func dataFiles(_ years: [Int]) throws(Diagnostic) -> [String: Made] {
        let files = years.flatMap { year -> [DataFile] in
            var inputs = base
            inputs.combine(index.inputs(year: year))
            return [
                DataFile(path: SitePaths.reportsJSON(year: year), year: year, inputs: inputs, file: OpenData.reportsJSON(index, year: year)),
                DataFile(path: SitePaths.applicationsCSV(year: year), year: year, inputs: inputs, file: OpenData.allApplicationsCSV()),
            ]
        }
        let outcomes = Parallel.map(files.count) { i -> Swift.Result<Made, Diagnostic> in
            Swift.Result { () throws(Diagnostic) -> Made in
                if let done = made[files[i].path] { return done }
                return try produceData(files[i])
            }
        }
        var out: [String: Made] = [:]
        for (file, outcome) in zip(files, outcomes) { out[file.path] = try outcome.get() }
        return out
    }

    private func produceData(_ data: DataFile) throws(Diagnostic) -> Made {
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
    private func listedPages(_ dataSizes: [String: Int], listInputs: ContentHash, newest: [ReportSummary]) -> [Page] {
        let site = plan.discovered.site, index = index
        var listed: [Page] = []
        if let address = site.base {
            listed.append((SitePaths.siteMapXML, listInputs, { () throws(Diagnostic) -> Data in SiteFiles.siteMap(index, base: address) }))
            var feedInputs = listInputs
            for report in newest { feedInputs.combine(report.dataHash) }
            listed.append((SitePaths.feed, feedInputs, { () throws(Diagnostic) -> Data in SiteFiles.feed(index, newest: newest, base: address) }))
        }
        listed += index.years.map { yearPage($0, dataSizes) }
        listed += index.agencies.map(agencyPage)
        return listed
    }

    private func yearPage(_ year: Int, _ dataSizes: [String: Int]) -> Page {
        let renderer = plan.renderer, index = index
        var inputs = base
        inputs.combine(yearTemplates)
        inputs.combine(index.inputs(year: year))
        for file in OpenData.yearFiles(year) { inputs.combine(OpenData.size(dataSizes[file.path] ?? 0)) }
        return (SitePaths.year(year), inputs, { () throws(Diagnostic) -> Data in
            try renderer.page("year", try SitePages.year(year, index: index, dataSizes: dataSizes, renderer: renderer))
        })
    }

    private func agencyPage(_ agency: Agency) -> Page {
        let renderer = plan.renderer, index = index
        var inputs = base
        inputs.combine(agencyTemplates)
        inputs.combine(index.inputs(agency: agency.slug))
        return (SitePaths.agency(agency.slug), inputs, { () throws(Diagnostic) -> Data in
            try renderer.page("agency", try SitePages.agency(agency, index: index, renderer: renderer))
        })
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
