import Foundation
import NianbaoContent
import NianbaoExport
@testable import NianbaoSite
import Testing

/// `downloads: [docx]` in site.yaml: `report.docx` beside each report page, made by the Word export.
@Suite struct DocxDownloadTests {
    static let page = "Site/2024/shilong-gov-office/"

    @Test func theSitePublishesTheWordDocumentWhenAsked() throws {
        let content = Fixture.site()
        let out = TempDir()
        let options = SiteBuilder.Options(content: content.path, templates: Repo.templates, output: out.path + "/Site")
        #expect(SiteBuilder.build(options).succeeded)
        #expect(!FileManager.default.fileExists(atPath: out.path + "/" + Self.page + "report.docx"))  // off by default

        content.write("site.yaml", content.read("site.yaml") + "downloads: [docx]\n")
        let on = SiteBuilder.build(options)
        #expect(on.succeeded, "\(on.diagnostics)")
        let docx = try #require(FileManager.default.contents(atPath: out.path + "/" + Self.page + "report.docx"))
        // The export's bytes for the report as loaded, with the built-in reference.
        let folder = content.path + "/reports/2024/shilong-gov-office"
        let report = try #require(ContentLoader.checkedReport(folder, slug: "shilong-gov-office", year: 2024, keepNarrative: true).0)
        let expected = try WordExport.document(for: report)
        #expect(docx == expected)
        #expect(out.read(Self.page + "index.html").contains(#"<a href="report.docx" type="application/vnd.openxmlformats-officedocument.wordprocessingml.document">Word 文档（\#(OpenData.size(docx.count))）</a>"#))
        #expect(out.read("Site/.nianbao-manifest").contains("2024/shilong-gov-office/report.docx"))

        // A narrative edit makes it again, incrementally.
        content.write("reports/2024/shilong-gov-office/other.md", content.read("reports/2024/shilong-gov-office/other.md") + "\n新增的一段说明。\n")
        let edited = SiteBuilder.build(options)
        #expect(edited.succeeded && edited.incremental)
        let again = try #require(FileManager.default.contents(atPath: out.path + "/" + Self.page + "report.docx"))
        let now = try #require(ContentLoader.checkedReport(folder, slug: "shilong-gov-office", year: 2024, keepNarrative: true).0)
        let expectedNow = try WordExport.document(for: now)
        #expect(again != docx && again == expectedNow)

        // A report gone, incrementally: its Word document too.
        try FileManager.default.copyItem(atPath: folder, toPath: content.path + "/reports/2023/shilong-gov-office")
        content.write("reports/2023/shilong-gov-office/report.yaml", Fixture.seedYAML.replacingOccurrences(of: "year: 2024", with: "year: 2023"))
        #expect(SiteBuilder.build(options).succeeded)
        #expect(FileManager.default.fileExists(atPath: out.path + "/Site/2023/shilong-gov-office/report.docx"))
        try FileManager.default.removeItem(atPath: content.path + "/reports/2023/shilong-gov-office")
        let removed = SiteBuilder.build(options)
        #expect(removed.succeeded && removed.incremental)
        #expect(!FileManager.default.fileExists(atPath: out.path + "/Site/2023/shilong-gov-office/report.docx"))

        // Turned off: gone from the site and its manifest.
        content.write("site.yaml", content.read("site.yaml").replacingOccurrences(of: "downloads: [docx]\n", with: ""))
        #expect(SiteBuilder.build(options).succeeded)
        #expect(!FileManager.default.fileExists(atPath: out.path + "/" + Self.page + "report.docx"))
        #expect(!out.read(Self.page + "index.html").contains("report.docx"))
    }

    @Test func aReferenceThatIsNotAWordDocumentStopsTheBuild() throws {
        let content = Fixture.site()
        content.write("site.yaml", content.read("site.yaml") + "downloads: [docx]\n")
        let templates = TempDir()
        templates.write("reference.docx", "not a zip")
        let out = TempDir()
        let result = SiteBuilder.build(.init(content: content.path, templates: templates.path, output: out.path + "/Site"))
        #expect(!result.succeeded)
        let error = try #require(result.diagnostics.first { $0.rule == "export.reference" })
        #expect(error.location?.file.hasSuffix("reference.docx") == true && error.message.contains("reference.docx"))
        #expect(!FileManager.default.fileExists(atPath: out.path + "/Site"))
    }
}
