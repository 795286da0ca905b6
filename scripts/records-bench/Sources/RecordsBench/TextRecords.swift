import Foundation
import NianbaoRecords

/// The records as nianbao keeps them: text files read, scanned line by line and patched with
/// `BuildRecords` and `SortedLines`, as the build's record types do.
final class TextRecords {
    let records: BuildRecords
    let manifest: ContentHash
    let cacheValidity: ContentHash
    /// The validity of each of the changed report's year's two data files' layouts.
    let layoutValidity: [String: ContentHash]
    /// Every output's line of the build state, and every folder's line of the report cache.
    let outputs: [String]
    let folders: [String]
    /// Every folder's figures line (`key<TAB>figures`), of every year.
    let figureLines: [String]
    /// The records measured on disk: every one a build keeps but the absent files and agencies.
    let names: [String]
    /// The report whose records the edits change, its year, and a counter so that every run
    /// writes new bytes.
    let changed: String
    let year: String
    /// How many folders the changed report's year has.
    let yearFolders: Int
    private var round: UInt64 = 0

    /// A corrected figure reads and rewrites its year's figures and data-file layouts alone.
    var figuresName: String { "report-figures-\(year)" }
    var layoutNames: [String] { Self.layoutNames(year) }
    static func layoutNames(_ year: String) -> [String] { ["layout-data-\(year)-reports.json", "layout-data-\(year)-applications.csv"] }

    init(_ records: BuildRecords) throws {
        self.records = records
        func header(_ name: String) throws -> ContentHash {
            let data = try Data(contentsOf: records.url(name))
            let line = String(decoding: data.prefix { $0 != 0x0A }, as: UTF8.self)
            guard let hex = line.split(separator: " ").last, let hash = ContentHash(hex: hex) else { throw CocoaError(.fileReadCorruptFile) }
            return hash
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: records.folder.path).sorted()
        let perYear = kept.filter { $0.hasPrefix("report-figures-") || $0.hasPrefix("layout-data-") }
        names = ["last-build", "journal", "build-state", "report-cache"] + perYear
        manifest = try header("last-build")
        cacheValidity = try header("report-cache")
        let lines = { (name: String) in
            String(decoding: BuildRecords.body(try Data(contentsOf: records.url(name))), as: UTF8.self).split(separator: "\n").map(String.init)
        }
        outputs = try lines("build-state")
        folders = try lines("report-cache").filter { $0.hasPrefix("R\t") }
        figureLines = try perYear.filter { $0.hasPrefix("report-figures-") }.flatMap(lines)
        let changed = folders[folders.count / 2].split(separator: "\t")[1].description
        let year = String(changed.prefix(4))
        self.changed = changed
        self.year = year
        yearFolders = folders.filter { $0.hasPrefix("R\t" + year + "/") }.count
        layoutValidity = try Dictionary(uniqueKeysWithValues: Self.layoutNames(year).map { ($0, try header($0)) })
    }

    func run(_ scenario: Scenario) throws {
        round += 1
        // Every build reads last-build.
        guard let last = records.read("last-build", for: manifest) else { throw CocoaError(.fileReadCorruptFile) }
        _ = String(decoding: BuildRecords.body(last), as: UTF8.self).split(separator: " ").count
        guard scenario != .noop else { return }
        guard let journal = records.read("journal", for: manifest) else { throw CocoaError(.fileReadCorruptFile) }
        _ = String(decoding: BuildRecords.body(journal), as: UTF8.self).split(separator: "\n").count
        let (state, kept) = try readState()
        let cache = try indexLines("report-cache", cacheValidity, separator: 0x09, keyField: 1)
        precondition(kept > 0 && cache.count == folders.count)
        var changes = [SortedLines.Change(key: changed + "/index.html", line: line(changed + "/index.html"))]
        if scenario == .figure {
            let figures = try indexLines(figuresName, cacheValidity, separator: 0x09, keyField: 0)
            precondition(figures.count == yearFolders)
            for name in layoutNames { try rewriteLayout(name) }
            try records.patch(figuresName, old: figures.data, for: cacheValidity,
                              changes: [SortedLines.Change(key: changed, line: changed + "\t0 \(round)")]) { SortedLines.before($0, 1, 0x09) }
            let data = "../../data/\(year)/"
            for path in ["report.json", "report.csv", "../index.html", "../../agencies/x/index.html", data + "reports.json", data + "applications.csv"] {
                changes.append(SortedLines.Change(key: changed + "/" + path, line: line(changed + "/" + path)))
            }
        }
        try records.patch("build-state", old: state, for: manifest, changes: changes) { SortedLines.after($0, 2, 0x20) }
        let folderLine = "R\t\(changed)\t\(ContentHash(value: round))\trest"
        try records.patch("report-cache", old: cache.data, for: cacheValidity,
                          changes: [SortedLines.Change(key: "R\t" + changed, line: folderLine)]) { SortedLines.before($0, 2, 0x09) }
        try records.write("journal", for: manifest, "stage \(ContentHash(value: round))\n\(changed)/index.html\n".utf8)
        try records.write("last-build", for: manifest, "\(ContentHash(value: round)) 1 \(ContentHash(value: round)) 0\n".utf8)
    }

