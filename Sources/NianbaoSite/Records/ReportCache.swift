import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords

#if canImport(Glibc)
    import Glibc
#endif

/// What the last successful build learnt about each report folder, so that the next build reads
/// only folders that changed (and the other years of their agencies, for the rules across years).
/// The records `report-cache` and `report-figures-<year>`, valid only for the same program, content
/// folder and site configuration (not the templates: nothing here depends on them).
///
/// One line per folder (`R`, its key, fingerprint, summary but its figures, and diagnostics), per
/// agency with findings of the rules across years (`C`), and one of the reports the feed shows
/// (`L`, written by each build that made the index of every report), sorted: reading it indexes the lines
/// (key, fingerprint, data hash, where the line is) and decodes a summary or a diagnostic only
/// when asked, and writing it patches the lines of the folders a build read. The figures, most of
/// its bytes, are in a record per year (`report-figures-<year>`, one line per folder), read only
/// by a build that makes pages from those years' figures, and rewritten only when one changed.
struct ReportCache {
    /// One report folder as last seen.
    struct Entry {
        var fingerprint: ContentHash
        /// `ReportSummary.dataHash`.
        var dataHash: ContentHash
        /// Where its line is in `bytes`.
        var line: Range<Int>
        var diagnosticCount: Int
    }

    /// What a build learnt about one folder it read.
    struct Record {
        var fingerprint: ContentHash
        var summary: ReportSummary
        /// The diagnostics of the folder itself (loading, single-report and narrative rules).
        var diagnostics: [Diagnostic]
    }

    /// Everything the build must match for the cache to be used.
    let validity: ContentHash
    private(set) var entries: [String: Entry] = [:]
    /// Lines of the rules across years' findings, by agency slug.
    private(set) var cross: [String: Range<Int>] = [:]
    /// The keys of the reports the feed showed (`SiteFiles.newest`), as the last index of every
    /// report had them; nil when not recorded.
    private(set) var newest: [String]?
    /// The file's bytes.
    private(set) var bytes = Data()
    /// The figures of the years loaded (`loadFigures`): each year's bytes (empty when lost or
    /// damaged), and where each folder's figures are.
    private(set) var figureBytes: [Int: Data] = [:]
    private(set) var figures: [String: (year: Int, range: Range<Int>)] = [:]

    static let name = "report-cache"
    static func figuresName(_ year: Int) -> String { "report-figures-\(year)" }
    private static let newestName = "newest"

    // MARK: Reading

    /// The cache, or nil when there is none or it was made for something else than `validity`.
    static func read(_ records: BuildRecords, validity: ContentHash) -> ReportCache? {
        guard let data = records.read(name, for: validity) else { return nil }
        var cache = ReportCache(validity: validity)
        cache.bytes = data
        cache.entries.reserveCapacity(data.count / 120)
        var lineNumber = 0
        var f: [UnsafeBufferPointer<UInt8>] = []
        f.reserveCapacity(11)
        let complete = data.withUnsafeBytes { raw in
            ByteText.forEachLine(raw.bindMemory(to: UInt8.self)) { line, range in
                lineNumber += 1
                if lineNumber == 1 || line.isEmpty { return true }  // the header, checked by `read`
                ByteText.fields(line, 0x09, maxFields: 11, into: &f)
                if f.count >= 10, ByteText.equals(f[0], "R"), let fingerprint = ByteText.hex(f[2]), let dataHash = ByteText.hex(f[8]),
                    let count = ByteText.int(f[9])
                {
                    cache.entries[ByteText.string(f[1])] = Entry(fingerprint: fingerprint, dataHash: dataHash, line: range, diagnosticCount: count)
                } else if f.count >= 3, ByteText.equals(f[0], "C") {
                    cache.cross[ByteText.string(f[1])] = range
                } else if f.count >= 2, ByteText.equals(f[0], "L"), ByteText.equals(f[1], newestName) {
                    cache.newest = ByteText.fields(line, 0x09).dropFirst(2).map { unescape($0) }
                } else {
                    return false
                }
                return true
            }
        }
        return complete ? cache : nil
    }

