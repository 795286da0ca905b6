/// The style ids a reference document gives the styles the export uses. Word keeps the names
/// of its built-in styles in English whatever its language (`heading 1`, `Title`), but their
/// ids follow the language it ran in: a document saved by Chinese Word calls heading 1 `1` and
/// Normal `a`. So styles are matched by name, and the export's ids are rewritten to the
/// reference's; styles the reference lacks altogether are added from the default.
struct StyleMap: Sendable {
    /// The export's id → the reference's, where they differ.
    var ids: [String: String] = [:]
    /// Ids of the default's styles that the reference has under neither their id nor their name.
    var missing: [String] = []

    init() {}

    init(referenceStyles: String) {
        let theirs = Self.styles(in: referenceStyles)
        let byName = Dictionary(theirs.map { ($0.name.lowercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
        let theirIds = Set(theirs.map(\.id))
        for ours in Self.styles(in: DefaultReference.styles) {
            if let id = byName[ours.name.lowercased()] {
                if id != ours.id { ids[ours.id] = id }
            } else if !theirIds.contains(ours.id) {
                missing.append(ours.id)
            }
        }
    }

    /// Each `w:style` of a styles part: its id and its name.
    static func styles(in xml: String) -> [(id: String, name: String)] {
        var out: [(String, String)] = []
        for chunk in xml.components(separatedBy: "<w:style ").dropFirst() {
            let tag = chunk.prefix { $0 != ">" }
            guard let id = value(of: "w:styleId", in: tag) else { continue }
            let name = chunk.range(of: "<w:name ").flatMap { value(of: "w:val", in: chunk[$0.upperBound...].prefix { $0 != ">" }) }
            out.append((id, name ?? id))
        }
        return out
    }

    static func value(of attribute: String, in tag: Substring) -> String? {
        guard let start = tag.range(of: attribute + "=\"") else { return nil }
        return String(tag[start.upperBound...].prefix { $0 != "\"" })
    }

    /// `xml` (a part nianbao wrote, or a style it adds) with the reference's ids.
    func apply(_ xml: String) -> String {
        guard !ids.isEmpty else { return xml }
        var out = xml
        for (ours, theirs) in ids.sorted(by: { $0.key < $1.key }) {
            for element in ["w:pStyle", "w:tblStyle", "w:basedOn", "w:next"] {
                out = out.replacingOccurrences(of: "<\(element) w:val=\"\(ours)\"/>", with: "<\(element) w:val=\"\(WordXML.escape(theirs))\"/>")
            }
        }
        return out
    }
}
