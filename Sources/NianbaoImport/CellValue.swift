/// What a table cell of a published report holds.
enum CellValue: Equatable {
    /// Nothing (or only spaces).
    case blank
    /// Plain digits (full-width digits and `1,234` accepted), as a count.
    case count(Int)
    /// A decimal such as `12.5` or `0.0350`, kept as written (full-width digits made half-width).
    case decimal(String)
    /// A mark that stands for "none": `/`, `-`, `—`, `无`. Read as 0, and said so.
    case placeholder(String)
    /// Anything else: a label, or text that is no number.
    case text

    var isValue: Bool {
        switch self {
        case .count, .decimal, .placeholder: true
        case .blank, .text: false
        }
    }

    static let placeholders: Set<String> = ["/", "\\", "-", "--", "—", "——", "–", "无", "空"]

    /// Counts above this are not taken for counts (the content reader refuses them too).
    static let largest = 999_999_999_999

    init(_ raw: some StringProtocol) {
        var digits = ""
        var other = ""
        var sawOther = false
        for scalar in raw.unicodeScalars {
            var c = scalar
            if scalar.properties.isWhitespace || ImportLabels.ignorable.contains(scalar.value) { continue }
            if scalar.value >= 0xFF01, scalar.value <= 0xFF5E, let half = Unicode.Scalar(scalar.value - 0xFEE0) { c = half }
            other.unicodeScalars.append(c)
            if (c.value >= 0x30 && c.value <= 0x39) || c == "." || c == "," {
                digits.unicodeScalars.append(c)
            } else {
                sawOther = true
            }
        }
        if other.isEmpty {
            self = .blank
        } else if sawOther {
            self = Self.placeholders.contains(other) ? .placeholder(other) : .text
        } else {
            self = Self.number(digits)
        }
    }

    /// Digits with at most one `.`, or groups of three separated by `,`.
    private static func number(_ s: String) -> CellValue {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 1 {
            let groups = s.split(separator: ",", omittingEmptySubsequences: false)
            if groups.count > 1 {
                guard groups[0].count >= 1, groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }),
                    groups.allSatisfy({ $0.allSatisfy(\.isNumber) })
                else { return .text }
            }
            let plain = groups.joined()
            guard !plain.isEmpty, plain.count <= 13, let n = Int(plain), n <= largest else { return .text }
            return .count(n)
        }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return .text }
        // `00.5` → `0.5`: the same amount, in the form the content reader accepts.
        var whole = parts[0].drop { $0 == "0" }
        if whole.isEmpty { whole = "0" }
        return .decimal("\(whole).\(parts[1])")
    }
}
