#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

/// A whole file's bytes in one array: one open, fstat and read. A build reads every file of
/// every report folder, and the output's manifest (megabytes) for its hash.
public enum FileBytes {
    public enum Failure: Error, Equatable {
        case missing
        case directory
        case unreadable
    }

    public static func read(_ path: String) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable) }
        if info.st_mode & S_IFMT == S_IFDIR { return .failure(.directory) }
        // One byte more than fstat says, so that the end is found in the same read.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size) + 1, 4096))
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let n = bytes.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { return .failure(.unreadable) }
            if n == 0 { break }
            count += n
        }
        bytes.removeLast(bytes.count - count)
        return .success(bytes)
    }
}
