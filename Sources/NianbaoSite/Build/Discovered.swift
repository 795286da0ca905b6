import NianbaoContent
import NianbaoExport
import NianbaoModel
import NianbaoTemplates

/// What the first stage found: the content folder's layout and the templates.
struct Discovered {
    /// `site.yaml`, agencies.yaml's text (parsed in `Plan`) and the report folders.
    var found: ContentLoader.Discovery
    let theme: Theme
    let site: SiteConfig
    /// The Word export's look, when the site publishes `report.docx` (`downloads: [docx]`).
    var reference: ReferenceDocument? = nil
}
