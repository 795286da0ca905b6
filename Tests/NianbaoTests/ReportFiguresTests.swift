import Foundation
@testable import NianbaoSite
import Testing

/// A report's figures as the summaries keep them: their one-line form, and their sums.
@Suite struct ReportFiguresTests {
    /// The one-line form is the figures as text joined by spaces, and reads back as they were.
    @Test func encodedIsTheFiguresJoinedAndReadsBack() {
        var generator = SeededRandom(for: "encodedIsTheFiguresJoinedAndReadsBack")
        let amounts = ["0", "0.0350", "12.5", "", "007", "１２", "99999999999999999999"]
        for round in 0..<200 {
            var f = ReportFigures()
            f.two = f.two.map { _ in amounts.randomElement(using: &generator)! }
            let largest = [0, 9, 10, 99_999, Int.max / 100][round % 5]
            f.three = f.three.map { _ in Int.random(in: 0...largest, using: &generator) }
            f.four = f.four.map { _ in Int.random(in: 0...largest, using: &generator) }
            let joined = (f.two + f.three.map(String.init) + f.four.map(String.init)).joined(separator: " ")
            #expect(f.encoded == joined)
            #expect(ReportFigures(encoded: f.encoded) == f)
        }
        // A negative count (an error of its report, whose summary is made before the checks end).
        var negative = ReportFigures()
        negative.three[3] = -12
        #expect(negative.encoded == (negative.two + negative.three.map(String.init) + negative.four.map(String.init)).joined(separator: " "))
        #expect(ReportFigures(encoded: negative.encoded) == nil)
    }

    /// A year's 汇总 adds amounts as scaled integers while they fit: it must give exactly what
    /// adding the texts one by one (`+`, `DecimalText.add`) gives, scales, zeros, text that is
    /// not a number and sums too large for 64 bits included.
    @Test func summingManyFiguresIsAddingThemOneByOne() {
        var generator = SeededRandom(for: "summingManyFiguresIsAddingThemOneByOne")
        let amounts = ["0", "0.0350", "12.5", "3", ".5", "5.", "", "007", "0.000001", "999999999999.99",
                       "99999999999999999", "1.5.5", "-1", "１２", "123456789012345678901", "0.10"]
        for round in 0..<200 {
            let count = round < 20 ? round : Int.random(in: 1...60, using: &generator)
            let list: [ReportFigures] = (0..<count).map { _ in
                var f = ReportFigures()
                f.two = f.two.map { _ in amounts.randomElement(using: &generator)! }
                f.three = f.three.map { _ in Int.random(in: 0...50, using: &generator) }
                f.four = f.four.map { _ in Int.random(in: 0...9, using: &generator) }
                return f
            }
            let one = list.reduce(ReportFigures()) { $0 + $1 }
            #expect(ReportFigures.sum(list) == one, "\(list.map(\.two))")
        }
        var big = ReportFigures()
        big.two = big.two.map { _ in "9000000000000000000" }
        #expect(ReportFigures.sum([big, big]).two.first == "18000000000000000000")
        var fee = ReportFigures()
        fee.two = fee.two.map { _ in "0.0350" }
        var other = ReportFigures()
        other.two = other.two.map { _ in "12.5" }
        #expect(ReportFigures.sum([fee, other]).two.first == "12.5350")
    }
}
