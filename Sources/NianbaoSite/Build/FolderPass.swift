import NianbaoModel

/// What the pass over one changed report folder leaves behind: its findings (and the text of the
/// files they quote), a slim copy of the report for the rules across years, its summary, and the
/// outputs rendered from it.
struct FolderPass {
    var diagnostics: [Diagnostic]
    var sources: [String: String]
    var report: Report?
    var summary: ReportSummary?
    var outputs: [(String, BuildState.Entry, Bool)] = []
}
