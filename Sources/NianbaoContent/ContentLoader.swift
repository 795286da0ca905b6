import Foundation
import NianbaoModel

/// Everything read from a content folder.
public struct Content: Sendable {
    public var site: SiteConfig?
    /// Reports sorted by year (newest first), then slug.
    public var reports: [Report]
    /// Text of every file read, by the path shown in diagnostics, for quoting source lines.
    public var sources: [String: String]
}

/// Reads `Content/`: `site.yaml` and `reports/<year>/<slug>/{report.yaml, *.md}`.
public enum ContentLoader {
    public static let reportFile = "report.yaml"
    public static let siteFile = "site.yaml"
    public static let reportsFolder = "reports"

    /// A report folder found under `reports/<year>/<slug>/`.
    public struct ReportFolder: Sendable, Hashable {
        /// As shown in diagnostics, e.g. `Content/reports/2024/x`.
        public let path: String
        public let slug: String
        public let year: Int
        /// `2024/x`: the folder's stable key.
        public let key: String

        public init(path: String, slug: String, year: Int) {
            self.path = path
            self.slug = slug
            self.year = year
            key = "\(year)/\(slug)"
        }
    }

    /// What a content folder holds besides the reports' contents: the site configuration, the
    /// agency list and the report folders, with the diagnostics of the layout itself.
    public struct Discovery: Sendable {
        public var site: SiteConfig?
        /// The texts of the site-wide files (`site.yaml`, then `agencies.yaml`): every page depends on them.
        public var configTexts: [String] = []
        public var folders: [ReportFolder] = []
        public var agencies: [Agency] = []
        /// The agency list by slug, or nil when the site has no agencies.yaml (then any folder is accepted).
        public var agencyIndex: [String: Agency]? = nil
        public var diagnostics: [Diagnostic] = []
        public var sources: [String: String] = [:]
        /// agencies.yaml's path and text until its entries are parsed (`parseAgencies`) or given
        /// (`useAgencies`, from a build's record of them).
        public internal(set) var unparsedAgencies: (path: String, text: String)?

        /// Reads the entries of agencies.yaml (once), adding its diagnostics.
        public mutating func parseAgencies() {
            guard let (path, text) = unparsedAgencies else { return }
            useAgencies(AgencyList.parse(text, path: path, diagnostics: &diagnostics))
        }

