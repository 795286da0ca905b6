import NianbaoModel

/// One table section of a PDF rebuilt from word boxes: PDF text has no cells, only words where
/// they were drawn. Numbers at the right of a visual row are its figures, and their x-positions
/// give the data columns; the words of a cell wrapped over several lines are chained top to
/// bottom (each line under the last, aligned left, centred or right) and the chain is cut into
/// the labels `ReportFormat` knows; each label goes to the first data row at or below its top
/// line. A figure's column is its position, so a cell printed empty stays an empty cell of its
/// own column and nothing shifts.

struct PDFTable {
    /// A label (or unknown text) rebuilt from one or more words.
    struct Label {
        var text: String
        var xMin: Double
        var xMax: Double
        var yTop: Double
        var yBottom: Double
    }

    struct DataRow {
        var yMin: Double
        var yMid: Double
        var numbers: [PDFWord]
    }

    let words: [PDFWord]
    let height: Double

    init(words: [PDFWord]) {
        self.words = words
        let heights = words.map(\.height).sorted()
        height = heights.isEmpty ? 10 : max(heights[heights.count / 2], 1)
    }

    /// Rows of cells: header rows, then each data row's labels and its figures (an empty cell
    /// where a column has no figure); `position` 0 for labels, 1… for the data columns.
    func rows() -> [[(text: String, position: Int)]] {
        let visual = Self.visualRows(words, tolerance: height * 0.5)
        let (data, labelWords) = split(visual)
        let columns = Self.columns(data.flatMap(\.numbers), tolerance: max(4, height * 0.4))
        var labels = Self.chains(labelWords, height: height).flatMap(Self.labels)
        labels.sort { ($0.yTop, $0.xMin) < ($1.yTop, $1.xMin) }
        // Where each column's cells reach: its figures and the labels of one column over them
        // (figures sit to one side of their cells, a label over several columns is centred on
        // the cells, so it is placed against these).
        var cells = columns
        for label in labels where Self.groupSpans[ImportLabels.normalize(label.text)] == nil {
            guard let column = Self.column(of: label, columns: columns, height: height), column.single else { continue }
            cells[column.index] = min(cells[column.index].lowerBound, label.xMin)...max(cells[column.index].upperBound, label.xMax)
        }
        func position(_ label: Label) -> Int {
            if let span = Self.groupSpans[ImportLabels.normalize(label.text)], span > 1, span <= columns.count,
                Self.column(of: label, columns: columns, height: height) != nil
            {
                return Self.start(of: label, spanning: span, columns: cells) + 1
            }
            return Self.column(of: label, columns: columns, height: height).map { $0.index + 1 } ?? 0
        }
        // Labels to the data row they belong to (header labels: before the first).
        var byRow: [Int: [Label]] = [:]
        for label in labels {
            let r = data.firstIndex { $0.yMid >= label.yTop - height * 0.3 } ?? data.count
            let isHeader = data.first.map { label.yBottom < $0.yMid - height * 0.25 && r == 0 } ?? false
            byRow[isHeader ? -1 : r, default: []].append(label)
        }
        var out: [[(text: String, position: Int)]] = []
        for r in [-1] + Array(0...data.count) {
            var lines = Self.byLine(byRow[r] ?? [], tolerance: height * 0.5)
            guard r >= 0, r < data.count else {
                out += lines.map { $0.map { ($0.text, position($0)) } }
                continue
            }
            var figures: [(text: String, position: Int)] = []
            for (c, column) in columns.enumerated() {
                let here = data[r].numbers.filter { column.contains($0.xMid) }
                figures.append((here.map(\.text).joined(separator: " "), c + 1))
            }
            // The figures go with the line of the rightmost label reaching down to them (the
            // row's own label), not with a header of the next table above it.
            let y = data[r].yMid
            let reaching = lines.indices.filter { k in lines[k].contains { $0.yTop - height * 0.3 <= y && $0.yBottom >= y } }
            let own = reaching.max { (lines[$0].map(\.xMax).max() ?? 0) < (lines[$1].map(\.xMax).max() ?? 0) }
            if own == nil { lines.append([]) }
            let at = own ?? lines.count - 1
            for (k, line) in lines.enumerated() {
                out.append(line.map { ($0.text, 0) } + (k == at ? figures : []))
            }
        }
        return out.filter { !$0.isEmpty }
    }

