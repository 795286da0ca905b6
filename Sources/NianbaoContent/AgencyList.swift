import Foundation
import NianbaoModel

/// `Content/agencies.yaml`: the agencies whose reports the site publishes, in display order.
///
///     - slug: shilong-gov-office
///       name: 石龙区人民政府办公室
///       kind: 政府部门        # 本级政府 | 政府部门 | 乡镇街道 | 其他
///       covers: [slug, …]     # optional: the bodies whose figures this agency's report sums
public struct Agency: Sendable, Hashable {
    public let slug: String
    public let name: String
    public let kind: String
    /// Where the entry's `slug` is written in agencies.yaml.
    public let location: SourceLocation
    /// The slugs of the bodies this agency's report covers (a government's report sums its
    /// departments and townships): `aggregate.sum` and `nianbao aggregate`.
    public var covers: [String] = []

    public init(slug: String, name: String, kind: String, location: SourceLocation, covers: [String] = []) {
        self.slug = slug
        self.name = name
        self.kind = kind
        self.location = location
        self.covers = covers
    }
}

public enum AgencyList {
    public static let file = "agencies.yaml"
    public static let kinds = ["本级政府", "政府部门", "乡镇街道", "其他"]
    /// Reports of this kind are due by 31 March (条例 第四十九条).
    public static let governmentKind = "本级政府"

    /// The file's text, or nil when it does not exist (it is optional) or cannot be read.
    static func read(_ path: String, sources: inout [String: String], diagnostics: inout [Diagnostic]) -> String? {
        guard SourceFile.kind(of: path) != .missing else { return nil }
        switch SourceFile.read(path, display: path) {
        case .failure(let d):
            diagnostics.append(d)
            return nil
        case .success(let text):
            sources[path] = text
            return text
        }
    }

    public static func parse(_ text: String, path: String, diagnostics: inout [Diagnostic]) -> [Agency] {
        var reader = YAMLReader(file: path)
        defer { diagnostics += reader.diagnostics }
        guard let root = reader.parse(text), let items = reader.sequence(root, what: "agencies.yaml") else { return [] }
        var out: [Agency] = []
        var firstBySlug: [String: Int] = [:]
        var coverEntries: [(String, [Located<String>])] = []
        for item in items {
            guard let map = reader.mapping(item, what: "agencies.yaml 的条目", keys: ["slug", "name", "kind", "covers"], required: ["slug", "name", "kind"]),
                let slug = map["slug"].flatMap({ reader.string($0, what: "「slug」（目录名）") }),
                let name = map["name"].flatMap({ reader.string($0, what: "「name」（机关全称）") }),
                let kind = map["kind"].flatMap({ reader.string($0, what: "「kind」（机关类别）") })
            else { continue }
            guard kinds.contains(kind.value) else {
                reader.report(.error(
                    "value.type", at: kind.location, "「kind」应为 \(kinds.joined(separator: "、")) 之一，实际为「\(kind.value)」",
                    expected: kinds.joined(separator: " | "), actual: kind.value))
                continue
            }
            guard ContentLoader.isValidSlug(slug.value) else {
                reader.report(.error(
                    "report.slug", at: slug.location,
                    "「slug」将用作网址，只能由小写英文字母、数字和连字符组成，如 shilong-gov-office", actual: slug.value))
                continue
            }
            if let first = firstBySlug[slug.value].map({ out[$0] }) {
                reader.report(Diagnostic(
                    .error, rule: "agency.duplicate", at: slug.location, "机关「\(slug.value)」在 agencies.yaml 中出现了两次",
                    related: [RelatedLocation(first.location, "第一次出现在这里")]))
                continue
            }
            firstBySlug[slug.value] = out.count
            let covers = map["covers"].flatMap { reader.sequence($0, what: "「covers」（所涵盖机关的目录名）") }?
                .compactMap { reader.string($0, what: "「covers」中的目录名") } ?? []
            out.append(Agency(slug: slug.value, name: name.value, kind: kind.value, location: slug.location, covers: covers.map(\.value)))
            coverEntries.append((slug.value, covers))
        }
        checkCovers(coverEntries, known: Set(out.map(\.slug)), reader: &reader)
        return out
    }

    /// `agency.covers`: every slug a `covers:` lists is an agency of the list, not the agency itself.
    static func checkCovers(_ entries: [(String, [Located<String>])], known: Set<String>, reader: inout YAMLReader) {
        for (owner, covers) in entries {
            for covered in covers where covered.value == owner || !known.contains(covered.value) {
                var message = covered.value == owner
                    ? "「covers」不能列出机关自己（\(owner)）"
                    : "「covers」中的「\(covered.value)」不在机关列表中"
                if covered.value != owner, let guess = Suggestion.closest(to: covered.value, in: known.sorted()) { message += "；是否应为「\(guess)」？" }
                reader.report(.error("agency.covers", at: covered.location, message, actual: covered.value))
            }
        }
    }

    /// An agency's kind: from the list (by slug); without a list, a name ending in 人民政府 counts as
    /// a government's own report (本级政府, due 31 March), any other as 其他.
    public static func kind(of slug: String, name: String, in list: [String: Agency]?) -> String {
        if let list { return list[slug]?.kind ?? "其他" }
        return name.hasSuffix("人民政府") ? governmentKind : "其他"
    }

    /// `agency.unlisted` and `agency.name`: with a list, every report's folder must be one of its
    /// slugs, and the report's `agency` must be the listed name.
    public static func check(_ report: Report, against agencies: [String: Agency]) -> [Diagnostic] {
        let yaml = report.folder + "/" + ContentLoader.reportFile
        let at = report.agency?.location ?? SourceLocation(file: yaml, line: 1, column: 1)
        guard let agency = agencies[report.slug] else {
            var message = "报告目录「\(report.slug)」不在 \(file) 的机关列表中；请在列表中加上此机关（slug、name、kind），或改正目录名"
            if let guess = Suggestion.closest(to: report.slug, in: agencies.keys.sorted()) { message += "；是否应为「\(guess)」？" }
            return [.error("agency.unlisted", at: at, message, actual: report.slug)]
        }
        guard let name = report.agency, name.value != agency.name else { return [] }
        return [Diagnostic(
            .error, rule: "agency.name", at: name.location,
            "「agency」应与 \(file) 中「\(agency.slug)」的名称一致：列表中为「\(agency.name)」，此处为「\(name.value)」",
            expected: agency.name, actual: name.value, related: [RelatedLocation(agency.location, "机关列表中的名称")])]
    }
}
