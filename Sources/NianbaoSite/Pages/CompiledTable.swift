import NianbaoModel
import NianbaoTemplates

/// A table's HTML cut at its data cells: `segments[0] value₀ segments[1] value₁ …`.
struct CompiledTable: Sendable {
    static let slot: Character = "\u{FFFF}"
    let id: String
    let caption: String
    let className: String
    let segments: [String]

    /// `text` cut at each `slot`: the segments around the values. Cut at the slot's bytes: a
    /// split by Characters walks grapheme clusters.
    static func cut(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        let slot = Array(String(slot).utf8)
        var segments: [String] = []
        var start = 0
        var i = 0
        while i + slot.count <= bytes.count {
            if bytes[i] == slot[0], bytes[i..<(i + slot.count)].elementsEqual(slot) {
                segments.append(String(decoding: bytes[start..<i], as: UTF8.self))
                i += slot.count
                start = i
            } else {
                i += 1
            }
        }
        segments.append(String(decoding: bytes[start...], as: UTF8.self))
        return segments
    }

    /// The context for the `table` template, with `values` (escaped here) in data-cell order.
    func context(_ values: [String]) -> [String: Any] {
        precondition(values.count == segments.count - 1, "\(id): \(values.count) values for \(segments.count - 1) cells")
        var rows = segments[0]
        rows.reserveCapacity(segments.reduce(0) { $0 + $1.utf8.count } + values.count * 4)
        for (value, segment) in zip(values, segments.dropFirst()) {
            HTML.escape(value, into: &rows)
            rows += segment
        }
        return ["tableId": id, "caption": caption, "tableClass": className, "rows": rows]
    }
}
