import Foundation
import Testing
import NianbaoContent
import NianbaoModel
import NianbaoSite

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Paths of the repository and its fixtures.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let content = root.appendingPathComponent("Content").path
    static let templates = root.appendingPathComponent("Templates").path
    static let site = root.appendingPathComponent("Site").path
    static let fixtures = root.appendingPathComponent("Tests/NianbaoTests/Fixtures").path
    static let seedText = fixtures + "/seed/2024-shilong-district-government-office.txt"
    static let seedReportFolder = content + "/reports/2024/shilong-gov-office"
}

/// A temporary folder, removed when the value goes away.
final class TempDir {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("nianbao-test-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
        // A build into this folder itself keeps its state beside it.
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.removeItem(
            at: url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).nianbao"))
    }

    func write(_ relative: String, _ text: String) {
        write(relative, Data(text.utf8))
    }

    func write(_ relative: String, _ data: Data) {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! data.write(to: url)
    }

    func read(_ relative: String) -> String {
        try! String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }
}

/// Every file below a folder (hidden ones included) with its bytes, by relative path.
func files(_ folder: String) -> [String: Data] {
    var out: [String: Data] = [:]
    let root = URL(fileURLWithPath: folder).standardizedFileURL.path
    guard let walker = FileManager.default.enumerator(atPath: root) else { return out }
    for case let relative as String in walker {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
            out[relative] = FileManager.default.contents(atPath: root + "/" + relative)
        }
    }
    return out
}

/// A content folder made from the seed report, with edits.
enum Fixture {
    /// The multi-agency, multi-year example of scripts/fixture-site.py, in a new folder
    /// (`Content/`, `Templates/`).
    static func region() throws -> TempDir {
        let dir = TempDir()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repo.root.path + "/scripts/fixture-site.py", dir.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "scripts/fixture-site.py failed")
        return dir
    }

    static var seedYAML: String { try! String(contentsOfFile: Repo.seedReportFolder + "/report.yaml", encoding: .utf8) }

    /// A content folder holding the seed report (with `yaml` as its report.yaml if given).
    static func site(yaml: String? = nil, slug: String = "shilong-gov-office", year: String = "2024") -> TempDir {
        let dir = TempDir()
        dir.write("site.yaml", try! String(contentsOfFile: Repo.content + "/site.yaml", encoding: .utf8))
        let folder = "reports/\(year)/\(slug)"
        dir.write(folder + "/report.yaml", yaml ?? seedYAML)
        for name in ["overview.md", "problems.md", "other.md"] {
            dir.write(folder + "/" + name, try! String(contentsOfFile: Repo.seedReportFolder + "/" + name, encoding: .utf8))
        }
        return dir
    }

    /// The seed's report.yaml with the first occurrence of `old` replaced by `new`.
    static func seed(replacing old: String, with new: String) -> String {
        let yaml = seedYAML
        guard let range = yaml.range(of: old) else { fatalError("fixture text not found: \(old)") }
        return yaml.replacingCharacters(in: range, with: new)
    }

    /// Line and column (1-based, in characters) of the first occurrence of `needle` in `text`,
    /// optionally at `offset` characters into the match.
    static func position(of needle: String, in text: String, offset: Int = 0) -> (line: Int, column: Int) {
        guard let range = text.range(of: needle) else { fatalError("not found: \(needle)") }
        let before = text[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return (line, text[lineStart..<range.lowerBound].count + 1 + offset)
    }

    static func load(_ dir: TempDir) -> (Content, [Diagnostic]) {
        ContentLoader.load(dir.path)
    }
}

// MARK: Parsing generated HTML

/// An element of a generated page, parsed as XML (nianbao's pages are well-formed).
final class Element {
    let name: String
    let attributes: [String: String]
    var children: [Element] = []
    var text = ""
    weak var parent: Element?

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Text content of the element and its descendants.
    var allText: String { text }

    func all(_ name: String) -> [Element] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
    }

    func first(_ name: String, where predicate: (Element) -> Bool = { _ in true }) -> Element? {
        for child in children {
            if child.name == name, predicate(child) { return child }
            if let found = child.first(name, where: predicate) { return found }
        }
        return nil
    }

    var descendants: [Element] { children.flatMap { [$0] + $0.descendants } }
}

