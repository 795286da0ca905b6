import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Watches folders and everything below them with inotify, and calls back once per burst of
/// changes, on its own thread (so callbacks never overlap, and changes made during one are seen
/// afterwards).
///
/// - Folders created later (or moved in) are watched as soon as they appear.
/// - Editors that save by writing a temporary file and renaming it over the original produce
///   `IN_MOVED_TO` on the original's name, which counts like a write.
/// - A burst (an editor writing, renaming and touching; `git checkout`) is one change: the
///   callback runs once nothing has happened for `quiet` (150 ms), or after `longest` (1 s) of
///   continuous changes.
/// - Names starting with `.` and ending with `~` (editor swap and backup files) are ignored.
/// - A watched root that disappears (a folder replaced as a whole) is watched again when it
///   comes back; that counts as a change.
public final class FolderWatcher: @unchecked Sendable {
    public let roots: [String]
    let excluded: [String]
    let quiet: Int32
    let longest: Double
    private let onChange: @Sendable ([String]) -> Void

    private let fd: Int32
    private var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1
    /// Watch descriptor → folder path.
    private var folders: [Int32: String] = [:]
    /// Roots by watch descriptor, and roots not watched at the moment.
    private var rootWatches: [Int32: String] = [:]
    private var unwatchedRoots: Set<String> = []
    private let lock = NSLock()
    private var stopping = false
    private var started = false
    private let finished = DispatchSemaphore(value: 0)
    private var limitWarned = false
    private let onWarning: (@Sendable (String) -> Void)?

    private static let mask = UInt32(
        IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
            | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK)

