/// Exact addition of non-negative decimal texts (`12.5` + `0.0350` = `12.5350`): amounts are
/// kept as written, never through binary floating point.
public enum DecimalText {
    /// A running sum that gives what `add` applied one by one gives: the digits kept as an
    /// integer and a scale (digits after the point) while they fit, else as text through `add`.
    public struct Sum {
        private var units = 0
        private var scale = 0
        private var slow: String?

        public init(_ start: String) {
            if let (units, scale) = Self.parse(start) { (self.units, self.scale) = (units, scale) } else { slow = start }
        }

        public mutating func add(_ value: String) {
            if slow == nil, let (b, bScale) = Self.parse(value) {
                let target = max(scale, bScale)
                if let a = Self.scaled(units, by: target - scale), let b = Self.scaled(b, by: target - bScale) {
                    let (total, overflow) = a.addingReportingOverflow(b)
                    if !overflow {
                        units = total
                        scale = target
                        return
                    }
                }
            }
            slow = DecimalText.add(text, value)
        }

        public var text: String {
            if let slow { return slow }
            var digits = String(units)
            if scale == 0 { return digits }
            if digits.count < scale + 1 { digits = String(repeating: "0", count: scale + 1 - digits.count) + digits }
            return digits.dropLast(scale) + "." + digits.suffix(scale)
        }

        private static func scaled(_ value: Int, by places: Int) -> Int? {
            var value = value
            for _ in 0..<places {
                let (next, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                value = next
            }
            return value
        }

        /// `12.5` → (125, 1); nil for anything but digits with at most one point, or too long.
        private static func parse(_ text: String) -> (Int, Int)? {
            var units = 0
            var scale: Int?
            var digits = 0
            for byte in text.utf8 {
                if byte == UInt8(ascii: "."), scale == nil { scale = 0; continue }
                guard byte >= 0x30, byte <= 0x39, digits < 18 else { return nil }
                units = units * 10 + Int(byte - 0x30)
                digits += 1
                if scale != nil { scale! += 1 }
            }
            return (units, scale ?? 0)
        }
    }

    public static func add(_ a: String, _ b: String) -> String {
        func split(_ s: String) -> (String, String) {
            let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        let (ai, af) = split(a)
        let (bi, bf) = split(b)
        let scale = max(af.count, bf.count)
        let ad = Array((ai + af + String(repeating: "0", count: scale - af.count)).utf8.map { Int($0) - 48 })
        let bd = Array((bi + bf + String(repeating: "0", count: scale - bf.count)).utf8.map { Int($0) - 48 })
        guard ad.allSatisfy({ (0...9).contains($0) }), bd.allSatisfy({ (0...9).contains($0) }) else { return a }
        var digits: [Int] = []
        var carry = 0
        var i = ad.count - 1
        var j = bd.count - 1
        while i >= 0 || j >= 0 || carry > 0 {
            let sum = (i >= 0 ? ad[i] : 0) + (j >= 0 ? bd[j] : 0) + carry
            digits.append(sum % 10)
            carry = sum / 10
            i -= 1
            j -= 1
        }
        var text = String(digits.reversed().map { Character(String($0)) })
        while text.count < scale + 1 { text = "0" + text }
        var integer = String(text.dropLast(scale))
        while integer.count > 1, integer.hasPrefix("0") { integer.removeFirst() }
        return scale == 0 ? integer : integer + "." + text.suffix(scale)
    }
}