final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    let root = Element(name: "#document", attributes: [:])
    private var stack: [Element] = []
    var error: Error?

    static func parse(_ text: String) throws -> Element {
        // XML knows no HTML doctype entities; the pages use none besides the doctype line.
        let body = text.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
        let parser = XMLParser(data: Data(body.utf8))
        let builder = XMLTreeBuilder()
        parser.delegate = builder
        guard parser.parse() else {
            throw parser.parserError ?? builder.error ?? NSError(domain: "xml", code: 1)
        }
        return builder.root
    }

    func parserDidStartDocument(_ parser: XMLParser) { stack = [root] }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let element = Element(name: name, attributes: attributes)
        element.parent = stack.last
        stack.last?.children.append(element)
        stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for element in stack { element.text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

/// A table rebuilt into a grid from rowspan/colspan, as a browser lays it out.
struct TableLayout {
    struct Cell {
        let element: Element
        let row: Int
        let column: Int
        var isHeader: Bool { element.name == "th" }
        var text: String { element.allText.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// grid[row][column] → the cell covering that slot.
    var grid: [[Cell?]] = []
    /// Each cell once, at its top-left slot.
    var cells: [Cell] = []
    var headRowCount = 0
    let ids: [String: Element]

    init(_ table: Element) {
        var ids: [String: Element] = [:]
        for element in table.descendants { if let id = element.attributes["id"] { ids[id] = element } }
        self.ids = ids
        let rows = table.all("tr")
        headRowCount = table.first("thead")?.all("tr").count ?? 0
        var grid: [[Cell?]] = Array(repeating: [], count: rows.count)
        for (r, tr) in rows.enumerated() {
            var c = 0
            for element in tr.children where element.name == "th" || element.name == "td" {
                while c < grid[r].count, grid[r][c] != nil { c += 1 }
                let rowspan = Int(element.attributes["rowspan"] ?? "1")!
                let colspan = Int(element.attributes["colspan"] ?? "1")!
                let cell = Cell(element: element, row: r, column: c)
                cells.append(cell)
                for rr in r..<(r + rowspan) {
                    for cc in c..<(c + colspan) {
                        if grid[rr].count <= cc { grid[rr] += Array(repeating: nil, count: cc + 1 - grid[rr].count) }
                        precondition(grid[rr][cc] == nil, "overlapping cells at \(rr),\(cc)")
                        grid[rr][cc] = cell
                    }
                }
                c += colspan
            }
        }
        self.grid = grid
    }

    var width: Int { grid.map(\.count).max() ?? 0 }

    /// Labels of the header cells a data cell's `headers` attribute names, in order.
    func headerLabels(_ cell: Cell) -> [String] {
        (cell.element.attributes["headers"] ?? "").split(separator: " ").map {
            ids[String($0)]?.allText.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?\($0)"
        }
    }
}

/// The tables of a page by id.
func tables(in html: String) throws -> [String: Element] {
    let document = try XMLTreeBuilder.parse(html)
    var out: [String: Element] = [:]
    for table in document.all("table") { out[table.attributes["id"] ?? ""] = table }
    return out
}

/// Labels compared across the official wording and the variants in published text: no spaces,
/// half-width brackets and commas, `.` after numbers.
func normalizedLabel(_ s: String) -> String {
    var out = ""
    for c in s where !c.isWhitespace {
        switch c {
        case "（": out.append("(")
        case "）": out.append(")")
        case "，": out.append(",")
        case "．": out.append(".")
        case "、" where out.last?.isNumber == true: out.append(".")
        default: out.append(c)
        }
    }
    return out
}

/// A deterministic random generator (SplitMix64) for the random tests. Each run takes a new seed
/// and prints it; `NIANBAO_TEST_SEED=<seed> swift test --filter <test>` replays a failure.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    /// The seed from `NIANBAO_TEST_SEED`, else a new one; printed with the test's name.
    init(for test: String) {
        let given = ProcessInfo.processInfo.environment["NIANBAO_TEST_SEED"].flatMap { UInt64($0) }
        self.init(seed: given ?? UInt64.random(in: 0...UInt64(UInt32.max)))
        print("\(test): seed \(seed) (replay: NIANBAO_TEST_SEED=\(seed) swift test --filter \(test))")
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
