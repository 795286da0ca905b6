import Foundation
import NianbaoContent
import NianbaoModel

#if canImport(CoreFoundation)
    import CoreFoundation
#endif

public struct ImportOptions: Sendable {
    /// The content folder (holds `reports/`).
    public var content = "Content"
    /// The report folder name; by default the one this agency already has in the content folder.
    public var slug: String?
    /// Overrides the year of the title.
    public var year: Int?
    /// Overrides the agency of the title.
    public var agency: String?
    /// `YYYY-MM-DD`; overrides a date found in the file.
    public var published: String?
    /// Replace an existing report folder.
    public var force = false

    public init() {}
}

/// What importing one file gave.
public struct ImportResult: Sendable {
    /// The file as named by the user, as diagnostics show it.
    public var file: String
    /// The file's text, to quote lines in diagnostics.
    public var text: String?
    /// Notes and errors, located in the imported file.
    public var diagnostics: [Diagnostic] = []
    /// The figures read (located in the imported file); nil when nothing could be imported.
    public var report: Report?
    public var agency: String?
    public var year: Int?
    /// The files of the report folder, in writing order.
    public var files: [(name: String, text: String)] = []
    /// `<content>/reports/<year>/<slug>` once known.
    public var folder: String?
    public var written = false
    public var asPublished = false
    /// What was read, for the summary line.
    public var layouts: [String] = []
    public var figureCounts: [String: Int] = [:]
    public var paragraphs = 0
    public var subheadings = 0

    public var failed: Bool { diagnostics.hasErrors }
    public var title: String? { agency.flatMap { a in year.map { ReportFormat.title(agency: a, year: $0) } } }
}

/// `nianbao import`: one published report (plain text or a saved HTML page) into a report folder.
public enum Importer {
    /// Reads, converts and writes one file.
    public static func run(path: String, options: ImportOptions, claimed: inout [String: String]) -> ImportResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            var result = ImportResult(file: path)
            let exists = SourceFile.kind(of: path)
            result.diagnostics.append(.error(
                "import.file", at: SourceLocation(file: path, line: 1, column: 1),
                exists == .missing ? "文件不存在" : exists == .directory ? "应为文件，实际为目录" : "无法读取文件"))
            return result
        }
        var result = convert(data, file: path, options: options)
        guard !result.failed, let agency = result.agency, let year = result.year else { return result }
        let start = SourceLocation(file: path, line: 1, column: 1)

        // Where it goes.
        let slug: String
        if let given = options.slug {
            slug = given
        } else {
            let known = existingSlugs(agency: agency, content: options.content)
            guard known.count == 1 else {
                let hint = known.isEmpty ? "" : "（内容目录中此机关已有目录 \(known.joined(separator: "、"))）"
                result.diagnostics.append(.error(
                    "import.slug", at: start,
                    "请用 --slug 指定报告目录名\(hint)：目录名用于网址，只能由小写英文字母、数字和连字符组成，如 shilong-gov-office"))
                return result
            }
            slug = known[0]
        }
        guard ContentLoader.isValidSlug(slug) else {
            result.diagnostics.append(.error(
                "import.slug", at: start, "报告目录名「\(slug)」无效：只能由小写英文字母、数字和连字符组成，且不以连字符开头或结尾，如 shilong-gov-office"))
            return result
        }
        let folder = "\(options.content)/\(ContentLoader.reportsFolder)/\(year)/\(slug)"
        result.folder = folder
        if let other = claimed[folder] {
            result.diagnostics.append(.error("import.exists", at: start, "与「\(other)」导入到同一个报告目录 \(folder)/；请用 --slug 或 --year 区分"))
            return result
        }
        claimed[folder] = path
        if SourceFile.kind(of: folder) != .missing, !options.force {
            result.diagnostics.append(.error("import.exists", at: start, "报告目录 \(folder)/ 已存在，未写入任何文件；如要用本次导入的内容覆盖，请加 --force"))
            return result
        }

        // Write: the files of this import; with --force, files of an earlier import that this one lacks go.
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let produced = Set(result.files.map(\.name))
            for name in [ContentLoader.reportFile] + ReportFormat.narrativeFiles where !produced.contains(name) {
                if SourceFile.kind(of: folder + "/" + name) == .file { try FileManager.default.removeItem(atPath: folder + "/" + name) }
            }
            for (name, text) in result.files {
                try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name), options: .atomic)
            }
            result.written = true
        } catch {
            result.diagnostics.append(.error("import.write", at: SourceLocation(file: folder, line: 1, column: 1), "无法写入报告目录：\(error.localizedDescription)"))
        }
        return result
    }

    /// Slugs under which the content folder already holds reports of `agency` (other years).
    static func existingSlugs(agency: String, content: String) -> [String] {
        let reports = content + "/" + ContentLoader.reportsFolder
        var slugs = Set<String>()
        for year in (try? FileManager.default.contentsOfDirectory(atPath: reports)) ?? [] {
            for slug in (try? FileManager.default.contentsOfDirectory(atPath: reports + "/" + year)) ?? [] {
                guard let text = try? String(contentsOfFile: "\(reports)/\(year)/\(slug)/\(ContentLoader.reportFile)", encoding: .utf8)
                else { continue }
                for line in text.split(separator: "\n") where line.hasPrefix("agency:") {
                    var value = line.dropFirst("agency:".count)
                    if let hash = value.range(of: " #") { value = value[..<hash.lowerBound] }
                    let name = value.trimmingSpaces.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                    if name == agency { slugs.insert(slug) }
                }
            }
        }
        return slugs.sorted()
    }

    // MARK: Converting (no file system)

    /// The report folder's files from the bytes of a published report, with every note.
    public static func convert(_ data: Data, file: String, options: ImportOptions) -> ImportResult {
        var conversion = Conversion(file: file, options: options)
        conversion.run(data)
        var result = conversion.result
        result.diagnostics = conversion.notes.notes.map(\.diagnostic) + result.diagnostics
        return result
    }

    /// GB18030 (a superset of GBK and GB2312): 0x0632 is `kCFStringEncodingGB_18030_2000`.
    static let gb18030 = String.Encoding(rawValue: CFStringConvertEncodingToNSStringEncoding(0x0632))

    /// By the name (`.html`, `.htm`…) or, failing that, by the start of the text.
    static func isHTMLFile(_ file: String, _ text: String) -> Bool {
        let ext = URL(fileURLWithPath: file).pathExtension.lowercased()
        if ["html", "htm", "shtml", "xhtml"].contains(ext) { return true }
        if ["txt", "text", "md"].contains(ext) { return false }
        let head = text.prefix(4096).lowercased()
        return head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") || head.contains("<table")
    }
}
