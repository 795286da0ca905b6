/// A word of a PDF page with its box (points, y downwards), as `pdftotext -bbox-layout` gives it.
struct PDFWord {
    var text: String
    var xMin: Double
    var yMin: Double
    var xMax: Double
    var yMax: Double

    var xMid: Double { (xMin + xMax) / 2 }
    var yMid: Double { (yMin + yMax) / 2 }
    var height: Double { yMax - yMin }
}

/// A line of words as poppler grouped them, in its reading order, with the block it belongs to.
struct PDFLine {
    var words: [PDFWord]
    var block: Int
    var page: Int

    var xMin: Double { words.map(\.xMin).min() ?? 0 }
    var xMax: Double { words.map(\.xMax).max() ?? 0 }
    var yMin: Double { words.map(\.yMin).min() ?? 0 }
    var yMax: Double { words.map(\.yMax).max() ?? 0 }
    var height: Double { yMax - yMin }
    var xMid: Double { (xMin + xMax) / 2 }

    /// The words joined: a space where there is a gap between them (poppler also splits words
    /// where the font changes, as from a CJK to a Latin font for `109号`), never between two CJK
    /// characters. The gap is measured in ems (the width of the line's CJK characters): a space
    /// is 0.22 em (Noto Sans CJK, as Chromium prints) to 0.33 em (LibreOffice's Latin fonts), the
    /// spacing Word and LibreOffice add between Asian and Latin text is 0.21 em, and is no space.
    var text: String {
        let cjk = words.filter { !$0.text.isEmpty && $0.text.allSatisfy(Self.isCJK) }.map { ($0.xMax - $0.xMin) / Double($0.text.count) }.sorted()
        let em = cjk.isEmpty ? (words.map(\.height).max() ?? 1) * 0.75 : cjk[cjk.count / 2]
        var out = ""
        var last: PDFWord?
        for word in words {
            if let last, let end = out.last, let first = word.text.first, !(Self.isCJK(end) && Self.isCJK(first)), word.xMin - last.xMax > em * 0.217 {
                out += " "
            }
            out += word.text
            last = word
        }
        return out
    }

    static func join(_ parts: [String]) -> String {
        var out = ""
        for part in parts where !part.isEmpty {
            if let last = out.last, let first = part.first, !(isCJK(last) && isCJK(first)) { out += " " }
            out += part
        }
        return out
    }

    /// Han characters and CJK punctuation (full-width forms included), which take no space between.
    static func isCJK(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFFEF).contains(v)
            || (0x3000...0x303F).contains(v) || (0x2018...0x201D).contains(v) || (0x20000...0x2FFFF).contains(v)
    }
}

struct PDFPage {
    var width: Double
    var height: Double
    var lines: [PDFLine] = []
}
