import CNianbaoSystem
import Foundation
import NianbaoContent
import NianbaoModel

/// Writes a generation of the site so that the output folder only ever shows a whole build.
///
/// The new generation is assembled in a stage folder beside the output (`.<name>.nianbao/stage`),
/// which holds the generation before last: only files that differ from it are written there
/// (each to a temporary name, then renamed), files unchanged since the last build are hard-linked
/// from the output, files no longer produced are removed. Then stage and output are exchanged in
/// one atomic `renameat2(RENAME_EXCHANGE)` (on a file system without it, by three renames: see
/// `swap`). A build that fails or is killed before the exchange leaves the output as it was; the next build finds the stage without its manifest and starts
/// it afresh. Nothing outside the output folder and its state folder is written, and a folder
/// that nianbao did not make is never touched.
public final class OutputWriter: @unchecked Sendable {
    /// Lists every file of a generation with its content hash; its presence marks the folder as
    /// nianbao's. Written into the stage last, so a stage with a manifest is complete.
    public static let manifestName = ".nianbao-manifest"
    static let manifestHeader = "# nianbao：此目录由 nianbao 生成。以下为文件清单与内容摘要。"

    public struct Summary: Sendable, Equatable {
        /// Files new or different from the previous output.
        public var written = 0
        /// Files identical to the previous output.
        public var unchanged = 0
        /// Files of the previous output that this build no longer produces.
        public var removed = 0

        public init(written: Int = 0, unchanged: Int = 0, removed: Int = 0) {
            self.written = written
            self.unchanged = unchanged
            self.removed = removed
        }
    }

    let output: URL
    let stateFolder: URL
    let stage: URL
    /// False: stage and output are swapped by renames, as on a file system without the atomic
    /// exchange (tests run that path with it).
    let atomicExchange: Bool
    /// The output's files and their hashes (empty for a new output).
    public let previous: [String: ContentHash]
    /// The text of the output's manifest, to tie the build state to it.
    let previousManifestText: String?
    private var staged: [String: ContentHash]
    private var desired: [String: ContentHash] = [:]
    /// Incremental mode: the stage was brought up to the output's generation from the journal,
    /// and only what this build renders or removes is recorded (see `init(incremental:)`).
    let incremental: Bool
    /// In incremental mode: the output's manifest, and the paths this build removes.
    private var outputManifest: [UInt8] = []
    private var outputFiles = 0
    private var removedPaths: Set<String> = []
    /// After `commit`: the paths whose bytes differ from the previous output's (written, added or
    /// removed), and the hash of the manifest the stage then holds: the next build's journal.
    public private(set) var journal: Journal?
    /// After `commit`: the number of files of the new output.
    public private(set) var fileCount = 0
    private var folders: Set<String> = []
    private let lock = NSLock()
    private var summary = Summary()
    /// The stage's manifest while the stage is unchanged; nil once anything in it changed.
    private var stageManifestText: String?

    /// Before the first change to the stage: without its manifest it will not be trusted again
    /// until a build completes it.
    private func willChangeStage() throws {
        lock.lock()
        defer { lock.unlock() }
        guard stageManifestText != nil else { return }
        stageManifestText = nil
        try FileManager.default.removeItem(at: stage.appendingPathComponent(Self.manifestName))
    }

    /// Prepares the stage. Throws (a diagnostic) when the output is not nianbao's or cannot be used.
    public init(output folder: String, atomicExchange: Bool = true) throws(Diagnostic) {
        let fm = FileManager.default
        incremental = false
        self.atomicExchange = atomicExchange
        output = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        stateFolder = Self.stateFolder(for: folder)
        stage = stateFolder.appendingPathComponent("stage", isDirectory: true)

        switch SourceFile.kind(of: output.path) {
        case .file:
            throw Self.failure(folder, "输出位置是一个文件，不是目录")
        case .missing:
            previous = [:]
            previousManifestText = nil
        case .directory:
            let text = try? String(contentsOf: output.appendingPathComponent(Self.manifestName), encoding: .utf8)
            let entries = (try? fm.contentsOfDirectory(atPath: output.path)) ?? []
            if text == nil, !entries.isEmpty {
                throw Self.failure(folder, "输出目录不是空目录，也不是 nianbao 生成的（缺少 \(Self.manifestName)）；为免覆盖其他文件，拒绝写入。请指定一个新目录或空目录")
            }
            previous = text.map(Self.parseManifest) ?? [:]
            previousManifestText = text
        }

        // The stage: trusted only with its manifest (written last by a completed build).
        let stageManifest = try? String(contentsOf: stage.appendingPathComponent(Self.manifestName), encoding: .utf8)
        do {
            if let stageManifest {
                staged = Self.parseManifest(stageManifest)
                stageManifestText = stageManifest
            } else {
                staged = [:]
                if fm.fileExists(atPath: stage.path) { try fm.removeItem(at: stage) }
                try fm.createDirectory(at: stage, withIntermediateDirectories: true)
            }
        } catch {
            throw Self.failure(stateFolder.path, "无法准备暂存目录：\(error.localizedDescription)")
        }
    }

