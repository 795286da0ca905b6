import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// The record `agencies`: agencies.yaml's entries as last parsed without a diagnostic, valid for
/// the program and the file's path and text; thousands of entries then cost a split of lines
/// instead of a YAML parse.
enum AgencyRecord {
    /// Gives `found` its agency list: from the record when it is for the same program, path and
    /// text, else parsed (and recorded when the parse found nothing to say).
    static func parse(_ found: inout ContentLoader.Discovery, _ records: BuildRecords, validity: ContentHash) {
        guard let (path, text) = found.unparsedAgencies else { return }
        var key = validity
        key.combine(path)
        key.combine(text)
        if let recorded = read(records, key: key) {
            found.useAgencies(recorded)
            return
        }
        let before = found.diagnostics.count
        found.parseAgencies()
        if found.diagnostics.count == before { try? write(records, key: key, found.agencies) }
    }

    static let name = "agencies"

    /// The list as `write` left it for `key`, or nil.
    static func read(_ records: BuildRecords, key: ContentHash) -> [Agency]? {
        guard let data = records.read(name, for: key) else { return nil }
        var out: [Agency] = []
        var lineNumber = 0
        var valid = true
        ByteText.forEachLine(String(decoding: data, as: UTF8.self)) { line in
            lineNumber += 1
            if lineNumber == 1 { return true }  // the header, checked by `read`
            let f = ByteText.fields(line, 0x09)
            guard f.count == 7, let row = ByteText.int(f[4]), let column = ByteText.int(f[5]) else { valid = false; return false }
            let covers = ByteText.string(f[6]).split(separator: ",").map(String.init)
            out.append(Agency(slug: ByteText.string(f[0]), name: ByteText.string(f[1]), kind: ByteText.string(f[2]),
                              location: SourceLocation(file: ByteText.string(f[3]), line: row, column: column), covers: covers))
            return true
        }
        return valid && lineNumber >= 1 && data.last == 0x0A ? out : nil
    }

    /// Keeps a list read without diagnostics (no field may hold a tab or a newline).
    static func write(_ records: BuildRecords, key: ContentHash, _ agencies: [Agency]) throws {
        var text = ""
        for a in agencies {
            // covers: slugs (letters, digits, hyphens), joined by commas.
            let fields = [a.slug, a.name, a.kind, a.location.file, String(a.location.line), String(a.location.column), a.covers.joined(separator: ",")]
            guard !fields.contains(where: { $0.contains("\t") || $0.contains("\n") || $0.contains("\r") }) else { return }
            text += fields.joined(separator: "\t") + "\n"
        }
        try records.write(name, for: key, text.utf8)
    }
}
