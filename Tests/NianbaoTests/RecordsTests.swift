import Foundation
import NianbaoContent
import NianbaoRecords
@testable import NianbaoSite
import Testing

/// What a build keeps for the next one: the hash is XXH3-64, and a record is trusted only for
/// the format and the validity it names.
@Suite struct RecordsTests {
    /// The values of Python's `xxhash` package (its own copy of the reference code, not Debian's
    /// libxxhash): `xxhash.xxh3_64_intdigest(data, seed=0x9E3779B97F4A7C15)`.
    @Test func contentHashIsXXH3WithTheSeedChained() {
        #expect(ContentHash().value == 0x9E37_79B9_7F4A_7C15)
        #expect(ContentHash("").value == 0x602b_0e2c_d666_2c8b)
        #expect(ContentHash("abc").value == 0xfc1a_e99b_b3de_2336)
        #expect(ContentHash("石龙区人民政府办公室").value == 0x98b1_ba6d_d4f6_26f2)
        let bytes = [UInt8]((0..<5).flatMap { _ in 0...255 })
        #expect(bytes.withUnsafeBytes { ContentHash($0) }.value == 0xe05b_f8fe_77d6_9bd5)
        // combine: the next piece hashed with the value so far as its seed.
        var chained = ContentHash("report.yaml")
        chained.combine("agency: x\n")
        #expect(chained.value == 0xb0c8_a363_a75c_09d2)
        // In pieces, the same as whole.
        var stream = ContentHash.Stream()
        for piece in stride(from: 0, to: bytes.count, by: 97) {
            bytes[piece..<min(bytes.count, piece + 97)].withUnsafeBytes { stream.combine($0) }
        }
        #expect(stream.value.value == 0xe05b_f8fe_77d6_9bd5)
    }

    @Test func aRecordIsReadOnlyForItsFormatAndValidity() throws {
        let dir = TempDir()
        let records = BuildRecords(folder: URL(fileURLWithPath: dir.path + "/state"))
        try records.write("probe", for: ContentHash("a"), "body\n".utf8)
        #expect(dir.read("state/probe") == "nianbao-probe \(BuildRecords.format) \(ContentHash("a"))\nbody\n")
        #expect(records.read("probe", for: ContentHash("a")).map { String(decoding: BuildRecords.body($0), as: UTF8.self) } == "body\n")
        #expect(records.read("probe", for: ContentHash("b")) == nil)
        #expect(records.read("missing", for: ContentHash("a")) == nil)
        dir.write("state/probe", "nianbao-probe \(BuildRecords.format - 1) \(ContentHash("a"))\nbody\n")
        #expect(records.read("probe", for: ContentHash("a")) == nil)
        // A patch writes the header of its validity over whatever the old bytes had.
        dir.write("state/sorted", "nianbao-sorted \(BuildRecords.format) \(ContentHash("a"))\nb 2\nc 3\n")
        let old = try #require(records.read("sorted", for: ContentHash("a")))
        try records.patch("sorted", old: old, for: ContentHash("b"), changes: [.init(key: "a", line: "a 1"), .init(key: "c", line: nil)]) {
            SortedLines.before($0, 1, 0x20)
        }
        #expect(dir.read("state/sorted") == "nianbao-sorted \(BuildRecords.format) \(ContentHash("b"))\na 1\nb 2\n")
    }

