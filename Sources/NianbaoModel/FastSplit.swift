#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Byte-level parsing of nianbao's own state files (manifests, caches): tens of thousands of
/// lines read on every build, so no Character-level work.
public enum ByteText {
    /// Calls `body` with each line's bytes (without the newline), in order; stops when it returns false.
    public static func forEachLine(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        var text = text
        text.withUTF8 { _ = forEachLine($0) { line, _ in body(line) } }
    }

    /// Calls `body` with each line of `bytes` (without its newline) and where it is, in order,
    /// until it returns false. Returns whether every line was seen.
    @discardableResult
    public static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Bool) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var start = 0
        while start < bytes.count {
            let end = memchr(base + start, 0x0A, bytes.count - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
            if !body(UnsafeBufferPointer(rebasing: bytes[start..<end]), start..<end) { return false }
            start = end + 1
        }
        return true
    }

    /// The fields of a line split at `separator`, at most `maxFields` (the last takes the rest).
    public static func fields(_ line: UnsafeBufferPointer<UInt8>, _ separator: UInt8, maxFields: Int = .max) -> [UnsafeBufferPointer<UInt8>] {
        var out: [UnsafeBufferPointer<UInt8>] = []
        fields(line, separator, maxFields: maxFields, into: &out)
        return out
    }

    /// `fields` into an array the caller keeps, so a loop over many lines allocates once.
    public static func fields(_ line: UnsafeBufferPointer<UInt8>, _ separator: UInt8, maxFields: Int = .max, into out: inout [UnsafeBufferPointer<UInt8>]) {
        out.removeAll(keepingCapacity: true)
        var start = 0
        var i = 0
        while i < line.count, out.count < maxFields - 1 {
            if line[i] == separator {
                out.append(UnsafeBufferPointer(rebasing: line[start..<i]))
                start = i + 1
            }
            i += 1
        }
        out.append(UnsafeBufferPointer(rebasing: line[start..<line.count]))
    }

    public static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// 16 lowercase hex digits.
    public static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> ContentHash? {
        guard bytes.count == 16 else { return nil }
        var value: UInt64 = 0
        for b in bytes {
            let digit: UInt8
            switch b {
            case 0x30...0x39: digit = b - 0x30
            case 0x61...0x66: digit = b - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return ContentHash(value: value)
    }

    public static func int(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count < 19 else { return nil }
        var value = 0
        for b in bytes {
            guard b >= 0x30, b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    public static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        bytes.elementsEqual(text.utf8)
    }
}

extension Sequence where Element == String {
    /// Sorted by UTF-8 bytes: the same order for ASCII paths as `sorted()`, without Unicode-aware
    /// comparison (stable, and fast for tens of thousands of paths).
    public func sortedByBytes() -> [String] {
        map { (Array($0.utf8), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
    }
}

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
