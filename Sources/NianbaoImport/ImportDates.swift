import NianbaoModel

/// Dates as published: `2025-01-20`, `2025/1/20`, `2025.1.20`, `2025年1月20日`, and the closing
/// form with Chinese numerals, `二〇二五年一月二十日`.
enum ImportDates {
    /// Labels that introduce the publication date on a page, best first.
    static let labels = ["发布日期", "发布时间", "公开日期", "成文日期"]

    /// The date at the start of `text` (after spaces), if the text starts with one.
    static func leadingDate(_ text: some StringProtocol) -> (date: LocalDate, length: Int)? {
        let scalars = Array(text.unicodeScalars.map(halfWidth))
        var i = 0
        while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 }
        let start = i
        func number(max: Int) -> Int? {
            var value = 0
            var digits = 0
            while i < scalars.count, digits < max, let d = digit(scalars[i]) {
                value = value * 10 + d
                digits += 1
                i += 1
            }
            return digits > 0 ? value : nil
        }
        func chineseNumber() -> Int? {
            // 一 … 三十一: 十 counts as ten, a numeral before it as tens.
            var value = 0
            var current = 0
            var seen = false
            while i < scalars.count, let n = chineseDigits[scalars[i]] {
                seen = true
                if n == 10 {
                    value += max(current, 1) * 10
                    current = 0
                } else {
                    current = n
                }
                i += 1
            }
            return seen ? value + current : nil
        }
        let year: Int
        if let y = number(max: 4), i - start == 4 {
            year = y
        } else {
            i = start
            var y = 0
            var count = 0
            while i < scalars.count, count < 4, let n = chineseDigits[scalars[i]], n < 10 {
                y = y * 10 + n
                count += 1
                i += 1
            }
            guard count == 4 else { return nil }
            year = y
        }
        guard i < scalars.count else { return nil }
        let separator = scalars[i]
        let chinese = separator == "年"
        guard chinese || separator == "-" || separator == "/" || separator == "." else { return nil }
        i += 1
        guard let month = number(max: 2) ?? (chinese ? chineseNumber() : nil), i < scalars.count else { return nil }
        if chinese {
            guard scalars[i] == "月" else { return nil }
        } else {
            guard scalars[i] == separator else { return nil }
        }
        i += 1
        guard let day = number(max: 2) ?? (chinese ? chineseNumber() : nil) else { return nil }
        if chinese, i < scalars.count, scalars[i] == "日" || scalars[i] == "号" { i += 1 }
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        guard let date = LocalDate("\(year)-\(pad(month))-\(pad(day))") else { return nil }
        return (date, i)
    }

    /// A line that is a date and nothing else (the closing date of a report).
    static func wholeLineDate(_ text: String) -> LocalDate? {
        let trimmed = text.trimmingSpaces
        guard let (date, length) = leadingDate(trimmed), length == trimmed.unicodeScalars.count else { return nil }
        return date
    }

    /// A date introduced by one of `labels` in the line (`发布日期：2025-01-20`), with the label's rank.
    static func labelledDate(_ text: String) -> (date: LocalDate, rank: Int)? {
        for (rank, label) in labels.enumerated() {
            guard let range = text.range(of: label) else { continue }
            var rest = text[range.upperBound...].drop { $0.isWhitespace }
            if rest.first == ":" || rest.first == "：" { rest = rest.dropFirst() }
            if let (date, _) = leadingDate(rest) { return (date, rank) }
        }
        return nil
    }

    static func halfWidth(_ c: Unicode.Scalar) -> Unicode.Scalar {
        c.value >= 0xFF01 && c.value <= 0xFF5E ? Unicode.Scalar(c.value - 0xFEE0)! : c
    }

    static func digit(_ c: Unicode.Scalar) -> Int? {
        c.value >= 0x30 && c.value <= 0x39 ? Int(c.value - 0x30) : nil
    }

    static let chineseDigits: [Unicode.Scalar: Int] = [
        "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
        "九": 9, "十": 10,
    ]
}
