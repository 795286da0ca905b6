import NianbaoContent
import NianbaoRecords

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What tells a build which report folders changed since the last one, without reading a file.
enum FolderFingerprints {
    struct Scan {
        /// Per folder, in order.
        var fingerprints: [ContentHash]
        /// What the next scan may take as known (see `AbsentFiles`).
        var absent: AbsentFiles
        /// How many `stat` calls `known` saved.
        var saved = 0
    }

    /// A folder changed less than this many seconds before a scan is not recorded as known: a
    /// file added in the same tick of the file system's clock would not change its times.
    static let settleSeconds = 2

    /// Fingerprints of many report folders at once, on all cores: per folder, the folder's own
    /// inode, modification and change times (any file added, removed or renamed in it changes
    /// them) and mode, and size, times, inode and mode of each of `names` (or its absence).
    /// Looked up from each parent folder opened once, so a path is not walked from the root
    /// 50,000 times. Only files named in `names` are read by a build: others matter only by their
    /// existence, which the folder's times cover.
    ///
    /// - Parameters:
    ///   - known: the last scan's `absent` for the same folders: a file it saw absent is not looked
    ///     for while its folder's times are as then (the fingerprint is the same either way).
    ///   - now: the time of the scan, seconds since 1970 (`settleSeconds`).
    static func scan(_ folders: [ContentLoader.ReportFolder], names: [String], known: AbsentFiles? = nil, now: Int = Int(time(nil))) -> Scan {
        var parents: [Int32] = []
        var jobs: [(parent: Int32, name: [UInt8])] = []
        jobs.reserveCapacity(folders.count)
        var lastParent: String?
        for folder in folders {
            // The folders of a year are listed together: open each year's folder once.
            let parent = String(Substring(folder.path.utf8.dropLast(folder.slug.utf8.count + 1)))
            if parent != lastParent {
                parents.append(open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC))
                lastParent = parent
            }
            jobs.append((parents.last!, Array(folder.slug.utf8)))
        }
        defer { for fd in parents where fd >= 0 { close(fd) } }
        let fileNames = names.map { Array($0.utf8) }
        let maxName = fileNames.map(\.count).max() ?? 0
        let knownFolders = known?.folders.count == folders.count ? known?.folders : nil
        let chunk = 256
        let chunks = Parallel.map((jobs.count + chunk - 1) / chunk) { c -> [(ContentHash, AbsentFiles.Entry?, Int)] in
            // "folder/name\0" built in one buffer: no String per lookup.
            var buffer = [CChar](repeating: 0, count: 4096)
            return (c * chunk..<min(jobs.count, (c + 1) * chunk)).map { i in
                let (fd, folder) = jobs[i]
                guard fd >= 0, folder.count + 1 + maxName < buffer.count else { return (ContentHash(), nil, 0) }
                return buffer.withUnsafeMutableBufferPointer { path in
                    for (k, byte) in folder.enumerated() { path[k] = CChar(bitPattern: byte) }
                    path[folder.count] = 0
                    return fingerprint(fd, path, folder.count, fileNames, knownFolders?[i], now: now)
                }
            }
        }
        var scan = Scan(fingerprints: [], absent: AbsentFiles(folders: []))
        scan.fingerprints.reserveCapacity(folders.count)
        scan.absent.folders.reserveCapacity(folders.count)
        for (hash, entry, saved) in chunks.joined() {
            scan.fingerprints.append(hash)
            scan.absent.folders.append(entry)
            scan.saved += saved
        }
        return scan
    }

    /// One folder's fingerprint, what the next scan may take as known of it, and how many `stat`
    /// calls `known` saved. `path` holds the folder's name (`length` bytes) and room for a file's.
    private static func fingerprint(
        _ fd: Int32, _ path: UnsafeMutableBufferPointer<CChar>, _ length: Int, _ fileNames: [[UInt8]], _ known: AbsentFiles.Entry?, now: Int
    ) -> (ContentHash, AbsentFiles.Entry?, Int) {
        var hash = ContentHash()
        var info = stat()
        guard fstatat(fd, path.baseAddress!, &info, 0) == 0 else { return (hash, nil, 0) }
        var numbers: (Int64, Int64, Int64, Int64, Int64, Int64) = (
            Int64(bitPattern: UInt64(info.st_ino)), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec),
            Int64(info.st_ctim.tv_sec), Int64(info.st_ctim.tv_nsec), Int64(info.st_mode))
        withUnsafeBytes(of: &numbers) { hash.combine($0) }
        let folderHash = hash
        let skip = known?.folder == folderHash ? known!.absent : 0
        var absent: UInt32 = 0
        var saved = 0
        path[length] = 0x2F
        for (k, name) in fileNames.enumerated() {
            let bit = UInt32(1) << UInt32(k)
            if skip & bit != 0 {
                // Absent at the last scan, and the folder's times are as then: still absent.
                hash.combine(ContentHash(value: UInt64(ENOENT)))
                absent |= bit
                saved += 1
                continue
            }
            for (j, byte) in name.enumerated() { path[length + 1 + j] = CChar(bitPattern: byte) }
            path[length + 1 + name.count] = 0
            var file = stat()
            if fstatat(fd, path.baseAddress!, &file, 0) == 0 {
                var numbers: (Int64, Int64, Int64, Int64, Int64, Int64, Int64) = (
                    Int64(file.st_size), Int64(file.st_mtim.tv_sec), Int64(file.st_mtim.tv_nsec),
                    Int64(file.st_ctim.tv_sec), Int64(file.st_ctim.tv_nsec),
                    Int64(bitPattern: UInt64(file.st_ino)), Int64(file.st_mode))
                withUnsafeBytes(of: &numbers) { hash.combine($0) }
            } else {
                let error = errno
                hash.combine(ContentHash(value: UInt64(error)))
                // No entry at all (not a link to something missing, which may appear elsewhere).
                if error == ENOENT, fstatat(fd, path.baseAddress!, &file, AT_SYMLINK_NOFOLLOW) != 0 { absent |= bit }
            }
        }
        let settled = max(Int(info.st_mtim.tv_sec), Int(info.st_ctim.tv_sec)) <= now - settleSeconds
        return (hash, settled && fileNames.count <= 32 ? AbsentFiles.Entry(folder: folderHash, absent: absent) : nil, saved)
    }
}
