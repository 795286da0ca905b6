import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// A report's own inputs: every file of its folder that was read (names and bytes). A page made
/// from the report needs rendering again only when this changes (with the templates and settings).
enum ReportInputs {
    /// - Parameter files: the texts `ContentLoader.checkedReport` read (with `keepNarrative: true`,
    ///   so none is left out), by displayed path (`folder/name`).
    static func hash(folder: String, files: [String: String]) -> ContentHash {
        var hash = ContentHash()
        for name in [ContentLoader.reportFile] + ReportFormat.narrativeFiles {
            guard let text = files[folder + "/" + name] else { continue }
            hash.combine(name)
            hash.combine(text)
        }
        return hash
    }
}
