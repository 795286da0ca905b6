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

    /// 32-byte blocks through four independent lanes folded in (input of 32 bytes or more: four
    /// times the throughput of one chain, for data files of tens of MB), then eight bytes at a
    /// time (little-endian words), then the tail with the length.
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        var i = 0
        let n = bytes.count
        if n >= Lanes.block {
            var lanes = Lanes(h)
            while i + Lanes.block <= n {
                lanes.add(bytes, at: i)
                i += Lanes.block
            }
            h = lanes.fold(into: h)
        }
        value = Self.finish(h, bytes, from: i, count: n)
    }

    /// The words and the tail after the blocks, and the length.
    static func finish(_ h: UInt64, _ bytes: UnsafeRawBufferPointer, from start: Int, count: Int) -> UInt64 {
        var h = h
        var i = start
        while i + 8 <= bytes.count {
            h = mix(h, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        return mix(h, tail ^ (UInt64(truncatingIfNeeded: count) << 56))
    }

    struct Lanes {
        static let block = 32
        var a, b, c, d: UInt64

        init(_ h: UInt64) {
            a = h ^ 0x243F_6A88_85A3_08D3
            b = h ^ 0x1319_8A2E_0370_7344
            c = h ^ 0xA409_3822_299F_31D0
            d = h ^ 0x082E_FA98_EC4E_6C89
        }

        @inline(__always)
        mutating func add(_ bytes: UnsafeRawBufferPointer, at i: Int) {
            a = mix(a, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            b = mix(b, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            c = mix(c, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            d = mix(d, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
        }

        func fold(into h: UInt64) -> UInt64 { mix(mix(mix(mix(h, a), b), c), d) }
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
        private let start = ContentHash().value
        private var lanes = Lanes(ContentHash().value)
        private var blocks = 0
        /// Fewer than 32 bytes not yet in a block.
        private var carry: [UInt8] = []
        private var count = 0

        public init() {
            carry.reserveCapacity(Lanes.block)
        }

        public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
            count += bytes.count
            var i = 0
            if !carry.isEmpty {
                let take = min(Lanes.block - carry.count, bytes.count)
                carry.append(contentsOf: bytes[0..<take])
                i = take
                guard carry.count == Lanes.block else { return }
                carry.withUnsafeBytes { lanes.add($0, at: 0) }
                blocks += 1
                carry.removeAll(keepingCapacity: true)
            }
            // The lanes in local variables for the loop (registers, not stores into `self`).
            var local = lanes
            let whole = (bytes.count - i) / Lanes.block
            for _ in 0..<whole {
                local.add(bytes, at: i)
                i += Lanes.block
            }
            lanes = local
            blocks += whole
            carry.append(contentsOf: bytes[i...])
        }

        public var value: ContentHash {
            let h = blocks > 0 ? lanes.fold(into: start) : start
            return ContentHash(value: carry.withUnsafeBytes { ContentHash.finish(h, $0, from: 0, count: count) })
        }
    }

    static func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
        var x = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        x = x &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 29) ^ (h << 7 | h >> 57)
    }

    /// `description`'s 16 lowercase hex digits, appended as bytes.
    public func appendHex(to out: inout [UInt8]) {
        for shift in stride(from: 60, through: 0, by: -4) {
            let digit = UInt8(truncatingIfNeeded: value >> UInt64(shift)) & 0xF
            out.append(digit < 10 ? 0x30 + digit : 0x61 + digit - 10)
        }
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
