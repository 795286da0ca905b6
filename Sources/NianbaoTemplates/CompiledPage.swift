/// A template's output for one context shape, cut at its printed values: `segments[0] value
/// segments[1] value …`, each value escaped or not as the template printed it (`{{…}}` or
/// `{{{…}}}`). Made by rendering the template (with swift-mustache) from a context whose values
/// are markers, then finding the markers in the output.
struct CompiledPage: Sendable {
    struct Slot: Sendable {
        /// The value's index in `ContextShape.values`.
        let value: Int
        let escaped: Bool
    }

    let segments: [String]
    let slots: [Slot]

    /// Private-use code points around the value's index, and `&`: written as `&amp;` where the
    /// template escapes the value, as `&` where it does not.
    static let open: Unicode.Scalar = "\u{F8F0}"
    static let close: Unicode.Scalar = "\u{F8F1}"

    static func marker(_ index: Int) -> String {
        "\(open)\(index)&\(close)"
    }

    /// Nil when the output has a marker in another form (a template that changes the values it
    /// prints, or that holds the marker's code points itself): that shape is rendered as it is.
    init?(rendered: String, values count: Int) {
        var segments: [String] = []
        var slots: [Slot] = []
        let scalars = rendered.unicodeScalars
        var segmentStart = scalars.startIndex
        var i = scalars.startIndex
        while let start = scalars[i...].firstIndex(of: Self.open) {
            var j = scalars.index(after: start)
            var index = 0
            var digits = 0
            while j < scalars.endIndex, (0x30...0x39).contains(scalars[j].value) {
                index = index * 10 + Int(scalars[j].value - 0x30)
                digits += 1
                j = scalars.index(after: j)
            }
            let rest = scalars[j...]
            let escaped: Bool
            if rest.starts(with: "&\(Self.close)".unicodeScalars) {
                escaped = false
                j = scalars.index(j, offsetBy: 2)
            } else if rest.starts(with: "&amp;\(Self.close)".unicodeScalars) {
                escaped = true
                j = scalars.index(j, offsetBy: 6)
            } else {
                return nil
            }
            guard digits > 0, index < count else { return nil }
            segments.append(String(scalars[segmentStart..<start]))
            slots.append(Slot(value: index, escaped: escaped))
            segmentStart = j
            i = j
        }
        segments.append(String(scalars[segmentStart...]))
        self.segments = segments
        self.slots = slots
    }

    /// The page for `values` (`ContextShape.values` of a context of this shape).
    func render(_ values: [String]) -> String {
        var out = segments[0]
        out.reserveCapacity(segments.reduce(0) { $0 + $1.utf8.count } + values.reduce(0) { $0 + $1.utf8.count })
        for (slot, segment) in zip(slots, segments.dropFirst()) {
            if slot.escaped {
                HTML.escape(values[slot.value], into: &out)
            } else {
                out += values[slot.value]
            }
            out += segment
        }
        return out
    }
}
