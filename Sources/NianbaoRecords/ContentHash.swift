import CXXHash

/// A 64-bit hash of bytes, to tell whether an input or an output changed between builds (not
/// for security): XXH3-64 from the system's libxxhash. Deterministic across runs and machines.
/// `combine` chains: each piece is hashed with the value so far as its seed.
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

    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        value = XXH3_64bits_withSeed(bytes.baseAddress, bytes.count, value)
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(_ other: ContentHash) {
        var word = other.value.littleEndian
        withUnsafeBytes(of: &word) { combine($0) }
    }

    /// The hash of bytes that arrive in pieces: the same value as `ContentHash(allBytes)`
    /// (XXH3's streaming state, seeded like `combine`).
    public struct Stream {
        private let state = State()

        public init() {}

        public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
            _ = XXH3_64bits_update(state.pointer, bytes.baseAddress, bytes.count)
        }

        public var value: ContentHash {
            ContentHash(value: XXH3_64bits_digest(state.pointer))
        }

        /// The C state (64-byte aligned, so made by the library), freed with the stream.
        private final class State {
            let pointer: OpaquePointer

            init() {
                pointer = XXH3_createState()
                _ = XXH3_64bits_reset_withSeed(pointer, ContentHash().value)
            }

            deinit { XXH3_freeState(pointer) }
        }
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
        var hex: [UInt8] = []
        hex.reserveCapacity(16)
        appendHex(to: &hex)
        return String(decoding: hex, as: UTF8.self)
    }

    public init?(hex: Substring) {
        guard hex.count == 16, let v = UInt64(hex, radix: 16) else { return nil }
        value = v
    }
}
