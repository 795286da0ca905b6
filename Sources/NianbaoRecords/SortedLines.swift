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
    ///
    /// Each change's place is found by a binary search over the bytes, and the lines between two
    /// changes are copied in one piece: a build that changed 8 of 40,000 lines does not walk the
    /// other 39,992 one by one. Every line of the result ends in "\n".
    public static func patch(
        _ text: UnsafeBufferPointer<UInt8>, headerLines: Int, header: String, changes: [Change],
        key: (UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>,
        matched: (Int, UnsafeBufferPointer<UInt8>) -> Void = { _, _ in }
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + changes.reduce(0) { $0 + ($1.line?.utf8.count ?? 0) + 1 } + header.utf8.count + 1)
        out.append(contentsOf: header.utf8)
        let lines = Lines(text: text)
        var copied = 0  // text before this is placed (or left out)
        for _ in 0..<headerLines where copied < text.count { copied = lines.end(copied) + 1 }
        copied = min(copied, text.count)
        func copy(upTo end: Int) {
            guard copied < end else { return }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<end]))
            if text[end - 1] != 0x0A { out.append(0x0A) }  // the last line had no newline
            copied = end
        }
        for (i, change) in changes.enumerated() {
            let start = change.key.withUnsafeBufferPointer { lines.firstLine(from: copied, notBefore: $0, key: key) }
            copy(upTo: start)
            if start < text.count {
                let end = lines.end(start)
                let line = UnsafeBufferPointer(rebasing: text[start..<end])
                if change.key.withUnsafeBufferPointer({ compare($0, key(line)) }) == 0 {
                    matched(i, line)
                    copied = min(end + 1, text.count)
                }
            }
            if let line = change.line {
                out.append(contentsOf: line.utf8)
                out.append(0x0A)
            }
        }
        copy(upTo: text.count)
        return out
    }

    /// Line boundaries in a text of sorted lines.
    private struct Lines {
        let text: UnsafeBufferPointer<UInt8>

        /// Where the line starting at `start` ends (its newline, or the end of the text).
        func end(_ start: Int) -> Int {
            let base = text.baseAddress!
            return memchr(base + start, 0x0A, text.count - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? text.count
        }

        /// The start of the first line at or after `low` (a line start) whose key is not before
        /// `wanted`, or the end of the text. Empty lines count as before every key.
        func firstLine(
            from low: Int, notBefore wanted: UnsafeBufferPointer<UInt8>, key: (UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>
        ) -> Int {
            var low = low, high = text.count
            while low < high {
                var start = low + (high - low) / 2
                while start > low, text[start - 1] != 0x0A { start -= 1 }
                let end = end(start)
                let line = UnsafeBufferPointer(rebasing: text[start..<end])
                if line.isEmpty || compare(key(line), wanted) < 0 {
                    low = end + 1
                } else {
                    high = start
                }
            }
            return min(low, text.count)
        }
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
