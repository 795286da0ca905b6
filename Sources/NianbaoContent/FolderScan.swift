import NianbaoModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Folder listings and fingerprints straight from readdir and fstatat: a site of tens of
/// thousands of report folders is scanned on every build, so this must cost little.
public enum FolderScan {
    public struct Entry: Sendable {
        public let name: String
        public let isDirectory: Bool
    }

    /// The visible entries of a folder (names not starting with "."), sorted; nil if it cannot be read.
    public static func entries(_ path: String) -> [Entry]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        let fd = dirfd(dir)
        var out: [Entry] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard !name.hasPrefix(".") else { continue }
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) {
                var info = stat()
                if fstatat(fd, name, &info, 0) == 0 { isDirectory = (info.st_mode & S_IFMT) == S_IFDIR }
            }
            out.append(Entry(name: name, isDirectory: isDirectory))
        }
        out.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return out
    }

    /// Names, sizes, modification times and inode numbers of a folder's files: any edit,
    /// addition, removal or replacement changes it. No file is read.
    public static func fingerprint(_ path: String) -> ContentHash {
        var hash = ContentHash()
        guard let dir = opendir(path) else { return hash }
        defer { closedir(dir) }
        let fd = dirfd(dir)
        var items: [(String, stat)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard fstatat(fd, name, &info, 0) == 0 else { continue }
            items.append((name, info))
        }
        items.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        for (name, info) in items {
            hash.combine(name)
            let numbers = [Int64(info.st_size), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec),
                           Int64(bitPattern: UInt64(info.st_ino)), Int64(info.st_mode)]
            numbers.withUnsafeBytes { hash.combine($0) }
        }
        return hash
    }
}
