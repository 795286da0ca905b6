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
        // One byte more than fstat says, so that the end is found in the same read; into memory
        // not zeroed first (the output's manifest is megabytes).
        var failed = false, full = false
        var bytes = [UInt8](unsafeUninitializedCapacity: Int(info.st_size) + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let n = systemRead(fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0, errno == EINTR { continue }
                if n <= 0 {
                    failed = n < 0
                    return
                }
                count += n
            }
            full = true
        }
        // Longer than fstat said (written to meanwhile): the rest in pieces.
        while full, !failed {
            var piece = [UInt8](repeating: 0, count: 65536)
            let n = piece.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            failed = n < 0
            full = n > 0
            bytes += piece[..<max(n, 0)]
        }
        guard !failed else { return .failure(.unreadable) }
        return .success(bytes)
    }
}
