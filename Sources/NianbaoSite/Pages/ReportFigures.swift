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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(two.reduce(0) { $0 + $1.utf8.count + 1 } + (three.count + four.count) * 3)
        for text in two {
            bytes += text.utf8
            bytes.append(0x20)
        }
        for numbers in [three, four] {
            for number in numbers {
                // (A negative figure is an error of the report, but its summary is made before the checks end.)
                if number >= 0 { OpenData.appendDigits(number, to: &bytes) } else { bytes += String(number).utf8 }
                bytes.append(0x20)
            }
        }
        if !bytes.isEmpty { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
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
