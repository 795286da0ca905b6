import Foundation
import NianbaoModel
import NianbaoRecords
import NianbaoTemplates

/// What the last build rendered each output from: per output file, the hash of every input it
/// depends on and the hash of what was written. Kept outside the output folder
/// (`.<name>.nianbao/build-state`) and valid only for the output generation it was written with.
struct BuildState {
    struct Entry: Equatable {
        let inputs: ContentHash
        let content: ContentHash
    }

    var entries: [String: Entry] = [:]
    /// The output generation the state was read for.
    var tree: ContentHash?

    static let fileName = "build-state"
    static let header = "nianbao-build-state 1"

    /// The state for the output whose manifest is `manifest`, or empty when there is none or it
    /// belongs to another generation (the output was changed by hand, by git, or by a killed build).
    static func read(from folder: URL, manifest: String?) -> BuildState {
        guard let manifest, let text = try? String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8) else {
            return BuildState()
        }
        var state = BuildState()
        state.text = text
        state.tree = ContentHash(manifest)
        var lineNumber = 0
        var valid = true
        let tree = "tree \(ContentHash(manifest))"
        ByteText.forEachLine(text) { line in
            lineNumber += 1
            switch lineNumber {
            case 1: valid = ByteText.equals(line, header)
            case 2: valid = ByteText.equals(line, tree)
            default:
                let parts = ByteText.fields(line, 0x20, maxFields: 3)
                guard parts.count == 3, let inputs = ByteText.hex(parts[0]), let content = ByteText.hex(parts[1]) else {
                    valid = line.isEmpty
                    return valid
                }
                state.entries[ByteText.string(parts[2])] = Entry(inputs: inputs, content: content)
            }
            return valid
        }
        return valid ? state : BuildState()
    }

    /// Incremental builds: the state's bytes, kept to be patched.
    var bytes: [UInt8]?

    /// Only the entries whose path `wanted` accepts, for the output whose manifest hash is
    /// `manifest`; nil when the state belongs to another generation.
    static func read(from folder: URL, manifest: ContentHash, wanted: (UnsafeBufferPointer<UInt8>) -> Bool) -> BuildState? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path) else { return nil }
        var state = BuildState()
        state.tree = manifest
        let bytes = [UInt8](data)
        var lineNumber = 0
        let complete = bytes.withUnsafeBufferPointer { all in
            ByteText.forEachLine(all) { line, _ in
                lineNumber += 1
                switch lineNumber {
                case 1: return ByteText.equals(line, header)
                case 2: return ByteText.equals(line, "tree \(manifest)")
                default:
                    guard line.count > 34, line[16] == 0x20, line[33] == 0x20 else { return line.isEmpty }
                    let path = UnsafeBufferPointer(rebasing: line[34...])
                    guard wanted(path) else { return true }
                    guard let inputs = ByteText.hex(UnsafeBufferPointer(rebasing: line[0..<16])),
                        let content = ByteText.hex(UnsafeBufferPointer(rebasing: line[17..<33]))
                    else { return false }
                    state.entries[ByteText.string(path)] = Entry(inputs: inputs, content: content)
                    return true
                }
            }
        }
        let valid = complete && lineNumber >= 2
        guard valid else { return nil }
        state.bytes = bytes
        return state
    }

    /// Writes the state read by `read(from:manifest:wanted:)` with `changes` (nil: the output is
    /// gone) for the output whose manifest hash is `manifest`.
    func patch(to folder: URL, manifest: ContentHash, changes: [String: Entry?]) throws {
        let list = SortedLines.sorted(changes.map { path, entry in
            SortedLines.Change(key: path, line: entry.map { "\($0.inputs) \($0.content) \(path)" })
        })
        let text = (bytes ?? []).withUnsafeBufferPointer {
            SortedLines.patch($0, headerLines: 2, header: Self.header + "\ntree \(manifest)\n", changes: list) { SortedLines.after($0, 2, 0x20) }
        }
        try Data(text).write(to: folder.appendingPathComponent(Self.fileName), options: .atomic)
    }

    /// The text this state was read from, to skip rewriting an unchanged state.
    var text: String?

    /// `sorted`: the entries' paths in byte order, when the caller has them.
    func write(to folder: URL, manifest: String, unlessSameAs old: BuildState, sorted: [String]? = nil) throws {
        if entries == old.entries, old.tree == ContentHash(manifest) { return }
        var text = Self.header + "\ntree \(ContentHash(manifest))\n"
        let paths = sorted.flatMap { $0.count == entries.count ? $0 : nil } ?? entries.keys.sortedByBytes()
        text.reserveCapacity(paths.count * 80)
        for path in paths {
            guard let e = entries[path] else { continue }  // (a path missing here is rendered again next time)
            text += e.inputs.description
            text += " "
            text += e.content.description
            text += " "
            text += path
            text += "\n"
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if text == old.text { return }
        try Data(text.utf8).write(to: folder.appendingPathComponent(Self.fileName), options: .atomic)
    }
}
