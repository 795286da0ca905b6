import NianbaoModel

/// The report title, `<机关全称>YYYY年政府信息公开工作年度报告` (spaces allowed anywhere; also
/// `YYYY年度`, a leading `关于`, or the year first: `YYYY年<机关全称>政府信息公开工作年度报告`).
enum ImportTitle {
    /// The fixed end of every title, taken from `ReportFormat.title`.
    static let suffix: String = {
        let sample = ReportFormat.title(agency: "", year: 2000)
        return String(sample.dropFirst("2000年".count))
    }()

    static func parse(_ line: String) -> (agency: String, year: Int)? {
        var compact = String.UnicodeScalarView()
        for c in line.unicodeScalars where !c.properties.isWhitespace && !ImportLabels.ignorable.contains(c.value) {
            compact.append(ImportDates.halfWidth(c))
        }
        let text = String(compact)
        guard let end = text.range(of: suffix) else { return nil }
        var head = Substring(text[..<end.lowerBound])
        if head.hasSuffix("年度") {
            head = head.dropLast(2)
        } else if head.hasSuffix("年") {
            head = head.dropLast()
        } else {
            // `YYYY年<机关全称>…`
            let year = head.prefix { $0.isASCII && $0.isNumber }
            guard year.count == 4, let y = Int(year) else { return nil }
            var rest = head.dropFirst(4)
            guard rest.first == "年" else { return nil }
            rest = rest.dropFirst()
            if rest.first == "度" { rest = rest.dropFirst() }
            let agency = clean(rest)
            return agency.isEmpty ? nil : (agency, y)
        }
        let year = head.suffix(4)
        guard year.count == 4, year.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(year) else { return nil }
        let agency = clean(head.dropLast(4))
        return agency.isEmpty ? nil : (agency, y)
    }

    /// Without brackets around the name and a trailing `关于`.
    static func clean(_ s: Substring) -> String {
        var s = s
        while let c = s.first, "《【[“\"".contains(c) { s = s.dropFirst() }
        while let c = s.last, "》】]”\"".contains(c) { s = s.dropLast() }
        if s.hasSuffix("关于") { s = s.dropLast(2) }
        return String(s)
    }
}
