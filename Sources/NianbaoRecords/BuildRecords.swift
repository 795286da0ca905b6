import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Everything a build keeps beside the output for the next one (`.<name>.nianbao/`), as named
/// records: text files whose first line is `nianbao-<name> <format> <validity>`.
///
/// A record is trusted only for the validity it names: the hash of the output's manifest for the
/// records of the output's generation (`last-build`, `journal`, `build-state`), a hash of what it
/// was made from for the others (`report-cache`, `report-figures-<year>`, `agencies`, `layout-*`); and
/// only when written in this `format`. A killed build, a hand edit of the output or another
/// version of nianbao makes a record not match, and the next build does the work it would have
/// saved. Every record is written whole or not at all (a temporary name, then renamed).
public struct BuildRecords: Sendable {
    /// The format of every record; records of another format are never trusted.
    public static let format = 3

    public let folder: URL

    public init(folder: URL) {
        self.folder = folder
    }

    /// The first line of the record `name` valid for `validity`, with its newline.
    public static func header(_ name: String, _ validity: ContentHash) -> String {
        "nianbao-\(name) \(format) \(validity)\n"
    }

    public func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// The record's bytes (its header line first) when it is there for `validity`. Mapped, not
    /// copied: a build reads megabytes of records and uses a part of some. (A record is replaced
    /// by a rename, never written in place, so the bytes mapped stay as they were read.)
    public func read(_ name: String, for validity: ContentHash) -> Data? {
        guard let data = try? Data(contentsOf: url(name), options: .alwaysMapped),
            data.starts(with: Data(Self.header(name, validity).utf8))
        else { return nil }
        return data
    }

    /// The record's body as `read` gives it, without the header line.
    public static func body(_ data: Data) -> Data {
        guard let newline = data.firstIndex(of: 0x0A) else { return Data() }
        return data[data.index(after: newline)...]
    }

    /// `body` as the record `name` for `validity`.
    public func write(_ name: String, for validity: ContentHash, _ body: some Collection<UInt8>) throws {
        var bytes = [UInt8](Self.header(name, validity).utf8)
        bytes.reserveCapacity(bytes.count + body.count)
        bytes += body
        try create()
        try bytes.withUnsafeBytes { try AtomicFile.write($0, to: url(name).path) }
    }

    /// A record of lines sorted by a key: `old` (a record's bytes, whatever its validity; nil:
    /// none) with `changes`, as the record `name` for `validity`; not written when the bytes are
    /// the same.
    public func patch(
        _ name: String, old: Data?, for validity: ContentHash, changes: [SortedLines.Change],
        key: (UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>
    ) throws {
        let sorted = SortedLines.sorted(changes)
        let text = (old ?? Data()).withUnsafeBytes { bytes in
            SortedLines.patch(bytes.bindMemory(to: UInt8.self), headerLines: 1, header: Self.header(name, validity), changes: sorted, key: key)
        }
        if let old, text.count == old.count,
            text.withUnsafeBytes({ new in old.withUnsafeBytes { memcmp(new.baseAddress!, $0.baseAddress!, new.count) == 0 } })
        {
            return
        }
        try create()
        try text.withUnsafeBytes { try AtomicFile.write($0, to: url(name).path) }
    }

    private func create() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
}
