import Foundation
import NianbaoModel
import NianbaoTemplates

/// What the last build rendered each output from: per output file, the hash of every input it
/// depends on and the hash of what was written. Kept outside the output folder
/// (`.<name>.nianbao/build-state`) and valid only for the output generation it was written with.
struct BuildState {
    struct Entry {
        let inputs: ContentHash
        let content: ContentHash
    }

    var entries: [String: Entry] = [:]

    static let fileName = "build-state"
    static let header = "nianbao-build-state 1"

    /// The state for the output whose manifest is `manifest`, or empty when there is none or it
    /// belongs to another generation (the output was changed by hand, by git, or by a killed build).
    static func read(from folder: URL, manifest: String?) -> BuildState {
        guard let manifest, let text = try? String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8) else {
            return BuildState()
        }
        var lines = text.split(separator: "\n")[...]
        guard lines.popFirst() == Substring(header), lines.popFirst() == Substring("tree \(ContentHash(manifest))") else {
            return BuildState()
        }
        var state = BuildState()
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 2)
            guard parts.count == 3, let inputs = ContentHash(hex: parts[0]), let content = ContentHash(hex: parts[1]) else {
                return BuildState()
            }
            state.entries[String(parts[2])] = Entry(inputs: inputs, content: content)
        }
        return state
    }

    func write(to folder: URL, manifest: String) throws {
        var text = Self.header + "\ntree \(ContentHash(manifest))\n"
        for path in entries.keys.sorted() {
            let e = entries[path]!
            text += "\(e.inputs) \(e.content) \(path)\n"
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent(Self.fileName), options: .atomic)
    }
}

/// Hashes of what a page depends on besides its content.
enum Fingerprints {
    static let version = "nianbao 0.1.0"

    /// The program itself: a rebuilt nianbao renders everything again.
    static let program: ContentHash = {
        var hash = ContentHash(version)
        if let data = FileManager.default.contents(atPath: "/proc/self/exe") ?? CommandLine.arguments.first.flatMap({
            FileManager.default.contents(atPath: $0)
        }) {
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
