import Foundation
import NianbaoContent
@testable import NianbaoImport
import NianbaoModel
import Testing

/// What scripts/fuzz-import.sh found in the PDF path, each input kept as a fixture
/// (`Fixtures/pdf/fuzz-*.pdf`: mutations of seed-libreoffice.pdf, committed as found).
@Suite struct ImportPDFFuzzTests {
    static let folder = Repo.fixtures + "/pdf"

    static func run(_ name: String) -> (result: ImportResult, content: String, dir: TempDir) {
        let dir = TempDir()
        var claimed: [String: String] = [:]
        var options = ImportFixture.options(content: dir.path + "/Content")
        options.published = "2025-01-20"
        return (Importer.run(path: folder + "/" + name, options: options, claimed: &claimed), dir.path + "/Content", dir)
    }

    /// A damaged Flate stream whose data ended inside a block: zlib was told the last piece of
    /// input was a whole buffer long and read on past the end of the data (ASan: SEGV in inflate).
    @Test func aFlateStreamIsNeverReadPastItsEnd() {
        // A stored block declaring 1,000 bytes, of which 100 are there.
        let header: [UInt8] = [0x01, 0xE8, 0x03, 0x17, 0xFC]
        let truncated = header + [UInt8](repeating: 0x61, count: 100)
        #expect(PDFFile.inflatedSize(truncated[...], budget: 1 << 20) == 100)
        let whole = header + [UInt8](repeating: 0x61, count: 1000)
        #expect(PDFFile.inflatedSize(whole[...], budget: 1 << 20) == 1000)
        #expect(PDFFile.inflatedSize(whole[...], budget: 999) == nil)
    }

    @Test func thePDFThatReadPastAStreamsEndIsRefusedWithOneMessage() {
        let (result, content, _) = Self.run("fuzz-flate-overread.pdf")
        #expect(result.failed)
        #expect(!result.written)
        #expect(result.diagnostics.count == 1, "\(result.diagnostics.map(\.message))")
        #expect(result.diagnostics.allSatisfy { $0.severity == .error && $0.rule.hasPrefix("import.") })
        #expect(SourceFile.kind(of: content) == .missing)
    }

    /// pdftotext copies control characters a broken font maps its glyphs to into the words; XML
    /// allows none of them, so the whole output failed to parse (one leaked error per character
    /// inside FoundationXML) and a readable PDF was refused as damaged.
    @Test func controlCharactersInTheWordsAreDropped() throws {
        let xml = "<doc><page width=\"100\" height=\"200\"><flow><block><line>"
            + "<word xMin=\"1\" yMin=\"2\" xMax=\"3\" yMax=\"4\">对\u{2}\u{3}\u{8}</word>"
            + "<word xMin=\"5\" yMin=\"2\" xMax=\"7\" yMax=\"4\">a\u{FFFF}b\u{FFFE}\u{1F}</word>"
            + "</line></block></flow></page></doc>"
        let pages = try #require(PDFWordParser.parse(Data(xml.utf8)))
        #expect(pages.count == 1)
        #expect(pages.first?.lines.flatMap { $0.words.map(\.text) } == ["对", "ab"])
    }

    @Test func thePDFWithControlCharactersInItsTextIsImported() throws {
        let (result, _, _) = Self.run("fuzz-control-characters.pdf")
        #expect(!result.failed, "\(result.diagnostics.filter { $0.severity == .error }.map(\.message))")
        #expect(result.written)
        #expect(result.agency == "石龙区人民政府办公室")
        let text = try #require(result.text)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" })
    }
}
