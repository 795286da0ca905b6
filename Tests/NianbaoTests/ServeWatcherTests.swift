import Foundation
@testable import NianbaoServer
import Testing

/// The inotify watcher behind `serve`: one callback per burst, new folders, editors' renames.
/// Serialized, and every "nothing was reported" ends on an event, not a sleep: a marker file is
/// written last and the check waits for its burst; whatever the watcher would wrongly report was
/// written before it, so is in that burst or an earlier one. Latency is measured by
/// `scripts/bench-serve.py`, not asserted here.
@Suite(.serialized) struct ServeWatcherTests {
    /// The bursts a watcher reported.
    final class Bursts: @unchecked Sendable {
        private let lock = NSLock()
        private var bursts: [[String]] = []

        func add(_ paths: [String]) {
            lock.lock()
            bursts.append(paths)
            lock.unlock()
        }

        var all: [[String]] {
            lock.lock()
            defer { lock.unlock() }
            return bursts
        }

        /// Waits until there are `count` bursts (or `timeout` passes: a failure, not a result).
        func wait(for count: Int, timeout: Double = 30) -> [[String]] {
            let end = Date().addingTimeInterval(timeout)
            while all.count < count, Date() < end { usleep(10_000) }
            return all
        }

        /// Waits until a burst after the first `earlier` reports `path` or a folder holding it (or
        /// `timeout` passes: a failure); whether one did. A file written into a folder before the
        /// watcher had added its watch is reported as that folder (the build reads whatever is
        /// there), as happens on a loaded machine.
        func wait(reporting path: String, after earlier: Int, timeout: Double = 30) -> Bool {
            let covered = { (burst: [String]) in burst.contains { path == $0 || path.hasPrefix($0 + "/") } }
            let end = Date().addingTimeInterval(timeout)
            while !all.dropFirst(earlier).contains(where: covered), Date() < end { usleep(10_000) }
            return all.dropFirst(earlier).contains(where: covered)
        }

        /// Writes `marker` in `dir` and waits for the burst that reports it; the bursts until then.
        func mark(_ dir: TempDir, _ marker: String, reported path: String) -> [[String]] {
            dir.write(marker, "marker")
            let end = Date().addingTimeInterval(30)
            while !all.contains(where: { $0.contains(path) }), Date() < end { usleep(10_000) }
            let seen = all
            #expect(seen.last?.contains(path) == true, "the marker \(marker) was not reported: \(seen)")
            return seen
        }
    }

    func watching(_ dir: TempDir, excluding: [String] = [], quiet: Duration = .milliseconds(150)) throws -> (FolderWatcher, Bursts) {
        let bursts = Bursts()
        let watcher = try FolderWatcher(roots: [dir.path], excluding: excluding, quiet: quiet) { bursts.add($0) }
        watcher.start()
        return (watcher, bursts)
    }

    /// The real path, as the watcher reports it (the temporary folder may be behind a link).
    func real(_ path: String) -> String { FolderWatcher.absolute(path) }

    @Test func aBurstOfSavesIsOneChange() throws {
        let dir = TempDir()
        dir.write("reports/2024/a/report.yaml", "a: 0\n")
        // A longer quiet time than serve's 150 ms, so that a busy test machine does not split the burst.
        let (watcher, bursts) = try watching(dir, quiet: .milliseconds(300))
        defer { watcher.stop() }
        for i in 0..<20 {
            dir.write("reports/2024/a/report.yaml", "a: \(i)\n")
            usleep(5_000)
        }
        let first = bursts.wait(for: 1)
        #expect(first.first?.contains(real(dir.path) + "/reports/2024/a/report.yaml") == true)
        // Only then the marker: any second burst of those saves came before its own.
        let seen = bursts.mark(dir, "reports/2024/a/marker.md", reported: real(dir.path) + "/reports/2024/a/marker.md")
        #expect(seen.count == 2 && Set(seen.last ?? []) == [real(dir.path) + "/reports/2024/a/marker.md"], "\(seen)")
    }

    @Test func savesThroughATemporaryFileAndRenameAreSeen() throws {
        let dir = TempDir()
        dir.write("reports/2024/a/report.yaml", "a: 0\n")
        let (watcher, bursts) = try watching(dir)
        defer { watcher.stop() }
        // As editors do: write a hidden temporary file, then rename it over the original.
        dir.write("reports/2024/a/.report.yaml.tmp-1234", "a: 1\n")
        #expect(rename(dir.path + "/reports/2024/a/.report.yaml.tmp-1234", dir.path + "/reports/2024/a/report.yaml") == 0)
        let seen = bursts.wait(for: 1)
        #expect(seen.count == 1)
        #expect(seen.first?.contains(real(dir.path) + "/reports/2024/a/report.yaml") == true)
        // A hidden file alone (a swap file) is no change, nor a backup file.
        dir.write("reports/2024/a/.report.yaml.swp", "x")
        dir.write("reports/2024/a/report.yaml~", "x")
        let marked = bursts.mark(dir, "reports/2024/a/marker.md", reported: real(dir.path) + "/reports/2024/a/marker.md")
        #expect(marked.count == 2 && Set(marked.last ?? []) == [real(dir.path) + "/reports/2024/a/marker.md"], "\(marked)")
    }

