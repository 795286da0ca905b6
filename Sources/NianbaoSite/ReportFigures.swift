import NianbaoModel

/// Every figure of one report, in the data-cell order of its tables, with the totals that were
/// not written computed: what the yearly summaries, the trend charts and the open data need of a
/// report, small enough to keep for tens of thousands of reports (and to cache as one line).
public struct ReportFigures: Sendable, Hashable {
    /// Table 二, as written (the fee is an amount in 万元, e.g. `0.0350`).
    public var two: [String]
    /// Table 三, 25 rows × 7 columns, row by row.
    public var three: [Int]
    /// Table 四, 3 groups × 5 columns (结果维持, 结果纠正, 其他结果, 尚未审结, 总计).
    public var four: [Int]

    static let twoCount = ReportTables.compiledTwo.segments.count - 1
    static let threeColumns = ReportFormat.tableThreeColumnPaths.count
    static let threeCount = ReportFormat.tableThreeRowPaths.count * threeColumns
    static let fourCount = ReportFormat.tableFourGroups.count * ReportFormat.tableFourOutcomes.count

    public init(_ report: Report) {
        two = ReportTables.tableTwoValues(report)
        three = ReportTables.tableThreeValues(report).map { Int($0) ?? 0 }
        four = ReportTables.tableFourValues(report).map { Int($0) ?? 0 }
    }

    /// All zeros (the start of a sum).
    public init() {
        two = Array(repeating: "0", count: Self.twoCount)
        three = Array(repeating: 0, count: Self.threeCount)
        four = Array(repeating: 0, count: Self.fourCount)
    }

    /// One line of space-separated figures (table 二, then 三, then 四).
    public var encoded: String {
        (two + three.map(String.init) + four.map(String.init)).joined(separator: " ")
    }

    /// Reads `encoded` back (a byte scan: tens of thousands are decoded per build).
    public init?(encoded: String) {
        var two: [String] = []
        var numbers: [Int] = []
        numbers.reserveCapacity(Self.threeCount + Self.fourCount)
        var valid = true
        var text = encoded
        text.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            while i < n, valid {
                let start = i
                while i < n, bytes[i] != 0x20 { i += 1 }
                if two.count < Self.twoCount {
                    two.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                } else {
                    var value = 0
                    if start == i { valid = false }
                    for j in start..<i {
                        let digit = Int(bytes[j]) - 48
                        guard (0...9).contains(digit), value < Int.max / 10 - 9 else { valid = false; break }
                        value = value * 10 + digit
                    }
                    numbers.append(value)
                }
                i += 1
            }
        }
        guard valid, two.count == Self.twoCount, numbers.count == Self.threeCount + Self.fourCount else { return nil }
        self.two = two
        three = Array(numbers[..<Self.threeCount])
        four = Array(numbers[Self.threeCount...])
    }

    /// The sum of two reports' figures (amounts added exactly as decimals).
    public static func + (a: ReportFigures, b: ReportFigures) -> ReportFigures {
        var out = a
        for i in out.two.indices { out.two[i] = DecimalText.add(a.two[i], b.two[i]) }
        for i in out.three.indices { out.three[i] += b.three[i] }
        for i in out.four.indices { out.four[i] += b.four[i] }
        return out
    }

    /// The sum of many reports' figures: what adding them one by one with `+` gives, with
    /// amounts added as scaled integers while they fit (a year's 汇总 adds 1,000s of reports).
    public static func sum(_ all: some Sequence<ReportFigures>) -> ReportFigures {
        var out = ReportFigures()
        var amounts = out.two.map { DecimalText.Sum($0) }
        for figures in all {
            for i in amounts.indices { amounts[i].add(figures.two[i]) }
            for i in out.three.indices { out.three[i] += figures.three[i] }
            for i in out.four.indices { out.four[i] += figures.four[i] }
        }
        out.two = amounts.map(\.text)
        return out
    }

    // MARK: Named figures

    static func threeRow(_ key: String) -> Int {
        ReportFormat.tableThreeRowPaths.firstIndex { $0.key == key }!
    }

    private static let receivedRow = threeRow("received")
    private static let grantedRows = (threeRow("results.granted"), threeRow("results.partially_granted"))
    private static let totalRow = threeRow(ReportFormat.tableThreeTotalRow)

    /// Table 三, the 总计 column of a row (its index in `ReportFormat.tableThreeRowPaths`).
    private func threeTotal(row: Int) -> Int { three[row * Self.threeColumns + Self.threeColumns - 1] }

    /// 本年新收.
    public var received: Int { threeTotal(row: Self.receivedRow) }
    /// 予以公开 + 部分公开.
    public var granted: Int { threeTotal(row: Self.grantedRows.0) + threeTotal(row: Self.grantedRows.1) }
    /// Every other outcome of the year: （七）总计 less 予以公开 and 部分公开.
    public var notGranted: Int { threeTotal(row: Self.totalRow) - granted }

    func fourTotal(_ group: Int) -> Int {
        four[group * ReportFormat.tableFourOutcomes.count + ReportFormat.tableFourOutcomes.count - 1]
    }

    /// 行政复议 总计.
    public var reviews: Int { fourTotal(0) }
    /// 行政诉讼 总计 (未经复议直接起诉 + 复议后起诉).
    public var lawsuits: Int { fourTotal(1) + fourTotal(2) }
}

/// Exact addition of non-negative decimal texts (`12.5` + `0.0350` = `12.5350`): amounts are
/// kept as written, never through binary floating point.
enum DecimalText {
    /// A running sum that gives what `add` applied one by one gives: the digits kept as an
    /// integer and a scale (digits after the point) while they fit, else as text through `add`.
    struct Sum {
        private var units = 0
        private var scale = 0
        private var slow: String?

        init(_ start: String) {
            if let (units, scale) = Self.parse(start) { (self.units, self.scale) = (units, scale) } else { slow = start }
        }

        mutating func add(_ value: String) {
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

        var text: String {
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

    static func add(_ a: String, _ b: String) -> String {
        func split(_ s: String) -> (String, String) {
            let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        let (ai, af) = split(a)
        let (bi, bf) = split(b)
        let scale = max(af.count, bf.count)
        let ad = Array((ai + af.padding(toLength: scale, withPad: "0", startingAt: 0)).utf8.map { Int($0) - 48 })
        let bd = Array((bi + bf.padding(toLength: scale, withPad: "0", startingAt: 0)).utf8.map { Int($0) - 48 })
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
