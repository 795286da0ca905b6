import Foundation
import NianbaoSite
import Testing

@testable import NianbaoContent

/// The `nianbao` binary links Debian's libyaml; this test bundle links Yams, whose own copy of
/// libyaml then serves `YAMLComposer` here too. The agreement tests therefore compare the two
/// composers on Yams' copy; this one compares the copies: `nianbao check` on fuzzed reports gives
/// the diagnostics the same check gives in this process.
@Suite struct YAMLLibraryTests {
    @Test func theBinaryWithDebiansLibyamlFindsWhatTheTestsFind() throws {
        var rng = SeededRandom(for: "theBinaryWithDebiansLibyamlFindsWhatTheTestsFind")
        let site = Fixture.site()
        let seeds = [Fixture.seedYAML] + (0..<5).map { _ in YAMLCorpus.report(&rng, odd: 0) }
        // The last one nests 1200 deep: Debian's libyaml has no limit, YAMLComposer stops at 1000.
        var texts = (0..<300).map { _ in YAMLCorpus.mutate(YAMLCorpus.pick(seeds, &rng), &rng) } + YAMLAgreementTests.edges.filter { !$0.hasPrefix("[[[") }
        texts.append(String(repeating: "[", count: 1200) + String(repeating: "]", count: 1200))
        for (i, text) in texts.enumerated() {
            site.write("reports/2024/f\(1000 + i)/report.yaml", text)
        }
        let binary = try CommandLineTests().run(["check", "--content", site.path, "--format", "json"], in: site.path)
        let (_, here) = SiteBuilder.check(content: site.path)
        let yamlErrors = here.filter { $0.rule.hasPrefix("yaml.") }.count
        #expect(yamlErrors > 50)
        // Both stop the deep one with the same words; Yams' libyaml places it at 1:1, the
        // composer at the 1000th `[`.
        let deep = "/f\(1000 + texts.count - 1)/report.yaml"
        let nesting = "YAML 语法错误：\(YAMLComposer.depthProblem)"
        #expect(here.contains { $0.location?.file.hasSuffix(deep) == true && $0.message == nesting && $0.location?.column == 1 })
        let fromBinary = try #require(try JSONSerialization.jsonObject(with: Data(binary.stdout.utf8)) as? [[String: Any]])
        let deepInBinary = fromBinary.filter { ($0["file"] as? String)?.hasSuffix(deep) == true }
        #expect(deepInBinary.count == 1 && deepInBinary.first?["message"] as? String == nesting)
        #expect(deepInBinary.first?["line"] as? Int == 1 && deepInBinary.first?["column"] as? Int == 1000)
        let (a, b) = try (Self.entries(binary.stdout, without: deep), Self.entries(DiagnosticJSON.encode(here), without: deep))
        #expect(a.count == b.count)
        let differing = zip(a, b).first { $0 != $1 }
        #expect(differing == nil, "binary: \(differing?.0 ?? "")\nhere: \(differing?.1 ?? "")")
    }

    /// Each diagnostic of a JSON array as one line of JSON with sorted keys.
    static func entries(_ json: String, without file: String) throws -> [String] {
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        return try array.filter { ($0["file"] as? String)?.hasSuffix(file) != true }.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: .sortedKeys), as: UTF8.self) }
    }
}