    private func line(_ path: String) -> String { "\(ContentHash(value: round)) \(ContentHash(value: round)) \(path)" }

    /// build-state: the entries of pages made from every report, and of the changed report.
    private func readState() throws -> (Data, Int) {
        guard let data = records.read("build-state", for: manifest) else { throw CocoaError(.fileReadCorruptFile) }
        var kept: [String: (ContentHash, ContentHash)] = [:]
        let prefix = Array((changed + "/").utf8)
        data.withUnsafeBytes { raw in
            _ = ByteText.forEachLine(raw.bindMemory(to: UInt8.self)) { line, _ in
                guard line.count > 34, line[16] == 0x20 else { return true }
                let path = UnsafeBufferPointer(rebasing: line[34...])
                let isReport = path.count > 5 && path[4] == 0x2F && path.prefix(4).allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
                guard !isReport || path.starts(with: prefix) else { return true }
                if let inputs = ByteText.hex(UnsafeBufferPointer(rebasing: line[0..<16])), let content = ByteText.hex(UnsafeBufferPointer(rebasing: line[17..<33])) {
                    kept[ByteText.string(path)] = (inputs, content)
                }
                return true
            }
        }
        return (data, kept.count)
    }

    /// A record of keyed lines, indexed: key → where its line is.
    private func indexLines(_ name: String, _ validity: ContentHash, separator: UInt8, keyField: Int) throws -> (data: Data, count: Int) {
        guard let data = records.read(name, for: validity) else { throw CocoaError(.fileReadCorruptFile) }
        var index: [String: Range<Int>] = [:]
        var fields: [UnsafeBufferPointer<UInt8>] = []
        var first = true
        data.withUnsafeBytes { raw in
            _ = ByteText.forEachLine(raw.bindMemory(to: UInt8.self)) { line, range in
                if first { first = false; return true }
                ByteText.fields(line, separator, maxFields: keyField + 2, into: &fields)
                if fields.count > keyField, keyField == 0 || ByteText.equals(fields[0], "R") { index[ByteText.string(fields[keyField])] = range }
                return true
            }
        }
        return (data, index.count)
    }

    /// A layout read (names and places), then written anew with the places after the change moved.
    private func rewriteLayout(_ name: String) throws {
        guard let data = records.read(name, for: layoutValidity[name]!) else { throw CocoaError(.fileReadCorruptFile) }
        var names: [String] = [], places: [(ContentHash, Int, Int)] = []
        var fields: [UnsafeBufferPointer<UInt8>] = []
        var lineNumber = 0
        data.withUnsafeBytes { raw in
            _ = ByteText.forEachLine(raw.bindMemory(to: UInt8.self)) { line, _ in
                lineNumber += 1
                guard lineNumber > 2 else { return true }
                ByteText.fields(line, 0x20, into: &fields)
                if fields.count == 4, let key = ByteText.hex(fields[1]), let start = ByteText.int(fields[2]), let count = ByteText.int(fields[3]) {
                    names.append(ByteText.string(fields[0]))
                    places.append((key, start, count))
                }
                return true
            }
        }
        var out = Array("order \(ContentHash(value: round))\n".utf8)
        let moved = names.count / 2
        out.reserveCapacity(names.count * 56)
        for (i, (name, place)) in zip(names, places).enumerated() {
            out += name.utf8
            out.append(0x20)
            place.0.appendHex(to: &out)
            out.append(0x20)
            appendDigits(place.1 + (i > moved ? Int(round % 3) : 0), to: &out)
            out.append(0x20)
            appendDigits(place.2, to: &out)
            out.append(0x0A)
        }
        try records.write(name, for: layoutValidity[name]!, out)
    }

    private func appendDigits(_ value: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var v = value
        repeat {
            digits.append(0x30 + UInt8(v % 10))
            v /= 10
        } while v > 0
        out += digits.reversed()
    }
}
