import Foundation
import NianbaoModel
import NianbaoRecords
import NianbaoTemplates

/// What the last build rendered each output from: per output file, the hash of every input it
/// depends on and the hash of what was written (the record `build-state`, valid for the hash of
/// the output's manifest: the output generation it was written with). One line per output,
/// `inputs content path`, sorted by path.
struct BuildState {
    struct Entry: Equatable {
        let inputs: ContentHash
        let content: ContentHash
    }

    var entries: [String: Entry] = [:]
    /// The output generation the state was read for.
    var tree: ContentHash?

    static let name = "build-state"

    /// The state for the output whose manifest is `manifest`, or empty when there is none or it
    /// belongs to another generation (the output was changed by hand, by git, or by a killed build).
    static func read(_ records: BuildRecords, manifest: String?) -> BuildState {
        guard let manifest, let data = records.read(name, for: ContentHash(manifest)) else { return BuildState() }
        let text = String(decoding: data, as: UTF8.self)
        var state = BuildState()
        state.tree = ContentHash(manifest)
        var lineNumber = 0
        var valid = true
        ByteText.forEachLine(text) { line in
            lineNumber += 1
            switch lineNumber {
            case 1: break  // the header, checked by `read`
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
    var bytes: Data?

    /// Only the entries whose path `wanted` accepts, for the output whose manifest hash is
    /// `manifest`; nil when the state belongs to another generation.
    static func read(_ records: BuildRecords, manifest: ContentHash, wanted: (UnsafeBufferPointer<UInt8>) -> Bool) -> BuildState? {
        guard let data = records.read(name, for: manifest) else { return nil }
        var state = BuildState()
        state.tree = manifest
        var lineNumber = 0
        let complete = data.withUnsafeBytes { raw in
            ByteText.forEachLine(raw.bindMemory(to: UInt8.self)) { line, _ in
                lineNumber += 1
                switch lineNumber {
                case 1: return true  // the header, checked by `read`
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
        let valid = complete && lineNumber >= 1
        guard valid else { return nil }
        state.bytes = data
        return state
    }

    /// Writes the state read by `read(from:manifest:wanted:)` with `changes` (nil: the output is
    /// gone) for the output whose manifest hash is `manifest`.
    func patch(_ records: BuildRecords, manifest: ContentHash, changes: [String: Entry?]) throws {
        let list = changes.map { path, entry in
            SortedLines.Change(key: path, line: entry.map { "\($0.inputs) \($0.content) \(path)" })
        }
        try records.patch(Self.name, old: bytes, for: manifest, changes: list) { SortedLines.after($0, 2, 0x20) }
    }

    /// `sorted`: the entries' paths in byte order, when the caller has them.
    func write(_ records: BuildRecords, manifest: String, unlessSameAs old: BuildState, sorted: [String]? = nil) throws {
        if entries == old.entries, old.tree == ContentHash(manifest) { return }
        var text = ""
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
        try records.write(Self.name, for: ContentHash(manifest), text.utf8)
    }
}
