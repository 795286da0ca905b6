import Foundation

#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
    private let systemLink = Glibc.link
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
    private let systemLink = Darwin.link
#endif

/// A file that appears under its name whole or not at all: written (or linked) to a hidden
/// temporary name beside it, then renamed over it. A kill never leaves a half-written file under
/// a real name.
public enum AtomicFile {
    /// `bytes` as the file `target`.
    public static func write(_ bytes: UnsafeRawBufferPointer, to target: String) throws {
        let temporary = temporaryName(target)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw posixError() }
        try fill(fd, at: temporary, with: bytes)
        guard rename(temporary, target) == 0 else { throw posixError() }
    }

    public static func write(_ data: Data, to target: String) throws {
        try data.withUnsafeBytes { try write($0, to: target) }
    }

    /// `bytes` as the new file `target`, written in place: for a folder that is not trusted until
    /// it is complete (a build's stage), where a half-written file left by a kill is never used.
    /// False, and nothing written, when `target` exists (it may be a link to another file's bytes).
    public static func create(_ bytes: UnsafeRawBufferPointer, at target: String) throws -> Bool {
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0, errno == EEXIST { return false }
        guard fd >= 0 else { throw posixError() }
        try fill(fd, at: target, with: bytes)
        return true
    }

    /// `bytes` into the file just opened as `fd` at `path`, then closed; removed again if either fails.
    private static func fill(_ fd: Int32, at path: String, with bytes: UnsafeRawBufferPointer) throws {
        var failure = writeAll(fd, bytes)
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)
        }
    }

    /// Writes all of `bytes` to `fd`; 0, or the error number of the write that failed.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }

    /// The file `source` as `target` too: a hard link, or a copy where links fail (another file system).
    public static func link(_ source: String, to target: String) throws {
        let temporary = temporaryName(target)
        unlink(temporary)
        if systemLink(source, temporary) != 0 {
            try FileManager.default.copyItem(atPath: source, toPath: temporary)
        }
        guard rename(temporary, target) == 0 else { throw posixError() }
    }

    /// `dir/.name.nianbao-link`: hidden, so that a kill never leaves a half-written file under a real name.
    public static func temporaryName(_ target: String) -> String {
        guard let slash = target.lastIndex(of: "/") else { return "." + target + ".nianbao-link" }
        return target[...slash] + "." + target[target.index(after: slash)...] + ".nianbao-link"
    }

    public static func posixError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}
