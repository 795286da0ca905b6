import NianbaoContent
import NianbaoRecords

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What tells a build which report folders changed since the last one, without reading a file.
enum FolderFingerprints {
    /// Fingerprints of many report folders at once, on all cores: per folder, the folder's own
    /// inode, modification and change times (any file added, removed or renamed in it changes
    /// them) and size, times, inode and mode of each of `names` (or its absence). Looked up from
    /// each parent folder opened once, so a path is not walked from the root 50,000 times. Only
    /// files named in `names` are read by a build: others matter only by their existence, which
    /// the folder's times cover.
    static func scan(_ paths: [String], names: [String]) -> [ContentHash] {
        var parents: [String: Int32] = [:]
        var jobs: [(parent: Int32, name: [UInt8])] = []
        jobs.reserveCapacity(paths.count)
        for path in paths {
            let slash = path.lastIndex(of: "/")
            let parent = slash.map { String(path[..<$0]) } ?? "."
            let name = slash.map { Array(path.utf8[path.utf8.index(after: $0)...]) } ?? Array(path.utf8)
            if parents[parent] == nil { parents[parent] = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
            jobs.append((parents[parent]!, name))
        }
        defer { for fd in parents.values where fd >= 0 { close(fd) } }
        let fileNames = names.map { Array($0.utf8) }
        let chunk = 256
        let chunks = Parallel.map((jobs.count + chunk - 1) / chunk) { c -> [ContentHash] in
            // "folder/name\0" built in one buffer: no String per lookup.
            var buffer = [CChar](repeating: 0, count: 4096)
            return (c * chunk..<min(jobs.count, (c + 1) * chunk)).map { i in
                let (fd, folder) = jobs[i]
                var hash = ContentHash()
                guard fd >= 0, folder.count + 1 + (fileNames.map(\.count).max() ?? 0) < buffer.count else { return hash }
                return buffer.withUnsafeMutableBufferPointer { path -> ContentHash in
                    for (k, byte) in folder.enumerated() { path[k] = CChar(bitPattern: byte) }
                    path[folder.count] = 0
                    var info = stat()
                    guard fstatat(fd, path.baseAddress!, &info, 0) == 0 else { return hash }
                    var numbers: (Int64, Int64, Int64, Int64, Int64, Int64) = (
                        Int64(bitPattern: UInt64(info.st_ino)), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec),
                        Int64(info.st_ctim.tv_sec), Int64(info.st_ctim.tv_nsec), Int64(info.st_mode))
                    withUnsafeBytes(of: &numbers) { hash.combine($0) }
                    path[folder.count] = 0x2F
                    for name in fileNames {
                        for (k, byte) in name.enumerated() { path[folder.count + 1 + k] = CChar(bitPattern: byte) }
                        path[folder.count + 1 + name.count] = 0
                        var file = stat()
                        if fstatat(fd, path.baseAddress!, &file, 0) == 0 {
                            var numbers: (Int64, Int64, Int64, Int64, Int64, Int64, Int64) = (
                                Int64(file.st_size), Int64(file.st_mtim.tv_sec), Int64(file.st_mtim.tv_nsec),
                                Int64(file.st_ctim.tv_sec), Int64(file.st_ctim.tv_nsec),
                                Int64(bitPattern: UInt64(file.st_ino)), Int64(file.st_mode))
                            withUnsafeBytes(of: &numbers) { hash.combine($0) }
                        } else {
                            hash.combine(ContentHash(value: UInt64(errno)))
                        }
                    }
                    return hash
                }
            }
        }
        return chunks.flatMap { $0 }
    }
}
