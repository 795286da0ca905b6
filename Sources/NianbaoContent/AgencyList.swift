import NianbaoModel
import Yams

/// `Content/agencies.yaml`: the agencies whose reports the site publishes, in display order.
///
///     - slug: shilong-gov-office
///       name: 石龙区人民政府办公室
///       kind: 政府部门        # 本级政府 | 政府部门 | 乡镇街道 | 其他
public struct Agency: Sendable, Hashable {
    public let slug: String
    public let name: String
    public let kind: String
}

public enum AgencyList {
    public static let file = "agencies.yaml"
    public static let kinds = ["本级政府", "政府部门", "乡镇街道", "其他"]
    /// Reports of this kind are due by 31 March (条例 第四十九条).
    public static let governmentKind = "本级政府"

    /// The list, or empty when the file does not exist (it is optional).
    static func load(_ path: String, sources: inout [String: String], diagnostics: inout [Diagnostic]) -> [Agency] {
        guard SourceFile.kind(of: path) != .missing else { return [] }
        let text: String
        switch SourceFile.read(path, display: path) {
        case .failure(let d):
            diagnostics.append(d)
            return []
        case .success(let t):
            text = t
        }
        sources[path] = text
        var reader = YAMLReader(file: path)
        defer { diagnostics += reader.diagnostics }
        guard let root = reader.parse(text), let items = reader.sequence(root, what: "agencies.yaml") else { return [] }
        var out: [Agency] = []
        for item in items {
            guard let map = reader.mapping(item, what: "agencies.yaml 的条目", keys: ["slug", "name", "kind"]),
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
            out.append(Agency(slug: slug.value, name: name.value, kind: kind.value))
        }
        return out
    }
}
