import NianbaoModel

/// Something the importer could not take as it was, or took in a way to be checked: listed at the
/// end of the import (as a diagnostic located in the published file) and, where `yamlKey` names a
/// place, written into report.yaml as a `# 导入注意：` comment at that place.
struct ImportNote {
    var diagnostic: Diagnostic
    /// `applications.results.granted`, `active_disclosure`, `published`…; nil for notes about the narrative.
    var yamlKey: String?
    /// `导入注意` for what the import could not take as it was; `原文如此` for a published figure kept as it is.
    var heading = "导入注意"
    /// Whether the line of `diagnostic` means something (not for "not found anywhere").
    var showLine = true

    /// The comment written into report.yaml.
    var yamlComment: String {
        let at = showLine ? diagnostic.location.map { "（原文第 \($0.line) 行）" } ?? "" : ""
        return "\(heading)：\(diagnostic.message)\(at)"
    }
}

/// The YAML places of the three tables.
enum YAMLPlace {
    static let tableTwo = "active_disclosure"
    static let tableThree = "applications"
    static let tableFour = "review_and_litigation"

    static func two(_ row: String) -> String { "\(tableTwo).\(row)" }
    static func three(_ path: String) -> String { "\(tableThree).\(path)" }
    static func four(_ group: String) -> String { "\(tableFour).\(group)" }
}

/// The notes of one import, with the file they point into.
struct NoteList {
    let file: String
    private(set) var notes: [ImportNote] = []

    init(file: String) {
        self.file = file
    }

    func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: max(1, line), column: max(1, column))
    }

    func location(_ cell: SourceCell) -> SourceLocation { location(cell.line, cell.column) }
    func location(_ line: SourceLine) -> SourceLocation { location(line.line, line.column) }

    mutating func warn(_ rule: String, at location: SourceLocation?, _ message: String, place: String?, showLine: Bool = true) {
        notes.append(ImportNote(diagnostic: .warning(rule, at: location, message), yamlKey: place, showLine: showLine))
    }

    mutating func fail(_ rule: String, at location: SourceLocation?, _ message: String) {
        notes.append(ImportNote(diagnostic: .error(rule, at: location, message), yamlKey: nil))
    }

    mutating func append(_ note: ImportNote) {
        notes.append(note)
    }

    var hasErrors: Bool { notes.contains { $0.diagnostic.severity == .error } }
}