    @Test func newFoldersAreWatched() throws {
        let dir = TempDir()
        dir.write("reports/2024/a/report.yaml", "a: 0\n")
        let (watcher, bursts) = try watching(dir)
        defer { watcher.stop() }
        let before = watcher.watchedFolders
        try FileManager.default.createDirectory(atPath: dir.path + "/reports/2025/new/deeper", withIntermediateDirectories: true)
        #expect(bursts.wait(for: 1).count >= 1)
        #expect(watcher.watchedFolders == before + 3)
        var earlier = bursts.all.count
        dir.write("reports/2025/new/deeper/report.yaml", "b: 1\n")
        let deeper = real(dir.path) + "/reports/2025/new/deeper/report.yaml"
        #expect(bursts.wait(reporting: deeper, after: earlier), "\(bursts.all)")
        // A folder moved in from elsewhere is watched too.
        let elsewhere = TempDir()
        elsewhere.write("moved/report.yaml", "c: 1\n")
        let count = bursts.all.count
        #expect(rename(elsewhere.path + "/moved", dir.path + "/reports/2025/moved") == 0)
        #expect(bursts.wait(for: count + 1).count > count)
        earlier = bursts.all.count
        dir.write("reports/2025/moved/report.yaml", "c: 2\n")
        let moved = real(dir.path) + "/reports/2025/moved/report.yaml"
        #expect(bursts.wait(reporting: moved, after: earlier), "\(bursts.all)")
    }

    @Test func excludedFoldersAreNotReported() throws {
        let dir = TempDir()
        dir.write("reports/2024/a/report.yaml", "a: 0\n")
        dir.write("Site/index.html", "x")
        let (watcher, bursts) = try watching(dir, excluding: [dir.path + "/Site"])
        defer { watcher.stop() }
        dir.write("Site/index.html", "y")
        dir.write("Site/2024/new.html", "y")
        let seen = bursts.mark(dir, "reports/marker.md", reported: real(dir.path) + "/reports/marker.md")
        #expect(seen.count == 1 && Set(seen.last ?? []) == [real(dir.path) + "/reports/marker.md"], "\(seen)")
    }

    @Test func aReplacedRootIsWatchedAgain() throws {
        let dir = TempDir()
        dir.write("Content/site.yaml", "title: a\n")
        let bursts = Bursts()
        let watcher = try FolderWatcher(roots: [dir.path + "/Content"]) { bursts.add($0) }
        watcher.start()
        defer { watcher.stop() }
        // Replaced as a whole (as by `mv Content Content.old && cp -r … Content`).
        #expect(rename(dir.path + "/Content", dir.path + "/Content.old") == 0)
        #expect(bursts.wait(for: 1).count >= 1)
        let before = bursts.all.count
        dir.write("Content/site.yaml", "title: b\n")
        let root = real(dir.path) + "/Content"
        #expect(bursts.wait(reporting: root + "/site.yaml", after: before), "\(bursts.all)")
        // The new folder is the one watched now.
        let file = real(dir.path) + "/Content/reports/2024/a/report.yaml"
        let earlier = bursts.all.count
        dir.write("Content/reports/2024/a/report.yaml", "a: 1\n")
        #expect(bursts.wait(reporting: file, after: earlier), "\(bursts.all)")
        dir.write("Content.old/site.yaml", "title: c\n")
        let seen = bursts.mark(dir, "Content/marker.md", reported: real(dir.path) + "/Content/marker.md")
        #expect(!seen.joined().contains { $0.hasPrefix(real(dir.path) + "/Content.old/") }, "\(seen)")
        #expect(Set(seen.last ?? []) == [real(dir.path) + "/Content/marker.md"], "\(seen)")
    }

    @Test func stopEndsTheThread() throws {
        let dir = TempDir()
        let (watcher, _) = try watching(dir)
        #expect(!watcher.hasEnded)
        watcher.stop()  // returns once the thread has ended (or after its 30 s bound)
        #expect(watcher.hasEnded)
        watcher.stop()  // twice is fine
    }
}
