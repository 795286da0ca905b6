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
        // Every string's bytes copied once into one buffer, positions sorted by `memcmp`: about
        // a third of the time of comparing the strings' UTF-8 views (41,000 paths: 22 ms, not 55).
        let strings = Array(self)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(strings.count * 32)
        var ranges: [(start: Int, count: Int)] = []
        ranges.reserveCapacity(strings.count)
        for string in strings {
            let start = bytes.count
            bytes.append(contentsOf: string.utf8)
            ranges.append((start, bytes.count - start))
        }
        guard !bytes.isEmpty else { return strings }  // every string empty
        let order = bytes.withUnsafeBufferPointer { buffer -> [Int] in
            let base = buffer.baseAddress!
            return strings.indices.sorted { i, j in
                let a = ranges[i], b = ranges[j]
                let order = memcmp(base + a.start, base + b.start, Swift.min(a.count, b.count))
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        return order.map { strings[$0] }
    }
}