    /// Incremental mode, when the output is the one the last build left (`manifest` is its
    /// manifest, with `files` files) and the stage is the generation before it, as `journal` says:
    /// the stage is brought to the output's generation by linking or removing only the journal's
    /// paths; then only what this build renders or removes touches it, and the manifest is the
    /// output's, patched. Nil (use `init(output:)`) when the stage is not what the journal says.
    init?(incremental folder: String, journal: Journal, manifest: [UInt8], files: Int, atomicExchange: Bool = true) {
        self.atomicExchange = atomicExchange
        output = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        stateFolder = Self.stateFolder(for: folder)
        stage = stateFolder.appendingPathComponent("stage", isDirectory: true)
        guard let stageManifest = FileManager.default.contents(atPath: stage.appendingPathComponent(Self.manifestName).path),
            stageManifest.withUnsafeBytes({ ContentHash($0) }) == journal.stage,
            manifest.withUnsafeBytes({ ContentHash($0) }) == journal.output
        else { return nil }
        incremental = true
        previous = [:]
        previousManifestText = nil
        staged = [:]
        outputManifest = manifest
        outputFiles = files
        stageManifestText = ""  // present until the first change
        journalPaths = journal.paths
    }

    /// Incremental mode: the journal's paths, brought up to the output in `begin`, and what `put`
    /// rendered before (kept in memory: the stage is not touched until the checks passed).
    private var journalPaths: [String] = []
    private var pending: [(String, Data)] = []
    private var begun = false

    /// Called once the checks passed. Incremental mode: brings the stage to the output's
    /// generation (linking or removing the journal's paths), then writes what `put` kept.
    func begin() throws(Diagnostic) {
        guard incremental, !begun else { return }
        do {
            for path in journalPaths where Self.isSafe(path) {
                try willChangeStage()
                let target = stage.path + "/" + path
                let source = output.path + "/" + path
                if access(source, F_OK) == 0 {
                    try ensureFolder(of: target)
                    let temporary = Self.temporaryName(target)
                    unlink(temporary)
                    if link(source, temporary) != 0 { try FileManager.default.copyItem(atPath: source, toPath: temporary) }
                    guard rename(temporary, target) == 0 else { throw Self.posixError() }
                } else {
                    unlink(target)  // not in the output: not in the stage either
                    removeEmptyFolders(from: URL(fileURLWithPath: target).deletingLastPathComponent(), below: stage)
                }
            }
        } catch {
            throw Self.failure(stage.path, "无法更新暂存目录：\(error.localizedDescription)")
        }
        folders = []  // a folder emptied above may be gone
        begun = true
        let waiting = pending
        pending = []
        for (path, data) in waiting { try writeFile(path, data) }
    }