        /// The entries of agencies.yaml as a earlier parse of the same text gave them.
        public mutating func useAgencies(_ list: [Agency]) {
            unparsedAgencies = nil
            agencies = list
            agencyIndex = Dictionary(list.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// - Parameter parseAgencies: false leaves the agency list to `Discovery.parseAgencies()`
    ///   (a build that finds nothing changed never needs it).
    public static func discover(_ folder: String, parseAgencies: Bool = true) -> Discovery {
        var found = Discovery()
        let root = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        guard SourceFile.kind(of: root) == .directory else {
            found.diagnostics.append(.error(
                "file.missing", at: SourceLocation(file: root, line: 1, column: 1),
                SourceFile.kind(of: root) == .missing ? "内容目录不存在" : "内容目录应为目录，实际为文件"))
            return found
        }

        // site.yaml
        let sitePath = root + "/" + siteFile
        switch SourceFile.read(sitePath, display: sitePath) {
        case .failure(let d): found.diagnostics.append(d)
        case .success(let text):
            found.sources[sitePath] = text
            found.configTexts.append(text)
            var reader = YAMLReader(file: sitePath)
            if let node = reader.parse(text) { found.site = SiteConfig.decode(node, reader: &reader) }
            found.diagnostics += reader.diagnostics
        }

        // agencies.yaml: its text now (every page depends on it), its entries when asked
        let agenciesPath = root + "/" + AgencyList.file
        if let text = AgencyList.read(agenciesPath, sources: &found.sources, diagnostics: &found.diagnostics) {
            found.configTexts.append(text)
            found.unparsedAgencies = (agenciesPath, text)
        }
        if parseAgencies { found.parseAgencies() }

        // reports/<year>/<slug>/
        let reportsPath = root + "/" + reportsFolder
        guard let years = FolderScan.entries(reportsPath) else {
            found.diagnostics.append(.error("file.missing", at: SourceLocation(file: reportsPath, line: 1, column: 1), "目录不存在或无法读取"))
            return found
        }
        // The year folders, each with where its folders' diagnostics go among the years' own.
        var yearFolders: [(year: Int, name: String, path: String, at: Int)] = []
        let before = found.diagnostics.count
        for yearEntry in years {
            let yearName = yearEntry.name
            let yearPath = reportsPath + "/" + yearName
            guard yearEntry.isDirectory else {
                found.diagnostics.append(.warning(
                    "content.layout", at: SourceLocation(file: yearPath, line: 1, column: 1),
                    "reports/ 下应只有年份目录（如 reports/2024/），此文件被忽略"))
                continue
            }
            guard yearName.count == 4, yearName.allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(yearName),
                year >= 2021
            else {
                let hint = Int(yearName).map { $0 < 2021 && $0 >= 1990 ? "；2021 年以前的报告采用 2019 年试行格式，本工具尚不支持" : "" } ?? ""
                found.diagnostics.append(.error(
                    "content.layout", at: SourceLocation(file: yearPath, line: 1, column: 1),
                    "年份目录名应为 2021 年及以后的四位年份，如 2024\(hint)"))
                continue
            }
            yearFolders.append((year, yearName, yearPath, found.diagnostics.count))
        }
        // Each year's folder listed on its own core: a site lists tens of thousands of folders on every build.
        let listed = Parallel.map(yearFolders.count) { n in reportFolders(year: yearFolders[n].year, name: yearFolders[n].name, path: yearFolders[n].path) }
        var diagnostics = Array(found.diagnostics[..<before])
        var next = before
        for (yearFolder, (yearDiagnostics, folders)) in zip(yearFolders, listed) {
            diagnostics += found.diagnostics[next..<yearFolder.at] + yearDiagnostics
            next = yearFolder.at
            found.folders += folders
        }
        found.diagnostics = diagnostics + found.diagnostics[next...]
        return found
    }

    /// The report folders of one year's folder, with the diagnostics of what else it holds.
    static func reportFolders(year: Int, name yearName: String, path yearPath: String) -> ([Diagnostic], [ReportFolder]) {
        var diagnostics: [Diagnostic] = []
        var folders: [ReportFolder] = []
        for slugEntry in FolderScan.entries(yearPath) ?? [] {
            let slug = slugEntry.name
            let folderPath = yearPath + "/" + slug
            guard slugEntry.isDirectory else {
                diagnostics.append(.warning(
                    "content.layout", at: SourceLocation(file: folderPath, line: 1, column: 1),
                    "年份目录下应只有各机关的报告目录（如 reports/\(yearName)/shilong-gov-office/），此文件被忽略"))
                continue
            }
            guard isValidSlug(slug) else {
                diagnostics.append(.error(
                    "report.slug", at: SourceLocation(file: folderPath, line: 1, column: 1),
                    "报告目录名「\(slug)」将用作网址，只能由小写英文字母、数字和连字符组成，如 shilong-gov-office"))
                continue
            }
            folders.append(ReportFolder(path: folderPath, slug: slug, year: year))
        }
        return (diagnostics, folders)
    }

    /// Loads the folder and returns the content with every diagnostic found while reading it
    /// and every rule. Never throws: problems are diagnostics. Reports are read in parallel.
    ///
    /// - Parameter keepNarrative: keep each report's Markdown in `Report.narrative`. A build
    ///   passes false: the narrative is checked here, then dropped, and read again when its page
    ///   is rendered, so memory does not grow with the size of the narrative. `sources` then
    ///   holds only the files that have diagnostics.
    public static func load(_ folder: String, keepNarrative: Bool = true) -> (Content, [Diagnostic]) {
        let found = discover(folder)
        var diagnostics = found.diagnostics
        var sources = found.sources
        let loaded = loadReports(found.folders, keepNarrative: keepNarrative, agencies: found.agencyIndex)
        var reports: [Report] = []
        reports.reserveCapacity(loaded.count)
        for (report, reportDiagnostics, files) in loaded {
            diagnostics += reportDiagnostics
            sources.merge(files) { a, _ in a }
            if let report { reports.append(report) }
        }
        reports.sort(by: displayOrder)
        diagnostics += CrossReportRules.check(reports, governments: governments(found.agencies, reports))
        // A government's figures against the sum of its bodies': here only, where every report is whole.
        let covers = Dictionary(found.agencies.filter { !$0.covers.isEmpty }.map { ($0.slug, $0.covers) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(found.agencies.map { ($0.slug, $0.name) }, uniquingKeysWith: { a, _ in a })
        diagnostics += AggregateRules.check(reports, covers: covers, names: names)
        // A report repeating last year's: here only, where the narrative of every report is at hand.
        if keepNarrative { diagnostics += CopyRules.check(reports) }
        if !keepNarrative {
            let quoted = Set(diagnostics.compactMap(\.location?.file))
            sources = sources.filter { quoted.contains($0.key) }
        }
        return (Content(site: found.site, reports: reports, sources: sources), diagnostics)
    }

    /// Newest year first, then by slug.
    public static func displayOrder(_ a: Report, _ b: Report) -> Bool {
        (a.year, b.slug) > (b.year, a.slug)
    }

    /// Report folders read and checked in parallel, in the given order.
    public static func loadReports(
        _ folders: [ReportFolder], keepNarrative: Bool, agencies: [String: Agency]? = nil
    ) -> [(Report?, [Diagnostic], [String: String])] {
        Parallel.map(folders.count) { i in
            checkedReport(folders[i].path, slug: folders[i].slug, year: folders[i].year, keepNarrative: keepNarrative, agencies: agencies)
        }
    }

    /// Slugs whose reports are a government's own (due 31 March): `kind: 本级政府` in the agency
    /// list, or without a list, an agency whose name ends in 人民政府.
    public static func governments(_ agencies: [Agency], _ reports: [Report]) -> Set<String> {
        let list = agencies.isEmpty ? nil : Dictionary(agencies.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        return Set(reports.filter {
            AgencyList.kind(of: $0.slug, name: $0.agency?.value ?? "", in: list) == AgencyList.governmentKind
        }.map(\.slug))
    }

    /// One report folder with every rule that needs only this report; runs on any thread.
    public static func checkedReport(
        _ folder: String, slug: String, year: Int, keepNarrative: Bool, agencies: [String: Agency]? = nil
    ) -> (Report?, [Diagnostic], [String: String]) {
        var sources: [String: String] = [:]
        var (report, diagnostics) = loadReport(folder, slug: slug, year: year, sources: &sources)
        if let r = report {
            if let agencies { diagnostics += AgencyList.check(r, against: agencies) }
            diagnostics += NarrativeRules.check(r)
            diagnostics += emptyNarrative(r)
        }
        if !keepNarrative {
            report?.narrative = [:]
            let quoted = Set(diagnostics.compactMap(\.location?.file))
            sources = sources.filter { quoted.contains($0.key) }
        }
        return (report, diagnostics, sources)
    }

    /// One report folder. The report is returned even with errors (as far as it could be read).
    public static func loadReport(
        _ folder: String, slug: String, year: Int, sources: inout [String: String]
    ) -> (Report?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var report = Report(slug: slug, year: year, folder: folder)
        let yamlPath = folder + "/" + reportFile
        switch SourceFile.read(yamlPath, display: yamlPath) {
        case .failure(let d):
            diagnostics.append(d)
        case .success(let text):
            sources[yamlPath] = text
            let decoded = ReportDecoder.decode(text, file: yamlPath, into: report)
            report = decoded.report
            diagnostics += decoded.diagnostics
        }

        let required = Set(ReportFormat.sections.compactMap(\.file))
        for name in ReportFormat.narrativeFiles {
            let path = folder + "/" + name
            switch SourceFile.read(path, display: path) {
            case .failure(let d) where d.rule == "file.missing" && !required.contains(name):
                continue
            case .failure(let d):
                let section = ReportFormat.sections.first { $0.file == name }
                let message = section.map { "\(d.message)：「\($0.heading)」的正文应写在此文件中" } ?? d.message
                diagnostics.append(Diagnostic(d.severity, rule: d.rule, at: d.location, message))
            case .success(let text):
                sources[path] = text
                report.narrative[name] = text
            }
        }

        // Files the loader would silently ignore are most likely misspelt.
        let known = [reportFile] + ReportFormat.narrativeFiles
        var ignored: [Diagnostic] = []
        for name in listing(folder, diagnostics: &ignored) where !known.contains(name) {
            var message = "未知的文件「\(name)」，构建时将被忽略"
            if let guess = Suggestion.closest(to: name, in: known) { message += "；是否应为「\(guess)」？" }
            diagnostics.append(.warning("file.unknown", at: SourceLocation(file: folder + "/" + name, line: 1, column: 1), message))
        }

        let findings = Rules.check(report)
        diagnostics += report.asPublished ? Rules.asPublished(findings) : findings
        return (report, diagnostics)
    }

    /// `narrative.empty`: a section file with no text besides headings and comments.
    static func emptyNarrative(_ report: Report) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for section in ReportFormat.sections {
            guard let file = section.file, let text = report.narrative[file] else { continue }
            if hasBodyLine(text) { continue }
            var visible = text
            while let start = visible.range(of: "<!--") {
                let end = visible[start.upperBound...].range(of: "-->")?.upperBound ?? visible.endIndex
                visible.removeSubrange(start.lowerBound..<end)
            }
            let body = visible.split(separator: "\n").filter { !$0.trimmingWhitespace.hasPrefix("#") }
            if body.allSatisfy({ $0.trimmingWhitespace.isEmpty }) {
                out.append(.warning(
                    "narrative.empty", at: SourceLocation(file: report.folder + "/" + file, line: 1, column: 1),
                    "「\(section.heading)」还没有正文"))
            }
        }
        return out
    }

    /// Quick test: a line that is neither blank, nor a heading, nor starts a comment.
    static func hasBodyLine(_ text: String) -> Bool {
        var atLineStart = true
        var lineFirst: UInt8 = 0
        var insideComment = false
        var previous: [UInt8] = []
        for byte in text.utf8 {
            // Track `<!--` … `-->` so that text inside a comment does not count.
            previous.append(byte)
            if previous.count > 4 { previous.removeFirst() }
            if previous.suffix(4) == [0x3C, 0x21, 0x2D, 0x2D] { insideComment = true }
            if insideComment, previous.suffix(3) == [0x2D, 0x2D, 0x3E] { insideComment = false; continue }
            if byte == 0x0A { atLineStart = true; lineFirst = 0; continue }
            if atLineStart {
                if byte == 0x20 || byte == 0x09 || byte == 0x0D { continue }
                atLineStart = false
                lineFirst = byte
            }
            if !insideComment, lineFirst != 0x23, lineFirst != 0x3C { return true }
        }
        return false
    }

    /// Visible entries of a folder, sorted; a missing folder is reported.
    static func listing(_ path: String, diagnostics: inout [Diagnostic]) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            diagnostics.append(.error("file.missing", at: SourceLocation(file: path, line: 1, column: 1), "目录不存在或无法读取"))
            return []
        }
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Lowercase ASCII letters, digits and `-`, not at either end.
    public static func isValidSlug(_ slug: String) -> Bool {
        let bytes = slug.utf8
        guard let first = bytes.first, let last = bytes.last, first != 0x2D, last != 0x2D else { return false }
        return bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}
