import Foundation
import NianbaoContent

/// Many files at once (`nianbao import DIR/*`, or a folder): every file imported in the order of
/// its path, whatever the order given, a bad file noted and passed over; then one table, a row
/// per file, printed and written as CSV (`--summary`), for a supervising office to see at once
/// which reports need a look.
public enum ImportSummary {
    /// The extensions taken from a folder given as an argument.
    static let extensions: Set<String> = ["txt", "text", "md", "html", "htm", "shtml", "xhtml", "docx", "docm", "doc", "wps", "pdf"]

    /// The files to import: each argument, a folder's files of a report kind (not hidden, not
    /// in subfolders) in its place; sorted by path, each once.
    public static func files(_ arguments: [String]) -> [String] {
        var out: Set<String> = []
        for argument in arguments {
            guard SourceFile.kind(of: argument) == .directory else {
                out.insert(argument)
                continue
            }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? [] where !name.hasPrefix(".") {
                let path = (argument.hasSuffix("/") ? argument : argument + "/") + name
                if extensions.contains(URL(fileURLWithPath: name).pathExtension.lowercased()), SourceFile.kind(of: path) == .file {
                    out.insert(path)
                }
            }
        }
        return out.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Imports every file (`files` order), one after the other.
    public static func run(_ arguments: [String], options: ImportOptions, each: (ImportResult) -> Void = { _ in }) -> [ImportResult] {
        var claimed: [String: String] = [:]
        return files(arguments).map { file in
            let result = Importer.run(path: file, options: options, claimed: &claimed)
            each(result)
            return result
        }
    }

    public static let header = ["文件", "机关", "年度", "读入数字", "需核对", "结果"]

    /// A row per result: the file, agency, year, figures read, notes to check, and the outcome.
    public static func rows(_ results: [ImportResult]) -> [[String]] {
        results.map { result in
            let figures = result.figureCounts.values.reduce(0, +)
            let notes = result.diagnostics.filter { $0.severity != .error }.count
            let outcome: String
            if result.written, let folder = result.folder {
                outcome = (result.asPublished ? "已导入（原文数字不符合勾稽关系，照录）→ " : "已导入 → ") + folder + "/"
            } else {
                let reason = result.diagnostics.first { $0.severity == .error }?.message ?? "未写入"
                outcome = "未导入：" + reason
            }
            return [result.file, result.agency ?? "", result.year.map(String.init) ?? "", String(figures), String(notes), outcome]
        }
    }

    /// The rows as CSV (RFC 4180, CRLF line ends), with a byte-order mark so that Excel on a
    /// Chinese Windows reads it as UTF-8.
    public static func csv(_ results: [ImportResult]) -> String {
        func field(_ s: String) -> String {
            s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" } ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return "\u{FEFF}" + ([header] + rows(results)).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// The rows as a text table: columns padded to the widest cell (CJK characters two columns
    /// wide), the outcome last and unpadded; and a line of totals.
    public static func table(_ results: [ImportResult]) -> String {
        let all = [header] + rows(results).map { row in row.enumerated().map { $0.offset == 5 && $0.element.count > 60 ? String($0.element.prefix(60)) + "…" : $0.element } }
        func width(_ s: String) -> Int { s.reduce(0) { $0 + (PDFLine.isCJK($1) ? 2 : 1) } }
        let widths = (0..<header.count).map { c in all.map { width($0[c]) }.max() ?? 0 }
        var lines = all.map { row in
            row.enumerated().map { c, cell in c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - width(cell)) }
                .joined(separator: "  ")
        }
        let written = results.filter(\.written).count
        lines.append("共 \(results.count) 个文件：已导入 \(written) 个，未导入 \(results.count - written) 个；需核对 \(results.filter { $0.written && !$0.diagnostics.isEmpty }.count) 份已导入的报告。")
        return lines.joined(separator: "\n") + "\n"
    }
}
