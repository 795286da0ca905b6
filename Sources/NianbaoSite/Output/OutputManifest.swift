import NianbaoRecords

/// `.nianbao-manifest`, the output's own list of its files with their content hashes: its presence
/// marks a folder as nianbao's, and a stage holds it only when complete (it is written last).
enum OutputManifest {
    static let header = "# nianbao：此目录由 nianbao 生成。以下为文件清单与内容摘要。"

    /// `hash path` lines in the byte order of the paths, under the header.
    static func text(_ files: [String: ContentHash], sorted: [String]? = nil) -> String {
        var out = Array((header + "\n").utf8)
        out.reserveCapacity(out.count + files.count * 64)
        for path in sorted ?? files.keys.sortedByBytes() {
            files[path]!.appendHex(to: &out)
            out.append(0x20)
            out.append(contentsOf: path.utf8)
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `hash path` lines; lines of an older format (a path alone) count with an unknown hash.
    static func parse(_ text: String) -> [String: ContentHash] {
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

    /// A relative path with no `..`, no empty or hidden components, no backslashes: the only
    /// paths a build writes or removes.
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
}
