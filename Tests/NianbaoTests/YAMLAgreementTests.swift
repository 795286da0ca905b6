import Foundation
import NianbaoModel
import Testing

@testable import NianbaoContent

/// The YAML of Content/ read through libyaml's events (`YAMLComposer`) gives what Yams' `compose`
/// gave (`YamsReference`): the same nodes (text, quoting, tag, line and column) or the same
/// diagnostic, and for report.yaml the same report and diagnostics.
@Suite struct YAMLAgreementTests {
    /// Outcomes seen over a corpus, to show that it reached what it is meant to reach.
    struct Tally {
        var texts = 0
        var rules: [String: Int] = [:]
        var clean = 0
    }

    /// What differs between the two readers on `text`, or nil when they agree.
    static func disagreement(_ text: String, isReport: Bool, year: Int = 2024, tally: inout Tally) -> String? {
        tally.texts += 1
        var new = YAMLReader(file: "c/f.yaml")
        var old = YAMLReader(file: "c/f.yaml")
        let (newRoot, oldRoot) = (new.parse(text), YamsReference.parse(&old, text))
        if new.diagnostics != old.diagnostics { return "parse: \(new.diagnostics) ≠ Yams \(old.diagnostics)" }
        let (newTree, oldTree) = (newRoot.map(dump) ?? "nil", oldRoot.map(dump) ?? "nil")
        if newTree != oldTree {
            // From where they part.
            let same = zip(newTree, oldTree).prefix { $0 == $1 }.count
            return "tree: …\(newTree.dropFirst(same).prefix(300)) ≠ Yams …\(oldTree.dropFirst(same).prefix(300))"
        }
        guard isReport else { return nil }
        let blank = Report(slug: "x", year: year, folder: "c/reports/\(year)/x")
        let a = ReportDecoder.decode(text, file: "c/reports/\(year)/x/report.yaml", into: blank)
        let b = ReportDecoder.decode(text, file: "c/reports/\(year)/x/report.yaml", into: blank, parse: YamsReference.parse)
        for d in a.diagnostics { tally.rules[d.rule, default: 0] += 1 }
        if a.diagnostics.isEmpty { tally.clean += 1 }
        if a.diagnostics != b.diagnostics { return "diagnostics: \(a.diagnostics) ≠ Yams \(b.diagnostics)" }
        if describe(a.report) != describe(b.report) { return "report: \(describe(a.report)) ≠ Yams \(describe(b.report))" }
        return nil
    }

    static func dump(_ node: YAMLNode) -> String {
        let at = "\(node.mark.line):\(node.mark.column)"
        switch node {
        case .scalar(let s):
            return "\(at) \(s.isPlain ? "plain" : "quoted") \(s.tag ?? "-") \(s.string.debugDescription)"
        case .mapping(let m):
            return "\(at) map \(m.tag ?? "-") {" + m.pairs.map { dump($0.key) + " => " + dump($0.value) }.joined(separator: ", ") + "}"
        case .sequence(let s):
            return "\(at) seq \(s.tag ?? "-") [" + s.items.map(dump).joined(separator: ", ") + "]"
        }
    }

    static func describe(_ r: Report) -> String {
        func rows(_ table: [String: FigureRow]) -> String {
            table.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
        }
        return "\(String(describing: r.agency)) \(String(describing: r.published)) \(r.asPublished) "
            + "\(rows(r.tableTwo)) | \(rows(r.tableThree)) | \(rows(r.tableFour))"
    }

    /// Every .yaml file below `folder`.
    static func yamlFiles(_ folder: String) -> [String] {
        let found = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        return found.filter { $0.hasSuffix(".yaml") }.map { folder + "/" + $0 }.sorted()
    }

