import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// A stage filled with every file of the new generation: each compared with what the stage holds
/// (the generation before last, when its manifest says so), written only where it differs,
/// linked from the output where the output has it; files the stage has but this generation does
/// not are removed at commit.
final class FullStage: OutputStage, @unchecked Sendable {
    let incremental = false
    private let folder: StageFolder
    /// The output's files and their hashes (empty for a new output).
    let previous: [String: ContentHash]
    /// The text of the output's manifest, to tie the build state to it.
    let previousManifestText: String?
    /// The stage's files, when its manifest was there (else empty: a new stage).
    private let staged: [String: ContentHash]
    private var desired: [String: ContentHash] = [:]
    private var summary = OutputWriter.Summary()
    private let lock = NSLock()
    private(set) var journal: Journal?
    private(set) var fileCount = 0

    /// Prepares the stage. Throws (a diagnostic) when the output is not nianbao's or cannot be used.
    init(output path: String, atomicExchange: Bool = true) throws(Diagnostic) {
        let fm = FileManager.default
        let stateFolder = OutputWriter.stateFolder(for: path)
        let stage = stateFolder.appendingPathComponent("stage", isDirectory: true)
        let output = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        switch SourceFile.kind(of: output.path) {
        case .file:
            throw StageFolder.failure(path, "输出位置是一个文件，不是目录")
        case .missing:
            previous = [:]
            previousManifestText = nil
        case .directory:
            let text = try? String(contentsOf: output.appendingPathComponent(OutputWriter.manifestName), encoding: .utf8)
            let entries = (try? fm.contentsOfDirectory(atPath: output.path)) ?? []
            if text == nil, !entries.isEmpty {
                throw StageFolder.failure(path, "输出目录不是空目录，也不是 nianbao 生成的（缺少 \(OutputWriter.manifestName)）；为免覆盖其他文件，拒绝写入。请指定一个新目录或空目录")
            }
            previous = text.map(OutputManifest.parse) ?? [:]
            previousManifestText = text
        }

        // The stage: trusted only with its manifest (written last by a completed build).
        let stageManifest = try? String(contentsOf: stage.appendingPathComponent(OutputWriter.manifestName), encoding: .utf8)
        do {
            if let stageManifest {
                staged = OutputManifest.parse(stageManifest)
            } else {
                staged = [:]
                if fm.fileExists(atPath: stage.path) { try fm.removeItem(at: stage) }
                try fm.createDirectory(at: stage, withIntermediateDirectories: true)
            }
        } catch {
            throw StageFolder.failure(stateFolder.path, "无法准备暂存目录：\(error.localizedDescription)")
        }
        folder = StageFolder(output: path, atomicExchange: atomicExchange, manifestText: stageManifest)
    }

    func holds(_ path: String, _ content: ContentHash) -> Bool { previous[path] == content }

    func begin() throws(Diagnostic) {}

    func put(_ path: String, _ data: Data) throws(Diagnostic) {
        guard record(path, data.withUnsafeBytes { ContentHash($0) }) else { return }
        try folder.write(path, data)
    }

    func putStreaming(_ path: String, _ fill: (_ write: (UnsafeRawBufferPointer) -> Void) -> Void) throws(Diagnostic) -> (ContentHash, Int) {
        try folder.stream(path, fill) { record(path, $0) }
    }

    func keep(_ path: String, _ hash: ContentHash) throws(Diagnostic) {
        guard record(path, hash) else { return }
        try folder.link(path)
    }

    /// Never called: what a full build does not produce goes at commit.
    func remove(_ path: String) throws(Diagnostic) {
        preconditionFailure("a full stage removes at commit what the build did not produce: \(path)")
    }

    func sizeInOutput(_ path: String) -> Int? { folder.sizeInOutput(path) }

    /// Notes the file as part of the new generation; false when the stage already has these bytes.
    private func record(_ path: String, _ hash: ContentHash) -> Bool {
        precondition(OutputManifest.isSafe(path), "unsafe output path \(path)")
        lock.lock()
        defer { lock.unlock() }
        precondition(desired[path] == nil, "output \(path) produced twice")
        desired[path] = hash
        if previous[path] == hash { summary.unchanged += 1 } else { summary.written += 1 }
        return staged[path] != hash
    }

