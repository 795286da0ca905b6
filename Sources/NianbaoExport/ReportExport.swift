import Foundation
import NianbaoContent
import NianbaoModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `nianbao export`: report folders → Word documents. Every folder is loaded and checked as
/// `check` checks it first; if any has an error, nothing is written. Each document is written
/// to a temporary name in its folder and renamed over the target, so an existing file is
/// replaced whole or not at all.
public enum ReportExport {
    public struct Outcome: Sendable {
        /// Findings of the reports (and problems with the folders or the output).
        public var diagnostics: [Diagnostic] = []
        /// File texts, to quote lines in diagnostics.
        public var sources: [String: String] = [:]
        /// Per report written: its title and the file.
        public var written: [(title: String, path: String)] = []
        public var reports = 0
        public var failed: Bool { diagnostics.hasErrors }
    }

    /// Exports `folders` (each `…/reports/<year>/<slug>`) into `output`: a `.docx` file for one
    /// report, or a folder (made if missing) that receives `<slug>-<year>.docx` per report.
    public static func run(folders: [String], output: String, reference: ReferenceDocument) -> Outcome {
        var outcome = Outcome()
        let toFolder = isFolderOutput(output)
        if folders.count > 1, !toFolder {
            outcome.diagnostics.append(.error("export.output", at: SourceLocation(file: output, line: 1, column: 1),
                                              "导出多份报告时，-o 应为目录（每份报告写入「<目录名>-<年度>.docx」），而不是一个 .docx 文件"))
            return outcome
        }
        var reports: [(Report, String)] = []
        var targets: [String: String] = [:]
        for folder in folders {
            guard let report = load(folder, into: &outcome) else { continue }
            outcome.reports += 1
            let target = toFolder ? (output as NSString).appendingPathComponent(WordExport.fileName(for: report)) : output
            if let other = targets[target] {
                outcome.diagnostics.append(.error("export.output", at: SourceLocation(file: folder, line: 1, column: 1),
                                                  "与「\(other)」导出到同一个文件 \(target)"))
            }
            targets[target] = folder
            reports.append((report, target))
        }
        guard !outcome.failed else { return outcome }
        for (report, target) in reports {
            do {
                let data = try WordExport.document(for: report, reference: reference)
                try replace(target, with: data, makeFolder: toFolder)
                outcome.written.append((report.title, target))
            } catch {
                outcome.diagnostics.append(.error("export.write", at: SourceLocation(file: target, line: 1, column: 1),
                                                  "无法写入 Word 文档：\(error.localizedDescription)"))
                return outcome
            }
        }
        return outcome
    }

    /// A folder if it exists as one, or if it does not end in `.docx`; several reports need one.
    static func isFolderOutput(_ output: String) -> Bool {
        if SourceFile.kind(of: output) == .directory { return true }
        return !output.lowercased().hasSuffix(".docx")
    }

    /// One report folder, its year and slug from its path, checked like `check` checks it.
    static func load(_ folder: String, into outcome: inout Outcome) -> Report? {
        let trimmed = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        let url = URL(fileURLWithPath: trimmed)
        let start = SourceLocation(file: trimmed, line: 1, column: 1)
        guard SourceFile.kind(of: trimmed) == .directory else {
            outcome.diagnostics.append(.error("export.folder", at: start, "报告目录不存在（应为 …/reports/<年度>/<目录名>）"))
            return nil
        }
        let slug = url.lastPathComponent
        guard let year = Int(url.deletingLastPathComponent().lastPathComponent), ContentLoader.isValidSlug(slug) else {
            outcome.diagnostics.append(.error("export.folder", at: start,
                                              "不是报告目录：应为 …/reports/<年度>/<目录名>，如 Content/reports/2024/shilong-gov-office"))
            return nil
        }
        let (report, diagnostics, sources) = ContentLoader.checkedReport(trimmed, slug: slug, year: year, keepNarrative: true)
        outcome.diagnostics += diagnostics
        outcome.sources.merge(sources) { a, _ in a }
        return report
    }

    /// Writes `data` to a temporary file beside `path`, then renames it over `path`.
    static func replace(_ path: String, with data: Data, makeFolder: Bool) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        if makeFolder { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