    /// The data rows (visual rows ending in figures right of the labels) and every other word.
    func split(_ visual: [[PDFWord]]) -> (data: [DataRow], labels: [PDFWord]) {
        func trailing(_ row: [PDFWord]) -> Int {
            row.reversed().prefix { CellValue($0.text).isValue }.count
        }
        // Where the figures start: the first figure of rows with two or more.
        let starts = visual.filter { trailing($0) >= 2 }.map { $0[$0.count - trailing($0)].xMin }
        let boundary = starts.isEmpty ? -Double.infinity : starts.sorted()[starts.count / 2] - height
        var data: [DataRow] = []
        var labels: [PDFWord] = []
        for row in visual {
            let figures = row.suffix(trailing(row)).filter { $0.xMin >= boundary }
            labels += row.prefix(row.count - figures.count)
            if !figures.isEmpty {
                data.append(DataRow(yMin: figures.map(\.yMin).min()!, yMid: figures.map(\.yMid).reduce(0, +) / Double(figures.count), numbers: figures))
            }
        }
        return (data, labels)
    }

    static func mid(_ r: ClosedRange<Double>) -> Double { (r.lowerBound + r.upperBound) / 2 }

    /// The data column a label stands over (nil left of them all: a row label): the first one it
    /// covers, or the nearest; `single` when it covers no more than one.
    static func column(of label: Label, columns: [ClosedRange<Double>], height: Double) -> (index: Int, single: Bool)? {
        guard let first = columns.first, label.xMax >= first.lowerBound - height * 0.3 else { return nil }
        let covered = columns.indices.filter { columns[$0].contains((label.xMin + label.xMax) / 2) || (label.xMin...label.xMax).contains(mid(columns[$0])) }
        if covered.count > 1 { return (covered[0], false) }
        let centre = (label.xMin + label.xMax) / 2
        return (columns.indices.min { abs(mid(columns[$0]) - centre) < abs(mid(columns[$1]) - centre) }!, true)
    }

    /// Column groups of tables 三 and 四 (`法人或其他组织`, `行政复议`, `未经复议直接起诉`…) by
    /// label, with how many data columns each spans.
    static let groupSpans: [String: Int] = {
        var spans: [String: Int] = [:]
        func walk(_ nodes: [HeaderNode]) {
            for node in nodes where !node.isLeaf {
                spans[ImportLabels.normalize(node.label)] = node.leafCount
                walk(node.children)
            }
        }
        walk(ReportFormat.tableThreeColumns)
        walk(ReportFormat.tableFourColumns)
        return spans
    }()

    /// The first column a group label spans: the `span` columns it is centred over, or that
    /// start where it starts (left-aligned); `columns` are the cells' extents.
    static func start(of label: Label, spanning span: Int, columns: [ClosedRange<Double>]) -> Int {
        let xMid = (label.xMin + label.xMax) / 2
        return (0...(columns.count - span)).min { a, b in
            func miss(_ s: Int) -> Double {
                let centre = (columns[s].lowerBound + columns[s + span - 1].upperBound) / 2
                return min(abs(centre - xMid), abs(columns[s].lowerBound - label.xMin))
            }
            return miss(a) < miss(b)
        }!
    }

    /// Words in rows by their vertical middle, each row left to right.
    static func visualRows(_ words: [PDFWord], tolerance: Double) -> [[PDFWord]] {
        var rows: [[PDFWord]] = []
        var middle = -Double.infinity
        for word in words.sorted(by: { $0.yMid < $1.yMid }) {
            if word.yMid - middle > tolerance || rows.isEmpty {
                rows.append([word])
                middle = word.yMid
            } else {
                rows[rows.count - 1].append(word)
            }
        }
        return rows.map { $0.sorted { $0.xMin < $1.xMin } }
    }

    /// The data columns: the figures' x-ranges clustered on their left edges, centres or right
    /// edges, whichever gives the fewest columns (figures are aligned one of the three ways).
    static func columns(_ numbers: [PDFWord], tolerance: Double) -> [ClosedRange<Double>] {
        var best: [[PDFWord]] = []
        for anchor in [\PDFWord.xMin, \PDFWord.xMid, \PDFWord.xMax] {
            var clusters: [[PDFWord]] = []
            for word in numbers.sorted(by: { $0[keyPath: anchor] < $1[keyPath: anchor] }) {
                if let last = clusters.last?.last, word[keyPath: anchor] - last[keyPath: anchor] <= tolerance {
                    clusters[clusters.count - 1].append(word)
                } else {
                    clusters.append([word])
                }
            }
            if best.isEmpty || clusters.count < best.count { best = clusters }
        }
        return best.map { c in (c.map(\.xMin).min()! - tolerance)...(c.map(\.xMax).max()! + tolerance) }
    }

    /// Labels in lines by their top, each line left to right.
    static func byLine(_ labels: [Label], tolerance: Double) -> [[Label]] {
        var lines: [[Label]] = []
        for label in labels.sorted(by: { $0.yTop < $1.yTop }) {
            if let top = lines.last?.first?.yTop, label.yTop - top <= tolerance {
                lines[lines.count - 1].append(label)
            } else {
                lines.append([label])
            }
        }
        return lines.map { $0.sorted { $0.xMin < $1.xMin } }
    }
}
