import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// What the index pages need of a report, and what tells whether its page must be rendered again.
/// A class: a site-wide build sorts and groups tens of thousands of them, which then moves one
/// reference each instead of four strings.
public final class ReportSummary: Sendable, Hashable {
    public let slug: String
    public let year: Int
    public let agency: String
    /// `YYYY-MM-DD`
    public let published: String
    public let inputHash: ContentHash
    /// `ReportFigures.encoded`: decoded only by the pages that need the figures (a build that
    /// changes nothing never decodes them).
    public let figuresText: String

    public init(slug: String, year: Int, agency: String, published: String, inputHash: ContentHash, figuresText: String) {
        self.slug = slug
        self.year = year
        self.agency = agency
        self.published = published
        self.inputHash = inputHash
        self.figuresText = figuresText
        var data = ContentHash(slug)
        for part in [String(year), agency, published, figuresText] { data.combine(part) }
        dataHash = data
    }

    /// Everything the index pages and data files take from this report (not its narrative): a
    /// change to the narrative alone renders only the report's own page.
    public let dataHash: ContentHash

    public static func == (a: ReportSummary, b: ReportSummary) -> Bool {
        a === b || (a.slug == b.slug && a.year == b.year && a.agency == b.agency && a.published == b.published
            && a.inputHash == b.inputHash && a.figuresText == b.figuresText)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(dataHash)
        hasher.combine(inputHash)
    }

    /// - Parameters:
    ///   - figures: `ReportFigures(report)`, when the caller has them already.
    ///   - inputHash: `ReportInputs.hash` of the files the report was read from.
    public convenience init(_ report: Report, figures: ReportFigures? = nil, inputHash: ContentHash) {
        self.init(slug: report.slug, year: report.year, agency: report.agency?.value ?? report.slug,
                  published: report.published?.value.description ?? "", inputHash: inputHash,
                  figuresText: (figures ?? ReportFigures(report)).encoded)
    }

    public var figures: ReportFigures { ReportFigures(encoded: figuresText) ?? ReportFigures() }

    public var title: String { ReportFormat.title(agency: agency, year: year) }
    public var key: String { "\(year)/\(slug)" }
}
