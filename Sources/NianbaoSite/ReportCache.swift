import Foundation
import NianbaoContent
import NianbaoModel

/// What the last successful build learnt about each report folder, so that the next build reads
/// only folders that changed (and the other years of their agencies, for the rules across years).
/// Kept in the state folder beside the output (`.<name>.nianbao/report-cache`), valid only for
/// the same program, content folder, site configuration and templates.
struct ReportCache {
    /// One report folder as last seen.
    struct Entry: Equatable {
        var fingerprint: ContentHash
        var summary: ReportSummary
        /// The diagnostics of the folder itself (loading, single-report and narrative rules).
        var diagnostics: [Diagnostic]
    }

    /// Everything the build must match for the cache to be used.
    var validity = ContentHash()
    var entries: [String: Entry] = [:]
    /// Diagnostics of the rules across years, by agency slug.
    var crossBySlug: [String: [Diagnostic]] = [:]
    /// The text this cache was read from, to skip rewriting an unchanged cache.
    var text: String?

    static let fileName = "report-cache"
    static let header = "nianbao-report-cache 2"

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

    static func encode(_ d: Diagnostic) -> String {
        var fields = [
            d.severity.rawValue, d.rule, d.location?.file ?? "", d.location.map { String($0.line) } ?? "",
            d.location.map { String($0.column) } ?? "", d.message, d.expected ?? "\u{0}", d.actual ?? "\u{0}",
        ]
        for r in d.related { fields += [r.location.file, String(r.location.line), String(r.location.column), r.note] }
        return fields.map(escape).joined(separator: "\t")
    }

    static func decodeDiagnostic(_ line: Substring) -> Diagnostic? {
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

    func write(to folder: URL, unlessSameAs old: ReportCache?) throws {
        if let old, old.validity == validity, old.entries == entries, old.crossBySlug == crossBySlug { return }
        var text = Self.header + "\nvalid \(validity)\n"
        for key in entries.keys.sortedByBytes() {
            let e = entries[key]!
            let s = e.summary
            text += ["R", key, e.fingerprint.description, s.slug, String(s.year), s.agency, s.published, s.inputHash.description,
                     String(e.diagnostics.count), s.figuresText].map(Self.escape).joined(separator: "\t") + "\n"
            for d in e.diagnostics { text += Self.encode(d) + "\n" }
        }
        for slug in crossBySlug.keys.sortedByBytes() where !(crossBySlug[slug]?.isEmpty ?? true) {
            text += "C\t\(Self.escape(slug))\t\(crossBySlug[slug]!.count)\n"
            for d in crossBySlug[slug]! { text += Self.encode(d) + "\n" }
        }
        if text == old?.text { return }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent(Self.fileName), options: .atomic)
    }

    /// The cache, or nil when there is none or it was made for something else than `validity`.
    static func read(from folder: URL, validity: ContentHash) -> ReportCache? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        var cache = ReportCache(validity: validity)
        cache.text = text
        var lineNumber = 0
        var valid = true
        // Diagnostics still to read, and whom they belong to.
        var pending = 0
        var owner: (isReport: Bool, key: String) = (true, "")
        ByteText.forEachLine(text) { line in
            lineNumber += 1
            if lineNumber == 1 { valid = ByteText.equals(line, header); return valid }
            if lineNumber == 2 { valid = ByteText.equals(line, "valid \(validity)"); return valid }
            if pending > 0 {
                guard let d = decodeDiagnostic(Substring(ByteText.string(line))) else { valid = false; return false }
                if owner.isReport { cache.entries[owner.key]?.diagnostics.append(d) } else { cache.crossBySlug[owner.key, default: []].append(d) }
                pending -= 1
                return true
            }
            if line.isEmpty { return true }
            let f = ByteText.fields(line, 0x09)
            if f.count == 10, ByteText.equals(f[0], "R"), let fingerprint = ByteText.hex(f[2]), let year = ByteText.int(f[4]),
                let inputHash = ByteText.hex(f[7]), let count = ByteText.int(f[8])
            {
                let key = unescape(Substring(ByteText.string(f[1])))
                let summary = ReportSummary(
                    slug: unescape(Substring(ByteText.string(f[3]))), year: year, agency: unescape(Substring(ByteText.string(f[5]))),
                    published: ByteText.string(f[6]), inputHash: inputHash, figuresText: ByteText.string(f[9]))
                cache.entries[key] = Entry(fingerprint: fingerprint, summary: summary, diagnostics: [])
                owner = (true, key)
                pending = count
            } else if f.count == 3, ByteText.equals(f[0], "C"), let count = ByteText.int(f[2]) {
                owner = (false, unescape(Substring(ByteText.string(f[1]))))
                pending = count
            } else {
                valid = false
            }
            return valid
        }
        return valid && pending == 0 ? cache : nil
    }
}

/// What the index pages need of a report, and what tells whether its page must be rendered again.
public struct ReportSummary: Sendable, Hashable {
    public let slug: String
    public let year: Int
    public let agency: String
    /// `YYYY-MM-DD`
    public let published: String
    public let inputHash: ContentHash
    /// `ReportFigures.encoded`: decoded only by the pages that need the figures (a build that
    /// changes nothing never decodes them).
    public let figuresText: String

    public init(slug: String, year: Int, agency: String, published: String, inputHash: ContentHash, figuresText: String) {
        self.slug = slug
        self.year = year
        self.agency = agency
        self.published = published
        self.inputHash = inputHash
        self.figuresText = figuresText
        var data = ContentHash(slug)
        for part in [String(year), agency, published, figuresText] { data.combine(part) }
        dataHash = data
    }

    /// Everything the index pages and data files take from this report (not its narrative): a
    /// change to the narrative alone renders only the report's own page.
    public let dataHash: ContentHash

    public init(_ report: Report) {
        self.init(slug: report.slug, year: report.year, agency: report.agency?.value ?? report.slug,
                  published: report.published?.value.description ?? "", inputHash: report.inputHash,
                  figuresText: ReportFigures(report).encoded)
    }

    public var figures: ReportFigures { ReportFigures(encoded: figuresText) ?? ReportFigures() }

    public var title: String { ReportFormat.title(agency: agency, year: year) }
    public var key: String { "\(year)/\(slug)" }
}
