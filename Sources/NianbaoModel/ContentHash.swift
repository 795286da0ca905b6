/// A fast 64-bit hash of bytes, to tell whether an input or an output changed between builds
/// (not for security). Deterministic across runs and machines.
public struct ContentHash: Sendable, Hashable, CustomStringConvertible {
    public private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init() {}

    public init(value: UInt64) {
        self.value = value
    }

    public init(_ bytes: UnsafeRawBufferPointer) {
        combine(bytes)
    }

    public init(_ text: String) {
        combine(text)
    }

    /// Eight bytes at a time (little-endian words), then the tail with the length.
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            h = Self.mix(h, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        value = Self.mix(h, tail ^ (UInt64(truncatingIfNeeded: n) << 56))
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(_ other: ContentHash) {
        value = Self.mix(value, other.value)
    }

    /// The hash of bytes that arrive in pieces: the same value as `ContentHash(allBytes)`.
    public struct Stream {
        private var hash = ContentHash()
        private var carry: [UInt8] = []
        private var count = 0

        public init() {}

        public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
            count += bytes.count
            var i = 0
            var h = hash.value
            if !carry.isEmpty {
                while carry.count < 8, i < bytes.count { carry.append(bytes[i]); i += 1 }
                guard carry.count == 8 else { return }
                h = carry.withUnsafeBytes { ContentHash.mix(h, $0.loadUnaligned(as: UInt64.self)) }
                carry.removeAll(keepingCapacity: true)
            }
            while i + 8 <= bytes.count {
                h = ContentHash.mix(h, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            hash.value = h
            while i < bytes.count { carry.append(bytes[i]); i += 1 }
        }

        public var value: ContentHash {
            var tail: UInt64 = 0
            for (k, byte) in carry.enumerated() { tail |= UInt64(byte) << (8 * UInt64(k)) }
            return ContentHash(value: ContentHash.mix(hash.value, tail ^ (UInt64(truncatingIfNeeded: count) << 56)))
        }
    }

    static func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
        var x = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        x = x &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 29) ^ (h << 7 | h >> 57)
    }

    /// 16 lowercase hex digits.
    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public init?(hex: Substring) {
        guard hex.count == 16, let v = UInt64(hex, radix: 16) else { return nil }
        value = v
    }
}
