import Foundation

/// One build at a time per output folder: an advisory lock on `.<name>.nianbao/lock`, released
/// by the kernel if the process dies.
final class BuildLock {
    private let fd: Int32

    init?(_ stateFolder: URL) {
        try? FileManager.default.createDirectory(at: stateFolder, withIntermediateDirectories: true)
        fd = open(stateFolder.appendingPathComponent("lock").path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
