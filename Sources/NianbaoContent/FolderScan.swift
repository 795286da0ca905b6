import NianbaoModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Folder listings straight from readdir: a site of tens of thousands of report folders is
/// listed on every build, so this must cost little.
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
        // Sorted by the names' bytes, compared as C strings (a site lists tens of thousands).
        var found: [(name: [CChar], isDirectory: Bool)] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { Array(UnsafeBufferPointer(start: $0, count: strlen($0) + 1)) }
            }
            guard name[0] != 0x2E else { continue }  // "."
            var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) {
                var info = stat()
                if fstatat(fd, name, &info, 0) == 0 { isDirectory = (info.st_mode & S_IFMT) == S_IFDIR }
            }
            found.append((name, isDirectory))
        }
        found.sort { strcmp($0.name, $1.name) < 0 }
        return found.map { Entry(name: String(cString: $0.name), isDirectory: $0.isDirectory) }
    }
}
