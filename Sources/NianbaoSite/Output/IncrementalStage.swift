import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords

/// A stage for a build that looks only at what changed, when the output is the one the last
/// build left and the stage is the generation before it, as the journal says: `begin` brings the
/// stage to the output's generation by linking or removing only the journal's paths; then only
/// what this build renders or removes touches it, and the manifest is the output's, patched.
final class IncrementalStage: OutputStage, @unchecked Sendable {
    let incremental = true
    private let folder: StageFolder
    /// The output's manifest, and its number of files.
    private let outputManifest: [UInt8]
    private let outputFiles: Int
    /// The journal's paths, brought up to the output in `begin`.
    private let journalPaths: [String]
    /// What `put` rendered before `begin` (kept in memory: the stage is not touched until the checks passed).
    private var pending: [(String, Data)] = []
    private var begun = false
    private var desired: [String: ContentHash] = [:]
    private var removedPaths: Set<String> = []
    private let lock = NSLock()
    private(set) var journal: Journal?
    private(set) var fileCount = 0
    /// The manifest's bytes after `commit` (a build only hashes them: no String of megabytes).
    private var manifestBytes: [UInt8] = []
    var manifestText: String { String(decoding: manifestBytes, as: UTF8.self) }
    private(set) var manifestHash = ContentHash()

    /// - Parameters:
    ///   - journal: the record of the commit that left the output, read for the hash of
    ///     `manifest` (the output's manifest, with `files` files).
    /// - Returns: nil (use `FullStage`) when the stage is not what the journal says.
    init?(output path: String, journal: Journal, manifest: [UInt8], files: Int, atomicExchange: Bool = true) {
        let stage = OutputWriter.stateFolder(for: path).appendingPathComponent("stage", isDirectory: true)
        guard let stageManifest = try? FileBytes.read(stage.appendingPathComponent(OutputWriter.manifestName).path).get(),
            stageManifest.withUnsafeBytes({ ContentHash($0) }) == journal.stage
        else { return nil }
        folder = StageFolder(output: path, atomicExchange: atomicExchange, manifestText: "")  // present until the first change
        outputManifest = manifest
        outputFiles = files
        journalPaths = journal.paths
    }

    /// The build state's records were checked against the output's manifest.
    func holds(_ path: String, _ content: ContentHash) -> Bool { true }

    /// Brings the stage to the output's generation (linking or removing the journal's paths),
    /// then writes what `put` kept.
    func begin() throws(Diagnostic) {
        guard !begun else { return }
        do {
            for path in journalPaths where OutputManifest.isSafe(path) {
                try folder.willChange()
                let target = folder.stagePath + "/" + path
                if access(folder.outputPath + "/" + path, F_OK) == 0 {
                    try folder.ensureFolder(of: target)
                    try AtomicFile.link(folder.outputPath + "/" + path, to: target)
                } else {
                    unlink(target)  // not in the output: not in the stage either
                    folder.removeEmptyFolders(from: URL(fileURLWithPath: target).deletingLastPathComponent())
                }
            }
        } catch {
            throw StageFolder.failure(folder.stagePath, "无法更新暂存目录：\(error.localizedDescription)")
        }
        folder.forgetFolders()  // a folder emptied above may be gone
        lock.lock()
        begun = true
        let waiting = pending
        pending = []
        lock.unlock()
        for (path, data) in waiting { try folder.write(path, data) }
    }

    func put(_ path: String, _ data: Data) throws(Diagnostic) {
        record(path, data.withUnsafeBytes { ContentHash($0) })
        lock.lock()
        let later = !begun
        if later { pending.append((path, data)) }
        lock.unlock()
        if later { return }
        try folder.write(path, data)
    }

    func putStreaming(_ path: String, _ fill: (_ write: (UnsafeRawBufferPointer) -> Void) -> Void) throws(Diagnostic) -> (ContentHash, Int) {
        precondition(begun, "the stage is touched only after the checks passed (begin)")
        return try folder.stream(path, fill) { hash in
            record(path, hash)
            return true
        }
    }

    /// The stage has the output's bytes already.
    func keep(_ path: String, _ hash: ContentHash) throws(Diagnostic) {
        record(path, hash)
    }

    func remove(_ path: String) throws(Diagnostic) {
        precondition(OutputManifest.isSafe(path) && begun, "remove \(path)")
        lock.lock()
        let inserted = removedPaths.insert(path).inserted
        lock.unlock()
        guard inserted else { return }
        do {
            try folder.willChange()
        } catch {
            throw StageFolder.failure(folder.stagePath, "无法更新暂存目录：\(error.localizedDescription)")
        }
        folder.remove(path)
    }

    func sizeInOutput(_ path: String) -> Int? { folder.sizeInOutput(path) }

    /// Notes the file as part of the new generation (counted at commit).
    private func record(_ path: String, _ hash: ContentHash) {
        precondition(OutputManifest.isSafe(path), "unsafe output path \(path)")
        lock.lock()
        defer { lock.unlock() }
        precondition(desired[path] == nil, "output \(path) produced twice")
        desired[path] = hash
    }

    /// The output's manifest patched with what this build recorded and removed; the paths whose
    /// bytes differ are the next journal.
    func commit() throws(Diagnostic) -> OutputWriter.Summary {
        var changes = desired.map { SortedLines.Change(key: $0.key, line: $0.value.description + " " + $0.key) }
        changes += removedPaths.filter { desired[$0] == nil }.map { SortedLines.Change(key: $0, line: nil) }
        changes = SortedLines.sorted(changes)
        var found = [Bool](repeating: false, count: changes.count)
        var differs: [String] = []  // written, added or removed
        var added = 0, removed = 0
        let text = outputManifest.withUnsafeBufferPointer { old in
            SortedLines.patch(old, headerLines: 1, header: OutputManifest.header + "\n", changes: changes, key: { SortedLines.after($0, 1, 0x20) }) { i, line in
                found[i] = true
                let path = String(decoding: changes[i].key, as: UTF8.self)
                if let hash = desired[path] {
                    if ByteText.hex(SortedLines.before(line, 1, 0x20)) != hash { differs.append(path) }
                } else {
                    removed += 1
                    differs.append(path)
                }
            }
        }
        for (i, change) in changes.enumerated() where !found[i] && change.line != nil {
            added += 1
            differs.append(String(decoding: change.key, as: UTF8.self))
        }
        fileCount = outputFiles + added - removed
        let counts = OutputWriter.Summary(written: differs.count - removed, unchanged: fileCount - (differs.count - removed), removed: removed)
        manifestBytes = text
        manifestHash = text.withUnsafeBytes { ContentHash($0) }
        let outputHash = outputManifest.withUnsafeBytes { ContentHash($0) }
        if differs.isEmpty {
            // The stage is the output's generation again: mark it so, nothing to exchange.
            if folder.manifestText == nil { try folder.writeManifest(text) }
            journal = Journal(output: outputHash, stage: outputHash, paths: [])
            return counts
        }
        try folder.writeManifest(text)
        try folder.swap()
        journal = Journal(output: manifestHash, stage: outputHash, paths: differs.sortedByBytes())
        return counts
    }

    var sortedPaths: [String] { desired.keys.sortedByBytes() }
}
