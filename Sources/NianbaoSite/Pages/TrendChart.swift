import NianbaoModel
import NianbaoTemplates

/// A grouped bar chart as inline SVG, drawn at build time: no script, no external library. Each
/// series has its own fill *pattern* as well as its own shade (solid dark, hatched, light with an
/// outline), and every bar carries its value, so the chart reads in greyscale print too. The
/// figures are also given as text (the SVG's `<desc>`) and as a table next to the chart.
struct TrendChart {
    struct Series {
        let name: String
        let values: [Int]
    }

    /// Unique within the page (ids of the SVG's title, description and patterns derive from it).
    let id: String
    /// The section heading above the chart.
    let heading: String
    let title: String
    let unit: String
    let categories: [String]
    let series: [Series]

    /// "2022年：收到申请 9 件，予以公开（含部分公开）8 件，…；2023年：…"
    var description: String {
        categories.enumerated().map { i, category in
            category + "：" + series.map { "\($0.name) \($0.values[i]) \(unit)" }.joined(separator: "，")
        }.joined(separator: "；") + "。"
    }

    /// The size of every text in the chart, in px: the size of the table beside it (1rem). The
    /// SVG is drawn at its own width (the stylesheet never scales it up), so a user unit is a
    /// pixel and the text keeps this size whatever the number of series or years; the layout
    /// below makes room for it.
    static let textSize = 16
    /// The width of a digit at `textSize`, with room to spare (CJK fonts' digits are ≈ 0.55 em).
    static let digitWidth = 10

    var svg: String {
        let text = Self.textSize
        let barWidth = 34
        let barGap = 8
        let legendLine = text + 8
        let maximum = series.flatMap(\.values).max() ?? 0
        let scale = Self.niceMaximum(maximum)
        let left = 12 + String(scale).count * Self.digitWidth
        let top = 8 + legendLine * series.count + text + 8
        let plotHeight = 160
        let bottom = text + 16
        let groupWidth = series.count * barWidth + (series.count - 1) * barGap
        // Room under each group for its category label ("2024年": 4 digits and one CJK character).
        let widestCategory = categories.map { $0.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? Self.digitWidth : text) } }.max() ?? 0
        let groupGap = max(28, widestCategory + 12 - groupWidth)
        let legendWidth = left + 19 + (series.map(\.name.count).max() ?? 0) * text + 8
        let width = max(legendWidth, 240, left + categories.count * (groupWidth + groupGap) + groupGap / 2)
        let height = top + plotHeight + bottom

        var out = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" font-size=\"\(text)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\">\n"
        out += "<title id=\"\(id)-title\">\(HTML.escape(title))</title>\n"
        out += "<desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>\n"
        out += "<defs><pattern id=\"\(id)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        out += "<rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"2.5\" height=\"6\" fill=\"#1b1b1b\"/></pattern></defs>\n"

        // Legend, one series per line.
        for (s, item) in series.enumerated() {
            let y = 8 + s * legendLine
            out += "<rect x=\"\(left)\" y=\"\(y + (legendLine - 14) / 2 - 4)\" width=\"14\" height=\"14\" \(fill(s))/>"
            out += "<text x=\"\(left + 19)\" y=\"\(y + text - 4)\">\(HTML.escape(item.name))</text>\n"
        }
        // Axis and grid: 0, half, maximum.
        for step in 0...2 {
            let value = scale * step / 2
            let y = top + plotHeight - plotHeight * step / 2
            out += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - 4)\" y2=\"\(y)\" stroke=\"\(step == 0 ? "#1b1b1b" : "#c8c8c8")\" stroke-width=\"1\"/>"
            out += "<text x=\"\(left - 6)\" y=\"\(y + text / 3)\" text-anchor=\"end\">\(value)</text>\n"
        }
        // Bars with their values.
        for (c, category) in categories.enumerated() {
            let groupX = left + groupGap / 2 + c * (groupWidth + groupGap)
            for (s, item) in series.enumerated() {
                let value = item.values[c]
                let h = plotHeight * value / scale
                let bx = groupX + s * (barWidth + barGap)
                let by = top + plotHeight - h
                if h > 0 { out += "<rect x=\"\(bx)\" y=\"\(by)\" width=\"\(barWidth)\" height=\"\(h)\" \(fill(s))/>" }
                out += "<text x=\"\(bx + barWidth / 2)\" y=\"\(by - 4)\" text-anchor=\"middle\">\(value)</text>\n"
            }
            out += "<text x=\"\(groupX + groupWidth / 2)\" y=\"\(top + plotHeight + text + 6)\" text-anchor=\"middle\">\(HTML.escape(category))</text>\n"
        }
        out += "</svg>"
        return out
    }

    private func fill(_ series: Int) -> String {
        switch series % 3 {
        case 0: "fill=\"#0b4f9c\" stroke=\"#1b1b1b\" stroke-width=\"1\""
        case 1: "fill=\"url(#\(id)-hatch)\" stroke=\"#1b1b1b\" stroke-width=\"1\""
        default: "fill=\"#e6e6e6\" stroke=\"#1b1b1b\" stroke-width=\"1.5\""
        }
    }

    /// A round, even axis maximum at or above `value` (2, 4, 6, 8 or 10 × 10ⁿ, at least 2), so
    /// that the middle grid line is a whole number too.
    static func niceMaximum(_ value: Int) -> Int {
        var magnitude = 1
        while magnitude * 10 < value { magnitude *= 10 }
        for factor in [2, 4, 6, 8, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }

    /// The context for the `chart` template: the SVG and the table of its numbers.
    var context: [String: Any] {
        [
            "chartId": id,
            "heading": heading,
            "title": title,
            "svg": svg,
            "columns": series.map(\.name),
            "unit": unit,
            "rows": categories.enumerated().map { i, category -> [String: Any] in
                ["label": category, "values": series.map { String($0.values[i]) }]
            },
        ]
    }
}
