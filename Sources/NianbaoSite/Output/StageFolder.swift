import CNianbaoSystem
import Foundation
import NianbaoModel
import NianbaoRecords

/// The stage folder beside the output (`.<name>.nianbao/stage`) and what both kinds of stage do
/// to it: make folders once, note the first change (the stage's manifest goes: without it the
/// stage is not trusted again until a build completes it), write streamed files, and swap stage
/// and output.
final class StageFolder: @unchecked Sendable {
    let output: URL
    let stateFolder: URL
    let stage: URL
    /// `output.path` and `stage.path`, made once (a URL makes its path anew on every call).
    let outputPath: String
    let stagePath: String
    /// False: stage and output are swapped by renames, as on a file system without the atomic
    /// exchange (tests run that path with it).
    let atomicExchange: Bool
    /// The stage's manifest while the stage is unchanged; nil once anything in it changed.
    var manifestText: String?
    private var folders: Set<String> = []
    private let lock = NSLock()

    init(output folder: String, atomicExchange: Bool, manifestText: String?) {
        output = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        stateFolder = OutputWriter.stateFolder(for: folder)
        stage = stateFolder.appendingPathComponent("stage", isDirectory: true)
        outputPath = output.path
        stagePath = stage.path
        self.atomicExchange = atomicExchange
        self.manifestText = manifestText
    }

    var manifestURL: URL { stage.appendingPathComponent(OutputWriter.manifestName) }

    /// Before the first change to the stage: its manifest goes.
    func willChange() throws {
        lock.lock()
        defer { lock.unlock() }
        guard manifestText != nil else { return }
        manifestText = nil
        try FileManager.default.removeItem(at: manifestURL)
    }

    /// `bytes` as the stage's file `path`.
    func write(_ path: String, _ data: Data) throws(Diagnostic) {
        let target = stagePath + "/" + path
        do {
            try willChange()
            try ensureFolder(of: target)
            // The stage is untrusted from its first change until the commit: a new file is written
            // in place; one that is there (maybe a link to the output's) is replaced whole.
            let created = try data.withUnsafeBytes { try AtomicFile.create($0, at: target) }
            if !created { try AtomicFile.write(data, to: target) }
        } catch {
            throw Self.failure(outputPath + "/" + path, "写入失败：\(error.localizedDescription)")
        }
    }

    /// The output's file `path` as the stage's (the bytes the output has).
    func link(_ path: String) throws(Diagnostic) {
        let target = stagePath + "/" + path
        do {
            try willChange()
            try ensureFolder(of: target)
            try AtomicFile.link(outputPath + "/" + path, to: target)
        } catch {
            throw Self.failure(outputPath + "/" + path, "无法从上次的输出复制：\(error.localizedDescription)")
        }
    }

    /// A file written in pieces into a temporary file of the state folder (`fill` calls `write`
    /// with each piece), so that memory does not grow with its size. `place` says, given its hash,
    /// whether the stage needs these bytes: then the file becomes the stage's, else it goes.
    func stream(_ path: String, _ fill: (_ write: (UnsafeRawBufferPointer) -> Void) -> Void, place: (ContentHash) -> Bool) throws(Diagnostic) -> (ContentHash, Int) {
        let temporary = stateFolder.path + "/stream-" + ContentHash(path).description + ".tmp"
        var hash = ContentHash.Stream()
        var size = 0
        do {
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw AtomicFile.posixError() }
            var failure: Int32 = 0
            fill { bytes in
                hash.combine(bytes)
                size += bytes.count
                if failure == 0 { failure = AtomicFile.writeAll(fd, bytes) }
            }
            if close(fd) != 0, failure == 0 { failure = errno }
            if failure != 0 { unlink(temporary); throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
            let value = hash.value
            guard place(value) else {
                unlink(temporary)
                return (value, size)
            }
            let target = stagePath + "/" + path
            try willChange()
            try ensureFolder(of: target)
            guard rename(temporary, target) == 0 else { throw AtomicFile.posixError() }
            return (value, size)
        } catch {
            unlink(temporary)
            throw Self.failure(outputPath + "/" + path, "写入失败：\(error.localizedDescription)")
        }
    }

    /// The stage's file `path` gone (and the folders it leaves empty).
    func remove(_ path: String) {
        let target = stagePath + "/" + path
        unlink(target)
        removeEmptyFolders(from: URL(fileURLWithPath: target).deletingLastPathComponent())
        forgetFolders()
    }

    /// The stage's manifest, written last: the stage is complete.
    func writeManifest(_ bytes: some ContiguousBytes) throws(Diagnostic) {
        do {
            try bytes.withUnsafeBytes { try AtomicFile.write($0, to: manifestURL.path) }
        } catch {
            throw Self.failure(stagePath, "无法写入清单：\(error.localizedDescription)")
        }
    }

    /// The size of a file of the current output.
    func sizeInOutput(_ path: String) -> Int? {
        var info = stat()
        guard stat(output.appendingPathComponent(path).path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    /// Makes the stage the output and the output the stage: in one atomic exchange where the file
    /// system has it; else by three renames through `old/` in the state folder, so that the output
    /// is briefly absent but never mixed (`OutputWriter.recover` finishes or undoes a swap a kill
    /// interrupted).
    func swap() throws(Diagnostic) {
        if atomicExchange, nianbao_exchange(stagePath, outputPath) == 0 { return }
        let old = OutputWriter.oldFolder(stateFolder)
        try? FileManager.default.removeItem(at: old)
        guard rename(outputPath, old.path) == 0, rename(stagePath, outputPath) == 0, rename(old.path, stagePath) == 0 else {
            throw Self.failure(outputPath, "无法替换输出目录：\(String(cString: strerror(errno)))")
        }
    }

    // MARK: Folders

    /// Creates the folder of `target` (and its parents) inside the stage, once per build. Under
    /// the lock, so that no thread writes into a folder another thread is still creating.
    func ensureFolder(of target: String) throws {
        guard let slash = target.utf8.lastIndex(of: 0x2F) else { return }
        let folder = String(target[..<slash])
        lock.lock()
        defer { lock.unlock() }
        try makeFolder(folder)
    }

    /// With the lock held.
    private func makeFolder(_ folder: String) throws {
        guard !folders.contains(folder) else { return }
        if mkdir(folder, 0o755) != 0, errno != EEXIST {
            guard errno == ENOENT, let slash = folder.lastIndex(of: "/") else { throw AtomicFile.posixError() }
            try makeFolder(String(folder[..<slash]))
            if mkdir(folder, 0o755) != 0, errno != EEXIST { throw AtomicFile.posixError() }
        }
        folders.insert(folder)
    }

    /// Folders made so far may be gone (a removal emptied them).
    func forgetFolders() {
        lock.lock()
        folders = []
        lock.unlock()
    }

    func removeEmptyFolders(from start: URL) {
        var folder = start.standardizedFileURL
        while folder.path.count > stagePath.count, folder.path.hasPrefix(stagePath + "/") {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path), entries.isEmpty else { return }
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent().standardizedFileURL
        }
    }

    static func failure(_ path: String, _ message: String) -> Diagnostic {
        .error("output.write", at: SourceLocation(file: path, line: 1, column: 1), message)
    }
}