    /// `.<name>.nianbao` beside the output: the stage and what the last build knew.
    public static func stateFolder(for output: String) -> URL {
        let url = URL(fileURLWithPath: output, isDirectory: true).standardizedFileURL
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).nianbao", isDirectory: true)
    }

    // MARK: Files

    /// The size of a file of the current output (for a file this build keeps unchanged).
    func sizeInOutput(_ path: String) -> Int? {
        var info = stat()
        guard stat(output.appendingPathComponent(path).path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// A file rendered by this build: written to a temporary name beside it, then renamed.
    public func put(_ path: String, _ data: Data) throws(Diagnostic) {
        let hash = data.withUnsafeBytes { ContentHash($0) }
        guard record(path, hash) else { return }
        if incremental {
            lock.lock()
            let later = !begun
            if later { pending.append((path, data)) }
            lock.unlock()
            if later { return }
        }
        try writeFile(path, data)
    }

    private func writeFile(_ path: String, _ data: Data) throws(Diagnostic) {
        let target = stage.path + "/" + path
        let temporary = Self.temporaryName(target)
        do {
            try willChangeStage()
            try ensureFolder(of: target)
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw Self.posixError() }
            var failed = false
            data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 { if errno == EINTR { continue }; failed = true; return }
                    offset += n
                }
            }
            let error = errno
            if close(fd) != 0 || failed {
                unlink(temporary)
                throw POSIXError(POSIXErrorCode(rawValue: failed ? error : errno) ?? .EIO)
            }
            guard rename(temporary, target) == 0 else { throw Self.posixError() }
        } catch {
            throw Self.failure(output.path + "/" + path, "写入失败：\(error.localizedDescription)")
        }
    }

    /// A large file written in pieces, so that memory does not grow with its size: `fill` calls
    /// `write` with each piece. Returns the file's hash and size. The pieces go to a temporary file
    /// in the state folder, which becomes the stage's file only if the stage has other bytes.
    public func putStreaming(_ path: String, _ fill: (_ write: (UnsafeRawBufferPointer) -> Void) -> Void) throws(Diagnostic) -> (ContentHash, Int) {
        let temporary = stateFolder.path + "/stream-" + ContentHash(path).description + ".tmp"
        var hash = ContentHash.Stream()
        var size = 0
        do {
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw Self.posixError() }
            var failure: Int32 = 0
            fill { bytes in
                hash.combine(bytes)
                size += bytes.count
                var offset = 0
                while failure == 0, offset < bytes.count {
                    let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                    if n < 0 { if errno != EINTR { failure = errno }; continue }
                    offset += n
                }
            }
            if close(fd) != 0, failure == 0 { failure = errno }
            if failure != 0 { unlink(temporary); throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
            let value = hash.value
            guard record(path, value) else {
                unlink(temporary)
                return (value, size)
            }
            let target = stage.path + "/" + path
            try willChangeStage()
            try ensureFolder(of: target)
            guard rename(temporary, target) == 0 else { throw Self.posixError() }
            return (value, size)
        } catch let error as Diagnostic {
            throw error
        } catch {
            unlink(temporary)
            throw Self.failure(output.path + "/" + path, "写入失败：\(error.localizedDescription)")
        }
    }

    /// A file this build did not render because its inputs did not change: its bytes are the
    /// output's, with the hash the output's manifest gives (hard-linked, or copied where links fail).
    public func keep(_ path: String, _ hash: ContentHash) throws(Diagnostic) {
        guard record(path, hash), !incremental else { return }  // incremental: the stage has the output's bytes
        let target = stage.path + "/" + path
        let temporary = Self.temporaryName(target)
        let source = output.path + "/" + path
        do {
            try willChangeStage()
            try ensureFolder(of: target)
            unlink(temporary)
            if link(source, temporary) != 0 {
                try FileManager.default.copyItem(atPath: source, toPath: temporary)
            }
            guard rename(temporary, target) == 0 else { throw Self.posixError() }
        } catch {
            throw Self.failure(output.path + "/" + path, "无法从上次的输出复制：\(error.localizedDescription)")
        }
    }

    /// Incremental mode: a file of the previous output that this build no longer produces.
    func remove(_ path: String) throws(Diagnostic) {
        precondition(incremental && Self.isSafe(path), "remove \(path)")
        lock.lock()
        let inserted = removedPaths.insert(path).inserted
        lock.unlock()
        guard inserted else { return }
        do {
            try willChangeStage()
        } catch {
            throw Self.failure(stage.path, "无法更新暂存目录：\(error.localizedDescription)")
        }
        let target = stage.path + "/" + path
        unlink(target)
        removeEmptyFolders(from: URL(fileURLWithPath: target).deletingLastPathComponent(), below: stage)
        lock.lock()
        folders = []
        lock.unlock()
    }

    /// `dir/.name.nianbao-link`: hidden, so that a kill never leaves a half-written file under a real name.
    static func temporaryName(_ target: String) -> String {
        guard let slash = target.lastIndex(of: "/") else { return "." + target + ".nianbao-link" }
        return target[...slash] + "." + target[target.index(after: slash)...] + ".nianbao-link"
    }

    static func posixError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }

    /// Notes the file as part of the new generation; false when the stage already has these bytes.
    private func record(_ path: String, _ hash: ContentHash) -> Bool {
        precondition(Self.isSafe(path), "unsafe output path \(path)")
        lock.lock()
        defer { lock.unlock() }
        precondition(desired[path] == nil, "output \(path) produced twice")
        desired[path] = hash
        if incremental { return true }  // counted at commit; the stage is the output's generation
        if previous[path] == hash { summary.unchanged += 1 } else { summary.written += 1 }
        return staged[path] != hash
    }

    /// Creates the folder of `target` (and its parents) inside the stage, once per build. Under
    /// the lock, so that no thread writes into a folder another thread is still creating.
    private func ensureFolder(of target: String) throws {
        guard let slash = target.lastIndex(of: "/") else { return }
        let folder = String(target[..<slash])
        lock.lock()
        defer { lock.unlock() }
        try makeFolder(folder)
    }

    /// With the lock held.
    private func makeFolder(_ folder: String) throws {
        guard !folders.contains(folder) else { return }
        if mkdir(folder, 0o755) != 0, errno != EEXIST {
            guard errno == ENOENT, let slash = folder.lastIndex(of: "/") else { throw Self.posixError() }
            try makeFolder(String(folder[..<slash]))
            if mkdir(folder, 0o755) != 0, errno != EEXIST { throw Self.posixError() }
        }
        folders.insert(folder)
    }

    // MARK: Commit

    /// Completes the stage and makes it the output in one step. Returns what changed.
    public func commit() throws(Diagnostic) -> Summary {
        if incremental { return try commitIncremental() }
        let fm = FileManager.default
        // Files of the stage's generation that this one does not have.
        let extra = staged.keys.filter { desired[$0] == nil }.sortedByBytes()
        do {
            if !extra.isEmpty { try willChangeStage() }
        } catch {
            throw Self.failure(stage.path, "无法更新暂存目录：\(error.localizedDescription)")
        }
        for path in extra {
            let url = stage.appendingPathComponent(path)
            try? fm.removeItem(at: url)
            removeEmptyFolders(from: url.deletingLastPathComponent(), below: stage)
        }
        summary.removed = previous.keys.filter { desired[$0] == nil }.count
        if stageManifestText == nil {
            do {
                try Data(manifestText.utf8).write(to: stage.appendingPathComponent(Self.manifestName), options: .atomic)
            } catch {
                throw Self.failure(stage.path, "无法写入清单：\(error.localizedDescription)")
            }
        }
        fileCount = desired.count
        if desired == previous, previousManifestText != nil {  // nothing changed: the output stays
            journal = Journal(output: ContentHash(manifestText), stage: ContentHash(stageManifestText ?? manifestText), paths: [])
            return summary
        }

        if SourceFile.kind(of: output.path) == .missing {
            guard rename(stage.path, output.path) == 0 else { throw Self.failure(output.path, "无法创建输出目录：\(String(cString: strerror(errno)))") }
            primeStage()
            return summary
        }
        if let previousManifestText {
            var changed = desired.compactMap { previous[$0.key] == $0.value ? nil : $0.key }
            changed += previous.keys.filter { desired[$0] == nil }
            journal = Journal(output: ContentHash(manifestText), stage: ContentHash(previousManifestText), paths: changed.sortedByBytes())
        }
        try swap()
        return summary
    }

    /// Makes the stage the output and the output the stage: in one atomic exchange where the file
    /// system has it; else by three renames through `old/` in the state folder, so that the output
    /// is briefly absent but never mixed (`recover` finishes or undoes a swap a kill interrupted).
    private func swap() throws(Diagnostic) {
        if atomicExchange, nianbao_exchange(stage.path, output.path) == 0 { return }
        let old = Self.oldFolder(stateFolder)
        try? FileManager.default.removeItem(at: old)
        guard rename(output.path, old.path) == 0, rename(stage.path, output.path) == 0, rename(old.path, stage.path) == 0 else {
            throw Self.failure(output.path, "无法替换输出目录：\(String(cString: strerror(errno)))")
        }
    }

    static func oldFolder(_ stateFolder: URL) -> URL { stateFolder.appendingPathComponent("old", isDirectory: true) }

    /// Before a build (holding the lock): a swap by renames that a kill interrupted is finished or
    /// undone. Output gone, `old/` there: the old output goes back (the stage keeps the new
    /// generation, untrusted by the next build's records). Output there, stage gone: `old/` is the
    /// generation before, the stage again.
    public static func recover(output folder: String) {
        let stateFolder = Self.stateFolder(for: folder)
        let old = oldFolder(stateFolder)
        guard access(old.path, F_OK) == 0 else { return }
        let output = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        let stage = stateFolder.appendingPathComponent("stage", isDirectory: true)
        if access(output.path, F_OK) != 0 {
            rename(old.path, output.path)
        } else if access(stage.path, F_OK) != 0 {
            rename(old.path, stage.path)
        } else {
            try? FileManager.default.removeItem(at: old)
        }
    }

    /// After a first build (the stage became the output): a new stage of hard links to the
    /// output's files, so that the next build can be incremental instead of linking every file
    /// then. Given up quietly (the next build makes the stage) if any link fails.
    private func primeStage() {
        let paths = sortedPaths
        folders = []
        do {
            try FileManager.default.createDirectory(at: stage, withIntermediateDirectories: true)
            var last = ""
            for path in paths {
                guard let slash = path.lastIndex(of: "/") else { continue }
                let folder = stage.path + "/" + path[..<slash]
                if folder != last { try makeFolder(folder); last = folder }
            }
        } catch {
            try? FileManager.default.removeItem(at: stage)
            return
        }
        let chunk = 512
        let failed = Parallel.map((paths.count + chunk - 1) / chunk) { c -> Bool in
            (c * chunk..<min(paths.count, (c + 1) * chunk)).contains { i in
                link(output.path + "/" + paths[i], stage.path + "/" + paths[i]) != 0
            }
        }
        guard !failed.contains(true), (try? Data(manifestText.utf8).write(to: stage.appendingPathComponent(Self.manifestName), options: .atomic)) != nil else {
            try? FileManager.default.removeItem(at: stage)
            return
        }
        let hash = ContentHash(manifestText)
        journal = Journal(output: hash, stage: hash, paths: [])
    }

    private func commitIncremental() throws(Diagnostic) -> Summary {
        var changes = desired.map { SortedLines.Change(key: $0.key, line: $0.value.description + " " + $0.key) }
        changes += removedPaths.filter { desired[$0] == nil }.map { SortedLines.Change(key: $0, line: nil) }
        changes = SortedLines.sorted(changes)
        var found = [Bool](repeating: false, count: changes.count)
        var differs: [String] = []  // written, added or removed
        var added = 0, removed = 0
        let text = outputManifest.withUnsafeBufferPointer { old in
            SortedLines.patch(old, headerLines: 1, header: Self.manifestHeader + "\n", changes: changes, key: { SortedLines.after($0, 1, 0x20) }) { i, line in
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
        let counts = Summary(written: differs.count - removed, unchanged: fileCount - (differs.count - removed), removed: removed)
        let manifest = String(decoding: text, as: UTF8.self)
        computedManifest = manifest
        let outputHash = outputManifest.withUnsafeBytes { ContentHash($0) }
        if differs.isEmpty {
            // The stage is the output's generation again: mark it so, nothing to exchange.
            if stageManifestText == nil { try writeStageManifest(text) }
            journal = Journal(output: outputHash, stage: outputHash, paths: [])
            return counts
        }
        try writeStageManifest(text)
        try swap()
        journal = Journal(output: text.withUnsafeBytes { ContentHash($0) }, stage: outputHash, paths: differs.sortedByBytes())
        return counts
    }

    private func writeStageManifest(_ bytes: [UInt8]) throws(Diagnostic) {
        do {
            try Data(bytes).write(to: stage.appendingPathComponent(Self.manifestName), options: .atomic)
        } catch {
            throw Self.failure(stage.path, "无法写入清单：\(error.localizedDescription)")
        }
    }

    /// The manifest now in the output (after `commit`), for the build state.
    public var manifestText: String {
        if let computedManifest { return computedManifest }
        let text: String
        if desired == previous, let previousManifestText {
            text = previousManifestText
        } else if desired == staged, let stageManifestText {
            text = stageManifestText
        } else {
            text = Self.manifestText(desired, sorted: sortedPaths)
        }
        computedManifest = text
        return text
    }

    /// Computed once, after the last file is recorded.
    private var computedManifest: String?

    // MARK: Manifest

    /// Every file of the new generation in byte order (sorted once, for the manifest and the build state).
    public var sortedPaths: [String] {
        if let computedSortedPaths { return computedSortedPaths }
        let paths = desired.keys.sortedByBytes()
        computedSortedPaths = paths
        return paths
    }

    private var computedSortedPaths: [String]?

    static func manifestText(_ files: [String: ContentHash], sorted: [String]? = nil) -> String {
        var out = manifestHeader + "\n"
        out.reserveCapacity(files.count * 48)
        for path in sorted ?? files.keys.sortedByBytes() {
            out += files[path]!.description
            out += " "
            out += path
            out += "\n"
        }
        return out
    }

    /// `hash path` lines; lines of an older format (a path alone) count with an unknown hash.
    static func parseManifest(_ text: String) -> [String: ContentHash] {
        var files: [String: ContentHash] = [:]
        ByteText.forEachLine(text) { line in
            guard let first = line.first, first != 0x23 else { return true }  // skip "#" and blank lines
            let parts = ByteText.fields(line, 0x20, maxFields: 2)
            if parts.count == 2, let hash = ByteText.hex(parts[0]) {
                files[ByteText.string(parts[1])] = hash
            } else {
                files[ByteText.string(line)] = ContentHash(value: .max)  // an older manifest: the hash is unknown
            }
            return true
        }
        return files
    }

    /// A relative path with no `..`, no empty or hidden components, no backslashes.
    static func isSafe(_ path: String) -> Bool {
        var componentStart = true
        var count = 0
        for byte in path.utf8 {
            count += 1
            if byte == 0x5C || byte == 0 { return false }  // backslash, NUL
            if byte == 0x2F {  // "/"
                if componentStart { return false }  // leading "/" or empty component
                componentStart = true
            } else {
                if componentStart, byte == 0x2E { return false }  // ".", "..", hidden names
                componentStart = false
            }
        }
        return count > 0 && !componentStart
    }

    private func removeEmptyFolders(from start: URL, below root: URL) {
        var folder = start.standardizedFileURL
        while folder.path.count > root.path.count, folder.path.hasPrefix(root.path + "/") {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path), entries.isEmpty else { return }
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent().standardizedFileURL
        }
    }

    static func failure(_ path: String, _ message: String) -> Diagnostic {
        .error("output.write", at: SourceLocation(file: path, line: 1, column: 1), message)
    }
}

/// What the last commit changed (`.<name>.nianbao/journal`): the paths whose bytes differ
/// between the output and the stage (the generation before), with both manifests' hashes. The
/// next build brings the stage up to the output by touching only these paths.
public struct Journal: Equatable, Sendable {
    /// The hash of the output's manifest after that commit.
    public var output: ContentHash
    /// The hash of the stage's manifest after that commit.
    public var stage: ContentHash
    public var paths: [String]

    static let fileName = "journal"
    static let header = "nianbao-journal 1"

    static func read(from folder: URL) -> Journal? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines[0] == header, lines.last == "",
            lines[1].hasPrefix("output "), let output = ContentHash(hex: lines[1].dropFirst(7)),
            lines[2].hasPrefix("stage "), let stage = ContentHash(hex: lines[2].dropFirst(6))
        else { return nil }
        lines.removeLast()
        return Journal(output: output, stage: stage, paths: lines.dropFirst(3).map(String.init))
    }

    func write(to folder: URL) throws {
        var text = "\(Self.header)\noutput \(output)\nstage \(stage)\n"
        for path in paths { text += path + "\n" }
        try Data(text.utf8).write(to: folder.appendingPathComponent(Self.fileName), options: .atomic)
    }

}