    private func fields(_ range: Range<Int>) -> [String] {
        bytes.withUnsafeBytes { raw in
            ByteText.fields(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[range]), 0x09).map { ByteText.string($0) }
        }
    }

    /// Reads the figures of `years` (valid for the same `validity`), which `summary` needs.
    mutating func loadFigures(_ records: BuildRecords, years: Set<Int>) {
        for year in years.sorted() where figureBytes[year] == nil {
            guard let data = records.read(Self.figuresName(year), for: validity) else {
                figureBytes[year] = Data()
                continue
            }
            var index: [(String, Range<Int>)] = []
            var lineNumber = 0
            let valid = data.withUnsafeBytes { raw in
                ByteText.forEachLine(raw.bindMemory(to: UInt8.self)) { line, range in
                    lineNumber += 1
                    if lineNumber == 1 { return true }  // the header, checked by `read`
                    guard let tab = line.firstIndex(of: 0x09) else { return false }
                    index.append((ByteText.string(UnsafeBufferPointer(rebasing: line[..<tab])), (range.lowerBound + tab + 1)..<range.upperBound))
                    return true
                }
            } && lineNumber >= 1
            figureBytes[year] = valid ? data : Data()
            if valid { for (key, range) in index { figures[key] = (year, range) } }
        }
    }

    /// What lists of reports show of the folder `key` as last read: its agency's name and its date.
    func listing(_ key: String) -> (agency: String, published: String)? {
        guard let entry = entries[key] else { return nil }
        return bytes.withUnsafeBytes { raw in
            let f = ByteText.fields(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[entry.line]), 0x09, maxFields: 8)
            return f.count >= 7 ? (Self.unescape(f[5]), ByteText.string(f[6])) : nil
        }
    }

    /// The summary of the folder `key` (`year/slug`) as last read (after `loadFigures`).
    func summary(_ key: String) -> ReportSummary? {
        guard let entry = entries[key], let place = figures[key], let data = figureBytes[place.year] else { return nil }
        let figuresText = data.withUnsafeBytes { Self.unescape(UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[place.range])) }
        return bytes.withUnsafeBytes { raw -> ReportSummary? in
            let f = ByteText.fields(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[entry.line]), 0x09, maxFields: 11)
            guard f.count >= 10, let year = ByteText.int(f[4]), let inputHash = ByteText.hex(f[7]) else { return nil }
            let summary = ReportSummary(
                slug: Self.unescape(f[3]), year: year, agency: Self.unescape(f[5]), published: ByteText.string(f[6]),
                inputHash: inputHash, figuresText: figuresText)
            return summary.dataHash == entry.dataHash ? summary : nil
        }
    }

    /// The folder's own diagnostics as last found.
    func diagnostics(_ key: String) -> [Diagnostic] {
        guard let entry = entries[key], entry.diagnosticCount > 0 else { return [] }
        return fields(entry.line).dropFirst(10).compactMap { Self.decodeDiagnostic(Self.unescape(Substring($0))) }
    }

    /// The agencies with findings of the rules across years, sorted.
    var crossSlugs: [String] { cross.keys.sortedByBytes() }

    func crossDiagnostics(_ slug: String) -> [Diagnostic] {
        guard let range = cross[slug] else { return [] }
        return fields(range).dropFirst(3).compactMap { Self.decodeDiagnostic(Self.unescape(Substring($0))) }
    }

    // MARK: Writing

    static func line(key: String, _ r: Record) -> String {
        let s = r.summary
        return (["R", key, r.fingerprint.description, s.slug, String(s.year), s.agency, s.published, s.inputHash.description,
                 s.dataHash.description, String(r.diagnostics.count)] + r.diagnostics.map(encode)).map(escape).joined(separator: "\t")
    }

    static func crossLine(slug: String, _ diagnostics: [Diagnostic]) -> String? {
        guard !diagnostics.isEmpty else { return nil }
        return (["C", slug, String(diagnostics.count)] + diagnostics.map(encode)).map(escape).joined(separator: "\t")
    }

    /// Writes the cache: `old`'s lines with those of `records` (the folders this build read),
    /// `removed` (folders gone), `cross` (agencies whose rules across years ran) and `newest`
    /// (when this build made the index of every report) replaced; everything from `records`,
    /// `cross` and `newest` when there is no `old` for the same validity.
    static func write(
        _ store: BuildRecords, validity: ContentHash, old: ReportCache?, records: [String: Record], removed: [String],
        cross: [String: [Diagnostic]], newest: [String]?
    ) throws {
        let base = old.flatMap { $0.validity == validity ? $0 : nil }
        var changes = records.map { SortedLines.Change(key: "R\t" + $0.key, line: line(key: $0.key, $0.value)) }
        changes += removed.map { SortedLines.Change(key: "R\t" + $0, line: nil) }
        changes += cross.map { SortedLines.Change(key: "C\t" + $0.key, line: crossLine(slug: $0.key, $0.value)) }
        if let newest {
            changes.append(SortedLines.Change(key: "L\t" + newestName, line: (["L", newestName] + newest.map(escape)).joined(separator: "\t")))
        }
        try store.patch(name, old: base?.bytes, for: validity, changes: changes) { SortedLines.before($0, 2, 0x09) }
        // The figures: a year's old record is read only to be patched, and only when one of its
        // figures changed, or its kept figures were found lost or damaged.
        var changesByYear: [Int: [SortedLines.Change]] = [:]
        var changedYears: Set<Int> = []
        for (key, record) in records {
            let year = record.summary.year
            changesByYear[year, default: []].append(SortedLines.Change(key: key, line: key + "\t" + escape(record.summary.figuresText)))
            let kept = base.map { base in
                base.entries[key]?.dataHash == record.summary.dataHash && (base.figureBytes[year] == nil || base.summary(key) != nil)
            }
            if kept != true { changedYears.insert(year) }
        }
        for key in removed {
            guard let year = Int(key.prefix { $0 != "/" }) else { continue }
            changesByYear[year, default: []].append(SortedLines.Change(key: key, line: nil))
            changedYears.insert(year)
        }
        for year in changedYears.sorted() {
            // Figures loaded and found damaged (empty bytes) are written anew from `records`, never copied.
            let old = base.flatMap { base in base.figureBytes[year] ?? store.read(figuresName(year), for: validity) }
            try store.patch(figuresName(year), old: old, for: validity, changes: changesByYear[year]!) { SortedLines.before($0, 1, 0x09) }
        }
    }

    // MARK: Text form

    /// Fields separated by tabs; tabs, newlines and backslashes escaped.
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        bytes.contains(0x5C) ? unescape(Substring(ByteText.string(bytes))) : ByteText.string(bytes)
    }

    static func unescape(_ s: Substring) -> String {
        guard s.utf8.contains(0x5C) else { return String(s) }
        var out = ""
        var escaped = false
        for c in s.unicodeScalars {
            if escaped {
                out.unicodeScalars.append(c == "t" ? "\t" : c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A diagnostic as tab-separated escaped fields (escaped once more as a field of its line).
    static func encode(_ d: Diagnostic) -> String {
        var fields = [
            d.severity.rawValue, d.rule, d.location?.file ?? "", d.location.map { String($0.line) } ?? "",
            d.location.map { String($0.column) } ?? "", d.message, d.expected ?? "\u{0}", d.actual ?? "\u{0}",
        ]
        for r in d.related { fields += [r.location.file, String(r.location.line), String(r.location.column), r.note] }
        return fields.map(escape).joined(separator: "\t")
    }

    static func decodeDiagnostic(_ line: String) -> Diagnostic? {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(unescape)
        guard f.count >= 8, (f.count - 8) % 4 == 0, let severity = Severity(rawValue: f[0]) else { return nil }
        let location = Int(f[3]).flatMap { line in Int(f[4]).map { SourceLocation(file: f[2], line: line, column: $0) } }
        var related: [RelatedLocation] = []
        var i = 8
        while i + 3 < f.count {
            guard let line = Int(f[i + 1]), let column = Int(f[i + 2]) else { return nil }
            related.append(RelatedLocation(SourceLocation(file: f[i], line: line, column: column), f[i + 3]))
            i += 4
        }
        return Diagnostic(severity, rule: f[1], at: location, f[5],
                          expected: f[6] == "\u{0}" ? nil : f[6], actual: f[7] == "\u{0}" ? nil : f[7], related: related)
    }
}