    /// - Parameters:
    ///   - roots: Folders to watch (with all folders below them).
    ///   - excluding: Paths whose changes are not reported (e.g. the output folder, if it is inside a root).
    ///   - quiet: How long nothing must happen before a burst counts as over.
    ///   - onWarning: Problems worth telling the user (in Chinese), e.g. the system's limit of
    ///     watches was reached.
    ///   - onChange: Called on the watcher's thread with the paths changed in a burst.
    public init(
        roots: [String], excluding: [String] = [], quiet: Duration = .milliseconds(150),
        onWarning: (@Sendable (String) -> Void)? = nil,
        onChange: @escaping @Sendable ([String]) -> Void
    ) throws {
        self.roots = roots.map(Self.absolute)
        self.excluded = excluding.map(Self.absolute)
        let ms = quiet.components.seconds * 1000 + quiet.components.attoseconds / 1_000_000_000_000_000
        self.quiet = Int32(max(1, ms))
        self.longest = max(1, Double(ms) / 1000 * 6)
        self.onChange = onChange
        self.onWarning = onWarning
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw WatchError(message: "无法监视文件修改（inotify_init1：\(String(cString: strerror(errno)))）") }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(fd)
            throw WatchError(message: "无法监视文件修改（pipe：\(String(cString: strerror(errno)))）")
        }
        wakeRead = pipeEnds[0]
        wakeWrite = pipeEnds[1]
        _ = fcntl(wakeRead, F_SETFD, FD_CLOEXEC)
        _ = fcntl(wakeWrite, F_SETFD, FD_CLOEXEC)
        for root in self.roots { watchRoot(root) }
    }

    deinit {
        if !started {
            close(fd)
            close(wakeRead)
            close(wakeWrite)
        }
    }

    /// Folders watched now.
    public var watchedFolders: Int {
        lock.lock()
        defer { lock.unlock() }
        return folders.count
    }

    /// Starts the watching thread.
    public func start() {
        lock.lock()
        guard !started else {
            lock.unlock()
            return
        }
        started = true
        lock.unlock()
        let thread = Thread { [self] in
            loop()
            close(fd)
            close(wakeRead)
            lock.lock()
            ended = true
            lock.unlock()
            finished.signal()
        }
        thread.name = "nianbao-watcher"
        thread.start()
    }

    /// Whether the watching thread has ended (after `stop`).
    var hasEnded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return ended
    }

    private var ended = false

    /// Stops watching. Waits (up to `timeout`) for a callback in progress to return.
    public func stop(timeout: Duration = .seconds(30)) {
        lock.lock()
        let wasStarted = started, wasStopping = stopping
        stopping = true
        lock.unlock()
        guard wasStarted, !wasStopping else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        close(wakeWrite)
        _ = finished.wait(timeout: .now() + .milliseconds(Int(timeout.components.seconds * 1000)))
    }

    // MARK: The thread

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    private var hasUnwatchedRoots: Bool {
        lock.lock()
        defer { lock.unlock() }
        return !unwatchedRoots.isEmpty
    }

    private func loop() {
        var changed: [String] = []
        var burstStart: Date?
        while !isStopping {
            // Waiting: for the first change (forever, or a second at a time while a root is
            // missing), then for the quiet time that ends the burst.
            let timeout: Int32 = burstStart != nil ? quiet : (hasUnwatchedRoots ? 1000 : -1)
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            if fds[0].revents != 0 { changed += drain() }
            changed += rewatchMissingRoots()
            if ready == 0, burstStart != nil {
                burstStart = nil
                let paths = changed
                changed = []
                if !paths.isEmpty { onChange(paths) }
                continue
            }
            if !changed.isEmpty {
                if let start = burstStart {
                    if Date().timeIntervalSince(start) >= longest {
                        // Changes without a pause: build now, and again after the burst.
                        let paths = changed
                        changed = []
                        burstStart = Date()
                        onChange(paths)
                    }
                } else {
                    burstStart = Date()
                }
            }
        }
    }

    /// Reads the pending events; returns the paths that changed.
    private func drain() -> [String] {
        var changed: [String] = []
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer, size)
            if n <= 0 { break }
            var offset = 0
            while offset + 16 <= n {
                let wd = buffer.load(fromByteOffset: offset, as: Int32.self)
                let mask = buffer.load(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(buffer.load(fromByteOffset: offset + 12, as: UInt32.self))
                var name = ""
                if length > 0 {
                    let bytes = UnsafeRawBufferPointer(start: buffer + offset + 16, count: length)
                    name = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                offset += 16 + length
                if let path = handle(wd: wd, mask: mask, name: name) { changed.append(path) }
            }
        }
        return changed
    }

    /// One event: keeps the watches up to date; returns the path if it is a change to report.
    private func handle(wd: Int32, mask: UInt32, name: String) -> String? {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost: watch every folder again and report a change.
            for root in roots { addTree(root) }
            return roots.first
        }
        lock.lock()
        let folder = folders[wd]
        lock.unlock()
        guard let folder else { return nil }
        if mask & UInt32(IN_IGNORED) != 0 {
            lock.lock()
            folders[wd] = nil
            if let root = rootWatches.removeValue(forKey: wd) { unwatchedRoots.insert(root) }
            lock.unlock()
            return nil
        }
        let path = name.isEmpty ? folder : folder + "/" + name
        if isExcluded(path) { return nil }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
            lock.lock()
            if let root = rootWatches[wd] {
                // A root moved away or deleted: watch the path again when a folder is back there.
                inotify_rm_watch(fd, wd)
                rootWatches[wd] = nil
                folders[wd] = nil
                unwatchedRoots.insert(root)
            }
            lock.unlock()
            return path
        }
        let isFolder = mask & UInt32(IN_ISDIR) != 0
        if isFolder, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            // A new folder: watch it and what it holds already (files may have been written
            // into it before the watch was added; the build reads whatever is there).
            addTree(path)
            return path
        }
        if isFolder, mask & UInt32(IN_MOVED_FROM) != 0 {
            // Its watches now carry stale paths; refresh them all.
            for root in roots { addTree(root) }
            return path
        }
        if Self.isIgnored(name) { return nil }
        return path
    }

    /// Editor swap, backup and lock files, and the hidden files the build skips too.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name == "4913"
    }

    private func isExcluded(_ path: String) -> Bool {
        excluded.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    // MARK: Watches

    private func watchRoot(_ root: String) {
        var info = stat()
        guard stat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            lock.lock()
            unwatchedRoots.insert(root)
            lock.unlock()
            return
        }
        let wd = addTree(root)
        lock.lock()
        if let wd {
            rootWatches[wd] = root
            unwatchedRoots.remove(root)
        } else {
            unwatchedRoots.insert(root)
        }
        lock.unlock()
    }

    /// Roots that came back since the last look.
    private func rewatchMissingRoots() -> [String] {
        lock.lock()
        let missing = unwatchedRoots
        lock.unlock()
        var back: [String] = []
        for root in missing.sorted() {
            watchRoot(root)
            lock.lock()
            if !unwatchedRoots.contains(root) { back.append(root) }
            lock.unlock()
        }
        return back
    }

    /// Watches `folder` and every folder below it (not following symbolic links, skipping
    /// hidden folders). Returns the folder's own watch descriptor.
    @discardableResult
    private func addTree(_ folder: String) -> Int32? {
        guard !isExcluded(folder) else { return nil }
        let wd = inotify_add_watch(fd, folder, Self.mask)
        guard wd >= 0 else {
            if errno == ENOSPC { warnLimit() }
            return nil
        }
        lock.lock()
        folders[wd] = folder
        lock.unlock()
        guard let dir = opendir(folder) else { return wd }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            let path = folder + "/" + name
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isFolder = lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if isFolder { addTree(path) }
        }
        return wd
    }

    private func warnLimit() {
        lock.lock()
        let first = !limitWarned
        limitWarned = true
        lock.unlock()
        if first {
            onWarning?("警告: 已达到系统允许的 inotify 监视数量上限（fs.inotify.max_user_watches），部分目录中的修改不会被发现；可用 sysctl 调高此上限")
        }
    }

    static func absolute(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        url = url.resolvingSymlinksInPath()
        var text = url.path
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

public struct WatchError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