    /// Records of another format (an older nianbao) are not trusted: the build reads every folder
    /// and renders every output, and the site is what a clean build makes.
    @Test func recordsOfAnotherFormatMeanAFullBuild() throws {
        let content = IncrementalBuildTests.corpus(agencies: 2)
        let out = TempDir()
        let options = SiteBuilder.Options(content: content.path, templates: Repo.templates, output: out.path + "/Site")
        let first = SiteBuilder.build(options)
        #expect(first.succeeded && SiteBuilder.build(options).read == 0)
        let state = OutputWriter.stateFolder(for: options.output).path
        var rewritten = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: state) {
            guard let text = try? String(contentsOfFile: state + "/" + name, encoding: .utf8), text.hasPrefix("nianbao-"),
                let newline = text.firstIndex(of: "\n")
            else { continue }
            let header = text[..<newline].replacingOccurrences(of: " \(BuildRecords.format) ", with: " \(BuildRecords.format - 1) ")
            try (header + text[newline...]).write(toFile: state + "/" + name, atomically: true, encoding: .utf8)
            rewritten += 1
        }
        #expect(rewritten >= 7)
        let again = SiteBuilder.build(options)
        #expect(again.succeeded && !again.incremental)
        #expect(again.read == first.read && again.rendered == first.rendered)
        #expect(SiteBuilder.build(.init(content: content.path, templates: Repo.templates, output: out.path + "/clean")).succeeded)
        #expect(files(out.path + "/Site") == files(out.path + "/clean"))
    }

    /// A patch is the old lines with the changes merged in by key, whatever the changes and
    /// wherever they fall (first line, last line, a last line without its newline, nothing left):
    /// checked against a model (the lines in a dictionary, sorted again) on random files.
    @Test func aPatchMergesTheChangesByKey() {
        var generator = SystemRandomNumberGenerator()
        let letters = ["a", "b", "/", "é", "石", "-", "0"]
        func randomKey() -> String {
            String((0..<Int.random(in: 1...5, using: &generator)).map { _ in letters.randomElement(using: &generator)! }.joined())
        }
        for round in 0..<400 {
            let keys = Set((0..<Int.random(in: 0...(round % 4 == 0 ? 3 : 40), using: &generator)).map { _ in randomKey() }).sortedByBytes()
            var model: [String: String] = [:]
            for key in keys { model[key] = key + " " + String(Int.random(in: 0...999, using: &generator)) }
            var text = "header one\nheader two\n" + keys.map { model[$0]! + "\n" }.joined()
            if !keys.isEmpty, Bool.random(using: &generator) { text.removeLast() }  // no newline after the last line
            var changes: [SortedLines.Change] = []
            var expectMatched: [String: String] = [:]
            for key in Set((0..<Int.random(in: 0...8, using: &generator)).map { _ in
                Bool.random(using: &generator) && !keys.isEmpty ? keys.randomElement(using: &generator)! : randomKey()
            }) {
                if let old = model[key] { expectMatched[key] = old }
                let line = Int.random(in: 0..<3, using: &generator) == 0 ? nil : key + " new"
                changes.append(.init(key: key, line: line))
                model[key] = line
            }
            changes = SortedLines.sorted(changes)
            var matched: [String: String] = [:]
            let out = Array(text.utf8).withUnsafeBufferPointer {
                SortedLines.patch($0, headerLines: 2, header: "h\n", changes: changes, key: { SortedLines.before($0, 1, 0x20) }) { i, line in
                    matched[String(decoding: changes[i].key, as: UTF8.self)] = String(decoding: line, as: UTF8.self)
                }
            }
            let expected = "h\n" + model.keys.sortedByBytes().compactMap { model[$0]! }.map { $0 + "\n" }.joined()
            #expect(String(decoding: out, as: UTF8.self) == expected, "\(text.debugDescription) \(changes.map { String(decoding: $0.key, as: UTF8.self) })")
            #expect(matched == expectMatched)
        }
    }

    /// Records, manifests and journals are sorted by the paths' UTF-8 bytes (what `SortedLines`
    /// patches by), and a hash prints as 16 hex digits.
    @Test func sortingByBytesIsTheOrderOfTheUTF8Bytes() {
        var strings = ["2024/b/index.html", "2024/a/index.html", "2024/a", "2024/a/", "", "Z", "a", "é", "e\u{301}", "石龙", "石", "2024/a/article.html"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let length = Int.random(in: 0...6, using: &generator)
            strings.append(String((0..<length).map { _ in ["a", "b", "/", "é", "石", "-"].randomElement(using: &generator)! }.joined()))
        }
        let expected = strings.map { (Array($0.utf8), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.0)
        #expect(strings.sortedByBytes().map { Array($0.utf8) } == expected)
        #expect([String]().sortedByBytes().isEmpty && ["", ""].sortedByBytes() == ["", ""])
        #expect(ContentHash(value: 0xab).description == "00000000000000ab" && ContentHash(value: .max).description == "ffffffffffffffff")
    }

    @Test func fileBytesReadsAWholeFileOrNothing() {
        let dir = TempDir()
        let big = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        dir.write("big", Data(big))
        dir.write("empty", Data())
        #expect(FileBytes.read(dir.path + "/big") == .success(big))
        #expect(FileBytes.read(dir.path + "/empty") == .success([]))
        #expect(FileBytes.read(dir.path + "/missing") == .failure(.missing))
        #expect(FileBytes.read(dir.path + "/big/x") == .failure(.missing))
        #expect(FileBytes.read(dir.path) == .failure(.directory))
        #if os(Linux)
            // A file longer than fstat says (the kernel's files say 0 bytes): read to its end.
            let maps = try? FileBytes.read("/proc/self/maps").get()
            #expect(maps.map { $0.count > 1000 && String(decoding: $0, as: UTF8.self).hasSuffix("\n") } == true)
            #expect((try? FileBytes.read("/proc/self/cmdline").get()) == Array(FileManager.default.contents(atPath: "/proc/self/cmdline")!))
        #endif
    }
}
