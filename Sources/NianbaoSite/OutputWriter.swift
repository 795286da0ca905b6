import Foundation
import NianbaoContent
import NianbaoModel

/// A file of the generated site: a path relative to the output folder, and its bytes.
public struct OutputFile: Sendable, Hashable {
    public let path: String
    public let data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}

/// Writes the site into the output folder, and only there. Files whose bytes did not change are
/// left alone; each changed file is written to a temporary name and renamed into place; files
/// that an earlier build wrote and this one did not are removed. A folder that nianbao did not
/// make is never touched.
public enum OutputWriter {
    /// Lists the files of the last build; its presence marks the folder as nianbao's.
    public static let manifestName = ".nianbao-manifest"

    public struct Summary: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0

        public init(written: Int = 0, unchanged: Int = 0, removed: Int = 0) {
            self.written = written
            self.unchanged = unchanged
            self.removed = removed
        }
    }

    public static func write(_ files: [OutputFile], to folder: String) throws(Diagnostic) -> Summary {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        let manifestURL = root.appendingPathComponent(manifestName)
        var previous: [String] = []
        switch SourceFile.kind(of: root.path) {
        case .missing:
            do { try fm.createDirectory(at: root, withIntermediateDirectories: true) } catch {
                throw failure(folder, "无法创建输出目录：\(error.localizedDescription)")
            }
        case .file:
            throw failure(folder, "输出位置是一个文件，不是目录")
        case .directory:
            let entries = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
            if let manifest = try? String(contentsOf: manifestURL, encoding: .utf8) {
                previous = manifest.split(separator: "\n").map(String.init)
            } else if !entries.isEmpty {
                throw failure(folder, "输出目录不是空目录，也不是 nianbao 生成的（缺少 \(manifestName)）；为免覆盖其他文件，拒绝写入。请指定一个新目录或空目录")
            }
        }

        var summary = Summary()
        var paths = Set<String>()
        var folders = Set<String>()
        for file in files {
            guard isSafe(file.path), paths.insert(file.path).inserted else {
                throw failure(folder, "内部错误：输出路径「\(file.path)」无效或重复")
            }
            let url = root.appendingPathComponent(file.path)
            if let existing = fm.contents(atPath: url.path), existing == file.data {
                summary.unchanged += 1
                continue
            }
            do {
                let folder = url.deletingLastPathComponent()
                if folders.insert(folder.path).inserted {
                    try fm.createDirectory(at: folder, withIntermediateDirectories: true)
                }
                try file.data.write(to: url, options: .atomic)
            } catch {
                throw failure(folder + "/" + file.path, "写入失败：\(error.localizedDescription)")
            }
            summary.written += 1
        }

        for stale in previous where !paths.contains(stale) && isSafe(stale) {
            let url = root.appendingPathComponent(stale)
            if (try? fm.removeItem(at: url)) != nil { summary.removed += 1 }
            removeEmptyParents(of: url, below: root)
        }
        let manifest = paths.sorted().joined(separator: "\n") + "\n"
        do { try Data(manifest.utf8).write(to: manifestURL, options: .atomic) } catch {
            throw failure(folder + "/" + manifestName, "写入失败：\(error.localizedDescription)")
        }
        return summary
    }

    /// A relative path with no `..`, no empty or hidden components, no backslashes.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0 != "." && $0 != ".." && !$0.hasPrefix(".")
        }
    }

    private static func removeEmptyParents(of url: URL, below root: URL) {
        var folder = url.deletingLastPathComponent().standardizedFileURL
        while folder.path.count > root.path.count, folder.path.hasPrefix(root.path + "/") {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path), entries.isEmpty else { return }
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent().standardizedFileURL
        }
    }

    private static func failure(_ path: String, _ message: String) -> Diagnostic {
        .error("output.write", at: SourceLocation(file: path, line: 1, column: 1), message)
    }
}