    @Test func everyFixtureReadsTheSame() throws {
        let example = try Fixture.region()
        let paths = Self.yamlFiles(Repo.content) + Self.yamlFiles(Repo.fixtures) + Self.yamlFiles(example.path)
        var tally = Tally()
        for path in paths {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            // reports/<year>/<slug>/report.yaml
            let year = path.split(separator: "/").dropLast(2).last.flatMap { Int($0) } ?? 2024
            let difference = Self.disagreement(text, isReport: path.hasSuffix("/report.yaml"), year: year, tally: &tally)
            #expect(difference == nil, "\(path): \(difference ?? "")")
        }
        // The example sites: site.yaml, agencies.yaml and many reports, all clean.
        #expect(paths.count >= 20)
        #expect(paths.filter { $0.hasSuffix("/report.yaml") }.count == tally.clean)
    }

    /// Texts at the edges of what the readers meet, written out. (Not a collection key and a text
    /// key both duplicated in one mapping: Yams names them in an order that changes from run to run.)
    static let edges = [
        "a: \"\\uFEFF\"\n", "a: \"\\uFEFF\\uFEFF7\"\n", "\u{FEFF}\u{FEFF}a: 1\n", "\u{FEFF}a: 1\r\nb: [1,\r\n 2]\r\n",
        "\u{FEFF}\u{FEFF}7: 1\n", "? [a, b]\n: 1\n? [a, b]\n: 2\n", "? {a: 1}\n: x\n? {a: 1}\n: y\n",
        "a: &x 1\nb: &x 2\nc: *x\n", "*x : 1\n", "&k a: 1\n*k : 2\n", "a: !!str 010\nb: !!int 010\n",
        "%YAML 1.1\n---\na: 1\n...\n", "--- |\n  text\n", "a: 'x\n", "a:\tb\n", "a: \u{85}\n", "a: b\u{2028}c\n",
        "- 1\n- 2\n", "~\n", String(repeating: "[", count: 1200) + String(repeating: "]", count: 1200),
        (0..<1100).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " 1\n", "---\n", "...\n", "a: 1\n---\n", "a: [1, 2]]\n", "a: {b: 1, b: 2}\n",
    ]

    @Test func edgeTextsReadTheSame() {
        var tally = Tally()
        for text in Self.edges {
            let difference = Self.disagreement(text, isReport: true, tally: &tally)
            #expect(difference == nil, "\(difference ?? "")\n--- text:\n\(text.debugDescription)")
        }
        #expect(tally.rules["yaml.duplicate-key", default: 0] >= 3)
    }

    @Test func generatedReportsReadTheSame() {
        var rng = SeededRandom(for: "generatedReportsReadTheSame")
        var tally = Tally()
        for _ in 0..<1500 {
            let text = YAMLCorpus.report(&rng, odd: YAMLCorpus.chance(0.4, &rng) ? 0 : 1)
            let difference = Self.disagreement(text, isReport: true, tally: &tally)
            #expect(difference == nil, "\(difference ?? "")\n--- text:\n\(text)")
        }
        // The corpus reaches clean reports, syntax errors, duplicate keys and the decoder's own findings.
        #expect(tally.clean > 100)
        for rule in ["yaml.syntax", "value.type", "value.missing", "row.length", "key.unknown", "key.missing", "report.year"] {
            #expect(tally.rules[rule, default: 0] > 0, "no \(rule) in the corpus")
        }
    }

    @Test func fuzzedTextsReadTheSame() throws {
        var rng = SeededRandom(for: "fuzzedTextsReadTheSame")
        let seeds = try (Self.yamlFiles(Repo.content) + Self.yamlFiles(Repo.fixtures)).map {
            ($0.hasSuffix("/report.yaml"), try String(contentsOfFile: $0, encoding: .utf8))
        } + (0..<20).map { _ in (true, YAMLCorpus.report(&rng, odd: 0)) }
        var tally = Tally()
        for _ in 0..<4000 {
            let (isReport, seed) = YAMLCorpus.pick(seeds, &rng)
            let text = YAMLCorpus.mutate(seed, &rng)
            let difference = Self.disagreement(text, isReport: isReport, tally: &tally)
            #expect(difference == nil, "\(difference ?? "")\n--- text:\n\(text.debugDescription)")
        }
        for rule in ["yaml.syntax", "yaml.duplicate-key", "key.unknown", "key.missing"] {
            #expect(tally.rules[rule, default: 0] > 0, "no \(rule) among the fuzzed texts")
        }
    }
}