    func commit() throws(Diagnostic) -> OutputWriter.Summary {
        // Files of the stage's generation that this one does not have.
        let extra = staged.keys.filter { desired[$0] == nil }.sortedByBytes()
        do {
            if !extra.isEmpty { try folder.willChange() }
        } catch {
            throw StageFolder.failure(folder.stagePath, "无法更新暂存目录：\(error.localizedDescription)")
        }
        for path in extra {
            let url = folder.stage.appendingPathComponent(path)
            try? FileManager.default.removeItem(at: url)
            folder.removeEmptyFolders(from: url.deletingLastPathComponent())
        }
        summary.removed = previous.keys.filter { desired[$0] == nil }.count
        if folder.manifestText == nil {
            try folder.writeManifest(Data(manifestText.utf8))
        }
        fileCount = desired.count
        if desired == previous, previousManifestText != nil {  // nothing changed: the output stays
            journal = Journal(output: manifestHash, stage: folder.manifestText.map { ContentHash($0) } ?? manifestHash, paths: [])
            return summary
        }
        if SourceFile.kind(of: folder.outputPath) == .missing {
            guard rename(folder.stagePath, folder.outputPath) == 0 else {
                throw StageFolder.failure(folder.outputPath, "无法创建输出目录：\(String(cString: strerror(errno)))")
            }
            primeStage()
            return summary
        }
        if let previousManifestText {
            var changed = desired.compactMap { previous[$0.key] == $0.value ? nil : $0.key }
            changed += previous.keys.filter { desired[$0] == nil }
            journal = Journal(output: manifestHash, stage: ContentHash(previousManifestText), paths: changed.sortedByBytes())
        }
        try folder.swap()
        return summary
    }

    /// After a first build (the stage became the output): a new stage of hard links to the
    /// output's files, so that the next build can be incremental instead of linking every file
    /// then. Given up quietly (the next build makes the stage) if any link fails.
    private func primeStage() {
        let paths = sortedPaths
        let stage = folder.stage, stagePath = folder.stagePath, outputPath = folder.outputPath
        folder.forgetFolders()
        do {
            try FileManager.default.createDirectory(at: stage, withIntermediateDirectories: true)
            // Sorted, a folder's files mostly come together: its folder is made (idempotently)
            // when the path's folder is not the last path's.
            var last: Substring = ""
            for path in paths {
                let parent = path.utf8.lastIndex(of: 0x2F).map { path[..<$0] } ?? ""
                if !parent.utf8.elementsEqual(last.utf8) { try folder.ensureFolder(of: stagePath + "/" + path); last = parent }
            }
        } catch {
            try? FileManager.default.removeItem(at: stage)
            return
        }
        let chunk = 512
        let failed = Parallel.map((paths.count + chunk - 1) / chunk) { c -> Bool in
            (c * chunk..<min(paths.count, (c + 1) * chunk)).contains { i in
                link(outputPath + "/" + paths[i], stagePath + "/" + paths[i]) != 0
            }
        }
        guard !failed.contains(true), (try? folder.writeManifest(Data(manifestText.utf8))) != nil else {
            try? FileManager.default.removeItem(at: stage)
            return
        }
        journal = Journal(output: manifestHash, stage: manifestHash, paths: [])
    }

    /// The manifest of the new generation (after the last file is recorded).
    var manifestText: String {
        if let computedManifest { return computedManifest }
        let text: String
        if desired == previous, let previousManifestText {
            text = previousManifestText
        } else if desired == staged, let stageManifest = folder.manifestText {
            text = stageManifest
        } else {
            text = OutputManifest.text(desired, sorted: sortedPaths)
        }
        computedManifest = text
        return text
    }

    private var computedManifest: String?

    /// Computed once: the journal and the build's records both name the manifest by its hash.
    var manifestHash: ContentHash {
        if let computedManifestHash { return computedManifestHash }
        let hash = ContentHash(manifestText)
        computedManifestHash = hash
        return hash
    }

    private var computedManifestHash: ContentHash?

    var sortedPaths: [String] {
        if let computedSortedPaths { return computedSortedPaths }
        let paths = desired.keys.sortedByBytes()
        computedSortedPaths = paths
        return paths
    }

    private var computedSortedPaths: [String]?
}
