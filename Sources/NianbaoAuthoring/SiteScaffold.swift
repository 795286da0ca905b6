import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoTemplates

/// Writes the scaffolds of `nianbao new` and `nianbao init`, refusing to overwrite anything.
public enum SiteScaffold {
    public struct Failure: Error, Sendable {
        public let message: String
    }

    /// What `nianbao new` did to the site's agency list.
    public enum Listing: Equatable, Sendable {
        /// The site has no agencies.yaml (then any report folder is accepted).
        case noList
        /// The slug was listed already, with this name.
        case listed
        /// An entry was added at the end of the list, with this kind.
        case added(kind: String)
    }

    /// `nianbao new`: `content/reports/<year>/<slug>/` with every key at zero and, when the site
    /// has an agency list without this slug, the agency added at its end (comments and order
    /// kept) with `kind`, or the kind `check` assumes for an unlisted agency (本级政府 for a name
    /// ending in 人民政府, else 其他). Nothing is written when anything is wrong. Returns the
    /// folder and what was done to the list.
    public static func newReport(
        agency: String, slug: String, year: Int, content: String, kind: String? = nil
    ) throws(Failure) -> (folder: String, listing: Listing) {
        guard !agency.trimmingCharacters(in: .whitespaces).isEmpty else { throw Failure(message: "机关全称（--agency）不能为空") }
        guard ContentLoader.isValidSlug(slug) else {
            throw Failure(message: "目录名（--slug）「\(slug)」将用作网址，只能由小写英文字母、数字和连字符组成，如 shilong-gov-office")
        }
        guard (2021...9999).contains(year) else {
            throw Failure(message: "年份（--year）应为 2021 年或以后：2021 年以前的报告采用 2019 年试行格式，本工具尚不支持")
        }
        let folder = "\(content)/\(ContentLoader.reportsFolder)/\(year)/\(slug)"
        guard SourceFile.kind(of: folder) == .missing else { throw Failure(message: "「\(folder)」已存在，未做任何改动") }
        let (listing, list) = try listingPlan(agency: agency, slug: slug, content: content, kind: kind)
        let files = ReportScaffold.files(agency: agency, year: year).map { (folder + "/" + $0.name, Data($0.text.utf8)) }
        try write(files)
        if let (path, text) = list {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw Failure(message: "无法写入「\(path)」：\(error.localizedDescription)")
            }
        }
        return (folder, listing)
    }

    /// What adding the agency to agencies.yaml means: the outcome, and the file's new text.
    private static func listingPlan(
        agency: String, slug: String, content: String, kind: String?
    ) throws(Failure) -> (Listing, (path: String, text: String)?) {
        if let kind, !AgencyList.kinds.contains(kind) {
            throw Failure(message: "机关类别（--kind）应为 \(AgencyList.kinds.joined(separator: "、")) 之一，实际为「\(kind)」")
        }
        let path = content + "/" + AgencyList.file
        guard SourceFile.kind(of: path) != .missing else { return (.noList, nil) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw Failure(message: "无法读取「\(path)」") }
        var diagnostics: [Diagnostic] = []
        if let listed = AgencyList.parse(text, path: path, diagnostics: &diagnostics).first(where: { $0.slug == slug }) {
            guard listed.name == agency else {
                throw Failure(message: "「\(slug)」已在 \(path) 中，名称为「\(listed.name)」，与 --agency「\(agency)」不一致；未做任何改动")
            }
            return (.listed, nil)
        }
        let kind = kind ?? AgencyList.kind(of: slug, name: agency, in: nil)
        let entry = "- slug: \(slug)\n  name: \(YAMLText.scalar(agency))\n  kind: \(kind)\n"
        return (.added(kind: kind), (path, text + (text.isEmpty || text.hasSuffix("\n") ? "" : "\n") + entry))
    }

    /// `nianbao init`: a new site in `folder` (which must not exist or be empty): `Content/` with
    /// the example report, and `Templates/` with the default theme to adapt.
    public static func initSite(_ folder: String) throws(Failure) -> [String] {
        switch SourceFile.kind(of: folder) {
        case .file: throw Failure(message: "「\(folder)」是一个文件")
        case .directory:
            if let entries = try? FileManager.default.contentsOfDirectory(atPath: folder), !entries.isEmpty {
                throw Failure(message: "「\(folder)」不是空目录，未做任何改动")
            }
        case .missing: break
        }
        var files: [(String, Data)] = ExampleContent.files.map { ("\(folder)/Content/\($0.0)", $0.1) }
        let theme = Theme.builtIn
        for (name, source) in theme.templates.sorted(by: { $0.key < $1.key }) {
            files.append(("\(folder)/Templates/\(name)\(Theme.templateExtension)", Data(source.utf8)))
        }
        for (name, data) in theme.assets.sorted(by: { $0.key < $1.key }) {
            files.append(("\(folder)/Templates/\(Theme.assetsFolder)\(name)", data))
        }
        try write(files)
        return files.map(\.0)
    }

    private static func write(_ files: [(String, Data)]) throws(Failure) {
        for (path, data) in files {
            let url = URL(fileURLWithPath: path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .withoutOverwriting)
            } catch {
                throw Failure(message: "无法写入「\(path)」：\(error.localizedDescription)")
            }
        }
    }
}
