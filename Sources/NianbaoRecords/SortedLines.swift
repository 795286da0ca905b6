#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file of lines sorted by a key (a part of each line, compared as bytes), patched with a few
/// changes in one pass over its bytes: what lets an incremental build update its records of tens
/// of thousands of files in proportion to what changed, not to their number.
public enum SortedLines {
    public struct Change {
        public let key: [UInt8]
        /// The new line (without its newline), or nil to remove the key's line.
        public let line: String?

        public init(key: String, line: String?) {
            self.key = Array(key.utf8)
            self.line = line
        }
    }

    /// Byte order, as `sortedByBytes`.
    public static func less(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        compare(a, b) < 0
    }

    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }

    /// `changes` in key order, as `patch` takes them.
    public static func sorted(_ changes: [Change]) -> [Change] {
        changes.sorted { a, b in a.key.withUnsafeBufferPointer { x in b.key.withUnsafeBufferPointer { less(x, $0) } } }
    }

    /// `text` with its first `headerLines` lines replaced by `header` (each line ending in "\n"),
    /// and each changed key's line replaced, removed or inserted in key order. `key` gives the key
    /// of a record line (lines must be sorted by it, keys unique; `changes` must be `sorted`, keys
    /// unique). `matched` is called with each change that found its old line, and that line.
    public static func patch(
        _ text: UnsafeBufferPointer<UInt8>, headerLines: Int, header: String, changes: [Change],
        key: (UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>,
        matched: (Int, UnsafeBufferPointer<UInt8>) -> Void = { _, _ in }
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + changes.reduce(0) { $0 + ($1.line?.utf8.count ?? 0) + 1 } + header.utf8.count)
        out.append(contentsOf: header.utf8)
        var next = 0  // the next change to place
        func insert(upTo lineKey: UnsafeBufferPointer<UInt8>?) -> Bool {
            // Changes before `lineKey` are new keys; returns whether the next one is `lineKey` itself.
            while next < changes.count {
                let c = changes[next].key.withUnsafeBufferPointer { k in lineKey.map { compare(k, $0) } ?? -1 }
                if c > 0 { return false }
                if c == 0 { return true }
                if let line = changes[next].line {
                    out.append(contentsOf: line.utf8)
                    out.append(0x0A)
                }
                next += 1
            }
            return false
        }
        var lineNumber = 0
        ByteText.forEachLine(text) { line, _ in
            lineNumber += 1
            if lineNumber <= headerLines || line.isEmpty { return true }
            if insert(upTo: key(line)) {
                matched(next, line)
                if let replacement = changes[next].line {
                    out.append(contentsOf: replacement.utf8)
                    out.append(0x0A)
                }
                next += 1
            } else {
                out.append(contentsOf: line)
                out.append(0x0A)
            }
            return true
        }
        _ = insert(upTo: nil)
        return out
    }

    /// The part of `line` after the `n`th `separator` (the whole line for n = 0).
    public static func after(_ line: UnsafeBufferPointer<UInt8>, _ n: Int, _ separator: UInt8) -> UnsafeBufferPointer<UInt8> {
        var seen = 0
        var i = 0
        while seen < n, i < line.count {
            if line[i] == separator { seen += 1 }
            i += 1
        }
        return UnsafeBufferPointer(rebasing: line[i..<line.count])
    }

    /// The part of `line` before the `n`th `separator` (the whole line if it has fewer).
    public static func before(_ line: UnsafeBufferPointer<UInt8>, _ n: Int, _ separator: UInt8) -> UnsafeBufferPointer<UInt8> {
        var seen = 0
        for i in 0..<line.count where line[i] == separator {
            seen += 1
            if seen == n { return UnsafeBufferPointer(rebasing: line[0..<i]) }
        }
        return line
    }
}
