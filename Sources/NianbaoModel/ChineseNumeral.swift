/// Numbers written in Chinese numerals, as narratives state counts: 九, 十二, 二十, 两, 一百零三,
/// 一千二百, 〇 (up to 万: a count of applications or documents).
enum ChineseNumeral {
    static func digit(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "零", "〇": 0
        case "一": 1
        case "二", "两": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    static func unit(_ c: Unicode.Scalar) -> Int? {
        switch c {
        case "十": 10
        case "百": 100
        case "千": 1000
        case "万": 10000
        default: nil
        }
    }

    static func isNumeral(_ c: Unicode.Scalar) -> Bool { digit(c) != nil || unit(c) != nil }

    /// The value of a run of numerals, or nil when it is not a well-formed number (十十, 百).
    static func value(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        var total = 0, section = 0, pending: Int?
        var lastUnit = Int.max
        for c in scalars {
            if let d = digit(c) {
                guard pending == nil || pending == 0 || d == 0 else { return nil }  // 二三 is no number
                pending = d
            } else if let u = unit(c) {
                if u == 10000 {
                    section += pending ?? 0
                    guard section > 0 else { return nil }
                    total += section * u
                    section = 0
                    lastUnit = Int.max
                } else {
                    guard u < lastUnit else { return nil }
                    // 十 alone at the start is 一十.
                    guard let n = pending ?? (section == 0 && total == 0 && u == 10 ? 1 : nil), n > 0 else { return nil }
                    section += n * u
                    lastUnit = u
                }
                pending = nil
            } else {
                return nil
            }
        }
        return total + section + (pending ?? 0)
    }
}
