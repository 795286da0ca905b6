import Foundation
import NianbaoRecords
import NianbaoTemplates

/// Hashes of what a page depends on besides its content.
enum Fingerprints {
    static let version = "nianbao " + NianbaoVersion.current

    /// The program itself: a rebuilt or replaced nianbao renders everything again. Its size,
    /// modification time and inode stand for its bytes (reading 10 MB on every build would not).
    static let program: ContentHash = {
        var hash = ContentHash(version)
        var info = stat()
        let path = "/proc/self/exe"
        if stat(path, &info) == 0 || stat(CommandLine.arguments.first ?? "", &info) == 0 {
            hash.combine("\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino) \(info.st_dev)")
        } else if let data = FileManager.default.contents(atPath: CommandLine.arguments.first ?? "") {
            data.withUnsafeBytes { hash.combine($0) }
        }
        return hash
    }()

    /// The templates a root template uses (itself, its partials and parents, transitively).
    static func templates(_ root: String, in theme: Theme) -> ContentHash {
        var seen: Set<String> = []
        var queue = [root]
        while let name = queue.popLast() {
            guard seen.insert(name).inserted, let source = theme.templates[name] else { continue }
            queue += references(in: source)
        }
        var hash = ContentHash()
        for name in seen.sorted() {
            hash.combine(name)
            hash.combine(theme.templates[name] ?? "")
        }
        return hash
    }

    /// Names after `{{>` and `{{<` (partials and parents).
    static func references(in source: String) -> [String] {
        var names: [String] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            let tag = rest.drop { $0 == " " }
            guard let kind = tag.first, kind == ">" || kind == "<", let close = tag.range(of: "}}") else { continue }
            names.append(tag[tag.index(after: tag.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces))
        }
        return names
    }
}
