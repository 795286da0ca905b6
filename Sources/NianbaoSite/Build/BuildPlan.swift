import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords
import NianbaoTemplates

/// All a build needs to check and render: what was discovered, what changed since the last
/// build, and the stage the new generation goes into.
struct BuildPlan {
    /// The output folder, as given.
    let output: String
    let discovered: Discovered
    let renderer: PageRenderer
    /// What the last build kept for this one, and where this one keeps its own.
    let records: BuildRecords
    let inputs: BuildInputs
    /// Per report folder (in `found.folders` order), its fingerprint now; and all of them in one hash.
    let fingerprints: [ContentHash]
    let folderState: ContentHash
    /// What the last build knew of each report folder (nil: read every folder); without the
    /// figures, which `Check` loads into `Checked.cache` (the years it needs) when the index changed.
    let cache: ReportCache?
    /// The folders to read (indices into `found.folders`), and the cached folders that are gone (`year/slug`).
    let toRead: [Int]
    let gone: [String]
    /// The folders the cache holds findings of, in order (indices into `found.folders`).
    let diagnosed: [Int]
    let writer: any OutputStage
    /// The last build's record of each output (with an incremental stage: only those that may change).
    let state: BuildState

    var found: ContentLoader.Discovery { discovered.found }
    var incremental: Bool { writer.incremental }
}
