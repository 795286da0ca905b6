/// Rebuilding the text of cells whose labels wrap: words that touch on a line make a piece; a
/// piece directly under another one and aligned with it (left, centre or right) continues it;
/// the chain of pieces is cut into the labels the format knows.
extension PDFTable {
    /// The label words in pieces (words close together on one line), the pieces chained downwards;
    /// each chain as its words.
    static func chains(_ words: [PDFWord], height: Double) -> [[PDFWord]] {
        var pieces: [(box: PDFWord, words: [PDFWord])] = []
        for row in visualRows(words, tolerance: height * 0.5) {
            for word in row {
                if let last = pieces.last, abs(last.box.yMid - word.yMid) <= height * 0.5, word.xMin - last.box.xMax <= height * 0.6,
                    word.xMin >= last.box.xMin, !startsCell(word.text, after: last.words)
                {
                    let last = last.box
                    let box = PDFWord(text: "", xMin: last.xMin, yMin: min(last.yMin, word.yMin), xMax: word.xMax, yMax: max(last.yMax, word.yMax))
                    pieces[pieces.count - 1] = (box, pieces[pieces.count - 1].words + [word])
                } else {
                    pieces.append((word, [word]))
                }
            }
        }
        var chains: [[(box: PDFWord, words: [PDFWord])]] = []
        for piece in pieces.sorted(by: { ($0.box.yMin, $0.box.xMin) < ($1.box.yMin, $1.box.xMin) }) {
            let slack = height * 0.6
            let candidates = chains.indices.filter { i in
                let last = chains[i].last!.box
                let piece = piece.box
                let gap = piece.yMin - last.yMax
                return gap > -height * 0.5 && gap < height * 0.8
                    && (abs(piece.xMin - last.xMin) < slack || abs(piece.xMid - last.xMid) < slack || abs(piece.xMax - last.xMax) < slack)
            }
            if let best = candidates.min(by: { abs(chains[$0].last!.box.xMin - piece.box.xMin) < abs(chains[$1].last!.box.xMin - piece.box.xMin) }) {
                chains[best].append(piece)
            } else {
                chains.append([piece])
            }
        }
        // The words of each chain, for cutting into labels (a piece may hold two cells' words).
        return chains.map { $0.flatMap(\.words) }
    }

    /// Whether a word close after others on a line is rather the next cell's: a known label
    /// after a known label (`商业企业 科研机构`), or a numbered one (`（四）无法 2.没有现成信息需要另行`).
    static func startsCell(_ word: String, after words: [PDFWord]) -> Bool {
        if word.range(of: #"^([0-9]+[.、．]|[（(][一二三四五六七八九十]+[）)])"#, options: .regularExpression) != nil { return true }
        return ImportLabels.isKnownLabel(word) && ImportLabels.isKnownLabel(words.map(\.text).joined())
    }

    /// A chain cut into known labels, longest first from each piece; pieces that start no known
    /// label stay together as text of their own.
    static func labels(_ chain: [PDFWord]) -> [Label] {
        func label(_ pieces: ArraySlice<PDFWord>) -> Label {
            Label(text: PDFLine.join(pieces.map(\.text)), xMin: pieces.map(\.xMin).min()!, xMax: pieces.map(\.xMax).max()!,
                  yTop: pieces.first!.yMin, yBottom: pieces.last!.yMax)
        }
        var out: [Label] = []
        var unknown: ArraySlice<PDFWord> = []
        var i = 0
        while i < chain.count {
            var end: Int?
            var joined = ""
            for k in i..<min(chain.count, i + 40) {
                joined += chain[k].text
                if ImportLabels.isKnownLabel(joined) { end = k }
            }
            if let end {
                if !unknown.isEmpty { out.append(label(unknown)) }
                unknown = []
                out.append(label(chain[i...end]))
                i = end + 1
            } else {
                unknown = unknown.isEmpty ? chain[i...i] : chain[unknown.startIndex...i]
                i += 1
            }
        }
        if !unknown.isEmpty { out.append(label(unknown)) }
        return out
    }
}
