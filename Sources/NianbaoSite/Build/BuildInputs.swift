import NianbaoContent
import NianbaoRecords
import NianbaoTemplates

/// What outputs are made from, as hashes: an output is rendered again only when the hash of its
/// inputs differs from the one the build state recorded for it. An input added to an output is
/// added here (or in `SiteIndex`'s hashes of what the index pages show).
struct BuildInputs {
    /// The program and the site configuration (site.yaml, agencies.yaml): every output depends on them.
    let base: ContentHash
    /// `base` and the templates of the report's page and article: every report page and article depends on them.
    let reportBase: ContentHash
    /// What the report cache is valid for: `base` and the content folder's path. Not the
    /// templates: a report's summary and findings do not depend on them, so a changed template
    /// renders every page again from folders read without their checks.
    let cacheValidity: ContentHash
    /// Everything a build depends on besides the report folders: `base`, the content folder's
    /// path, every template and asset.
    let site: ContentHash

    init(configTexts: [String], theme: Theme, content: String) {
        var base = Fingerprints.program
        for text in configTexts { base.combine(text) }
        self.base = base
        var reportBase = base
        reportBase.combine(Fingerprints.templates("report", in: theme))
        reportBase.combine(Fingerprints.templates("article", in: theme))
        // report.docx (downloads: [docx], in site.yaml, so in `base`) takes its look from reference.docx.
        if let reference = theme.reference { reference.data.withUnsafeBytes { reportBase.combine($0) } }
        self.reportBase = reportBase
        var validity = base
        validity.combine(content)
        cacheValidity = validity
        var site = base
        site.combine(content)
        for name in theme.templates.keys.sorted() {
            site.combine(name)
            site.combine(theme.templates[name]!)
        }
        for name in theme.assets.keys.sorted() {
            site.combine(name)
            theme.assets[name]!.withUnsafeBytes { site.combine($0) }
        }
        if let reference = theme.reference { reference.data.withUnsafeBytes { site.combine($0) } }
        self.site = site
    }

    /// A report's page: its templates and every file of its folder (`ReportInputs.hash`).
    func reportPage(_ inputHash: ContentHash) -> ContentHash {
        var inputs = reportBase
        inputs.combine(inputHash)
        return inputs
    }

    /// A report's data files: the program, the site configuration (its address, the agency list)
    /// and the report's figures.
    func reportData(_ summary: ReportSummary) -> ContentHash {
        var inputs = base
        inputs.combine(summary.dataHash)
        return inputs
    }
}
