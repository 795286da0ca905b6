import Foundation
@testable import NianbaoServer
import Testing

/// The inotify watcher behind `serve`: one callback per burst, new folders, editors' renames.
@Suite struct ServeWatcherTests {
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

        /// Waits until there are `count` bursts (or `timeout` passes).
        func wait(for count: Int, timeout: Double = 5) -> [[String]] {
            let end = Date().addingTimeInterval(timeout)
            while all.count < count, Date() < end { usleep(10_000) }
            return all
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
        let seen = bursts.wait(for: 1)
        usleep(800_000)
        #expect(bursts.all.count == 1, "\(bursts.all)")
        #expect(seen.first?.contains(real(dir.path) + "/reports/2024/a/report.yaml") == true)
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
        // A hidden file alone (a swap file) is no change.
        dir.write("reports/2024/a/.report.yaml.swp", "x")
        dir.write("reports/2024/a/report.yaml~", "x")
        usleep(500_000)
        #expect(bursts.all.count == 1)
    }

    @Test func newFoldersAreWatched() throws {
        let dir = TempDir()
        dir.write("reports/2024/a/report.yaml", "a: 0\n")
        let (watcher, bursts) = try watching(dir)
        defer { watcher.stop() }
        let before = watcher.watchedFolders
        try FileManager.default.createDirectory(atPath: dir.path + "/reports/2025/new/deeper", withIntermediateDirectories: true)
        #expect(bursts.wait(for: 1).count == 1)
        #expect(watcher.watchedFolders == before + 3)
        dir.write("reports/2025/new/deeper/report.yaml", "b: 1\n")
        let seen = bursts.wait(for: 2)
        #expect(seen.count == 2)
        #expect(seen.last?.contains(real(dir.path) + "/reports/2025/new/deeper/report.yaml") == true)
        // A folder moved in from elsewhere is watched too.
        let elsewhere = TempDir()
        elsewhere.write("moved/report.yaml", "c: 1\n")
        #expect(rename(elsewhere.path + "/moved", dir.path + "/reports/2025/moved") == 0)
        #expect(bursts.wait(for: 3).count == 3)
        dir.write("reports/2025/moved/report.yaml", "c: 2\n")
        #expect(bursts.wait(for: 4).last?.contains(real(dir.path) + "/reports/2025/moved/report.yaml") == true)
    }

    @Test func excludedFoldersAreNotReported() throws {
        let dir = TempDir()
        dir.write("reports/2024/a/report.yaml", "a: 0\n")
        dir.write("Site/index.html", "x")
        let (watcher, bursts) = try watching(dir, excluding: [dir.path + "/Site"])
        defer { watcher.stop() }
        dir.write("Site/index.html", "y")
        dir.write("Site/2024/new.html", "y")
        usleep(500_000)
        #expect(bursts.all.isEmpty)
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
        #expect(bursts.wait(for: 1).count == 1)
        dir.write("Content/site.yaml", "title: b\n")
        #expect(bursts.wait(for: 2).count == 2)
        // The new folder is the one watched now.
        dir.write("Content/reports/2024/a/report.yaml", "a: 1\n")
        #expect(bursts.wait(for: 3).last?.contains(real(dir.path) + "/Content/reports/2024/a/report.yaml") == true)
        dir.write("Content.old/site.yaml", "title: c\n")
        usleep(400_000)
        #expect(bursts.all.count == 3, "\(bursts.all)")
    }

    @Test func stopEndsTheThreadPromptly() throws {
        let dir = TempDir()
        let (watcher, _) = try watching(dir)
        let start = Date()
        watcher.stop()
        #expect(Date().timeIntervalSince(start) < 1)
        watcher.stop()  // twice is fine
    }
}
