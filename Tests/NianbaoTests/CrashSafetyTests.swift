import Foundation
@testable import NianbaoSite
import Testing

/// A build killed at any moment leaves the output exactly as one whole build left it, never a
/// mix, never a partly written file; the next build repairs whatever the kill left. Each test runs
/// with the atomic exchange and with the swap by renames used where a file system lacks it (there
/// the output may be absent right after a kill, its old generation whole in the state folder, and
/// the next build puts it back).
@Suite(.serialized) struct CrashSafetyTests {
    /// The complete sites a kill may leave, one per version of `content` (switched by `use`).
    static func snapshots(_ content: TempDir, in out: TempDir, versions: Int = 2, _ use: (Int) -> Void) -> [[String: Data]] {
        var snapshots: [[String: Data]] = []
        for version in 0..<versions {
            use(version)
            #expect(SiteBuilder.build(.init(content: content.path, templates: nil, output: out.path + "/snapshot-\(version)")).succeeded)
            snapshots.append(files(out.path + "/snapshot-\(version)"))
        }
        #expect(Set(snapshots).count == versions)
        return snapshots
    }

    /// Which whole build the output holds after a kill (nil: a mix, or absent with no whole old
    /// generation to put back); an absent output counts as `complete`, which the next build restores.
    static func whole(_ site: String, _ snapshots: [[String: Data]], complete: Int, atomic: Bool, _ kill: Int) -> Int? {
        let now = files(site)
        #expect(!now.keys.contains { $0.contains(".nianbao-link") || $0.hasPrefix(".") && $0 != ".nianbao-manifest" })
        if now.isEmpty, !atomic, !FileManager.default.fileExists(atPath: site) {
            // Killed between the renames: the old output waits whole in the state folder.
            let old = files(OutputWriter.oldFolder(OutputWriter.stateFolder(for: site)).path)
            #expect(old == snapshots[complete], "kill \(kill): output absent, and its old generation is not whole")
            return old == snapshots[complete] ? complete : nil
        }
        let whole = snapshots.firstIndex(of: now)
        #expect(whole != nil, "kill \(kill): the output is not one whole build (\(now.count) files)")
        return whole
    }

    /// Full builds (`--clean`) of a site whose every page changes (its title), killed at any moment.
    /// Three titles in turn, so that the stage (the generation before last) never already holds
    /// the one being built: every build writes every page.
    @Test(arguments: [true, false]) func killedBuildsNeverLeaveAMix(atomic: Bool) throws {
        let content = IncrementalBuildTests.corpus(agencies: 60)  // 120 reports
        let siteYAML = content.read("site.yaml")
        let titles = ["石龙区政务公开（甲）", "石龙区政务公开（乙）", "石龙区政务公开（丙）"]
        func use(_ version: Int) {
            content.write("site.yaml", siteYAML.replacingOccurrences(of: "title: 石龙区政府信息公开工作年度报告", with: "title: \(titles[version])"))
        }
        let out = TempDir()
        let snapshots = Self.snapshots(content, in: out, versions: 3, use)
        let site = out.path + "/Site"
        let build = KilledBuild(content: content.path, output: site, clean: true, atomic: atomic)
        for version in [0, 1] {
            use(version)
            #expect(try build.run().status == 0)
        }
        use(2)
        var timing = try build.time()
        #expect(files(site) == snapshots[2])

        var complete = 2  // the version the output last completed
        var killedWhileWriting = 0
        for kill in 0..<16 {
            use((complete + 1) % 3)
            let run = try build.run(killAt: timing.point(kill, of: 16))
            timing.adapt(to: run)
            let whole = Self.whole(site, snapshots, complete: complete, atomic: atomic, kill)
            if run.killedWhileWriting { killedWhileWriting += 1 }
            if let whole { complete = whole }
        }
        print("killedBuildsNeverLeaveAMix(atomic: \(atomic)): \(killedWhileWriting) of 16 kills landed after the build began writing")
        #expect(killedWhileWriting >= 4, "only \(killedWhileWriting) of 16 kills landed after the build began writing")

        // The next build repairs the stage and completes.
        let next = (complete + 1) % 3
        use(next)
        #expect(try build.run().status == 0)
        #expect(files(site) == snapshots[next])
        // And an incremental build afterwards is still exact.
        use(complete)
        var options = SiteBuilder.Options(content: content.path, templates: nil, output: site)
        options.atomicExchange = atomic
        let result = SiteBuilder.build(options)
        #expect(result.succeeded && files(site) == snapshots[complete])
    }

    /// The same for incremental builds (one report's narrative switched back and forth): killed
    /// while the stage is brought up to date, while pages are written, around the exchange and
    /// while the records are written, the output is one whole build and the next build exact.
    @Test(arguments: [true, false]) func killedIncrementalBuildsNeverLeaveAMix(atomic: Bool) throws {
        let content = IncrementalBuildTests.corpus(agencies: 60)
        let path = "reports/2025/agency-7/overview.md"
        let original = content.read(path)
        func use(_ version: Int) { content.write(path, original + (version == 0 ? "" : "\n本段为测试追加的文字。\n")) }
        let out = TempDir()
        let snapshots = Self.snapshots(content, in: out, use)
        let site = out.path + "/Site"
        let build = KilledBuild(content: content.path, output: site, clean: false, atomic: atomic)
        // A full build, then incremental ones: time the third.
        for version in [0, 1, 0] {
            use(version)
            #expect(try build.run().status == 0)
        }
        use(1)
        var timing = try build.time()
        #expect(files(site) == snapshots[1])

        var complete = 1
        var killedWhileWriting = 0
        for kill in 0..<24 {
            use(1 - complete)
            let run = try build.run(killAt: timing.point(kill, of: 24))
            timing.adapt(to: run)
            let whole = Self.whole(site, snapshots, complete: complete, atomic: atomic, kill)
            if run.killedWhileWriting { killedWhileWriting += 1 }
            if let whole { complete = whole }
            // Whatever the kill left, the next build is exact.
            if kill % 4 == 3 {
                use(1 - complete)
                #expect(try build.run().status == 0)
                complete = 1 - complete
                #expect(files(site) == snapshots[complete], "after kill \(kill)")
            }
        }
        print("killedIncrementalBuildsNeverLeaveAMix(atomic: \(atomic)): \(killedWhileWriting) of 24 kills landed after the build began writing")
        #expect(killedWhileWriting >= 6, "only \(killedWhileWriting) of 24 kills landed after the build began writing")
        use(1 - complete)
        #expect(try build.run().status == 0)
        #expect(files(site) == snapshots[1 - complete])
    }

    /// A first build (no output yet) killed at any moment, including while it leaves the stage of
    /// links for the next build: the output is absent or whole, and the builds after it are exact.
    @Test(arguments: [true, false]) func killedFirstBuildsNeverLeaveAMix(atomic: Bool) throws {
        let content = IncrementalBuildTests.corpus(agencies: 60)
        let path = "reports/2024/agency-3/problems.md"
        let original = content.read(path)
        let out = TempDir()
        #expect(SiteBuilder.build(.init(content: content.path, templates: nil, output: out.path + "/snapshot")).succeeded)
        let snapshot = files(out.path + "/snapshot")
        let site = out.path + "/Site"
        let build = KilledBuild(content: content.path, output: site, clean: false, atomic: atomic)
        func removeAll() {
            try? FileManager.default.removeItem(atPath: site)
            try? FileManager.default.removeItem(at: OutputWriter.stateFolder(for: site))
        }
        removeAll()
        var timing = try build.time()
        var killedWhileWriting = 0
        for kill in 0..<12 {
            removeAll()
            let run = try build.run(killAt: timing.point(kill, of: 12))
            timing.adapt(to: run)
            let now = FileManager.default.fileExists(atPath: site) ? files(site) : [:]
            #expect(now.isEmpty || now == snapshot, "kill \(kill): \(now.count) files")
            if run.killedWhileWriting { killedWhileWriting += 1 }
            // The next build (one narrative changed, then changed back) is exact.
            content.write(path, original + "\n测试。\n")
            #expect(try build.run().status == 0)
            content.write(path, original)
            #expect(try build.run().status == 0)
            #expect(files(site) == snapshot, "after kill \(kill)")
        }
        print("killedFirstBuildsNeverLeaveAMix(atomic: \(atomic)): \(killedWhileWriting) of 12 kills landed after the build began writing")
        #expect(killedWhileWriting >= 3, "only \(killedWhileWriting) of 12 kills landed after the build began writing")
    }
}

/// `nianbao build` as a process, killed at a chosen moment; tells whether the kill landed after
/// the build began writing (the state folder, its stage or the output changed) and before it ended.
struct KilledBuild {
    let content: String
    let output: String
    let clean: Bool
    let atomic: Bool

    /// When the reference build began writing and when it ended, in seconds from its start.
    struct Timing {
        var firstWrite: Double
        var end: Double

        /// Kill `k` of `n`: a third of them spread from the start until writing begins, the rest
        /// spread over the writing (timed from when this run begins writing), a little past its end.
        func point(_ k: Int, of n: Int) -> KillPoint {
            let before = n / 3
            if k < before { return .afterStart(firstWrite * Double(k) / Double(before)) }
            let fraction = Double(k - before) / Double(n - before - 1)
            return .afterFirstWrite((end - firstWrite) * fraction * 1.1)
        }

        /// A run that ended before its kill, having written for less time than the reference
        /// build did: the later kills are spread over that shorter writing, so that they land in
        /// it on a machine that got quicker since the reference build was timed.
        mutating func adapt(to run: Run) {
            guard let wrote = run.endedAfterWriting, wrote < end - firstWrite else { return }
            end = firstWrite + wrote
        }
    }

    enum KillPoint {
        case afterStart(Double)
        case afterFirstWrite(Double)
    }

    struct Run {
        var status: Int32
        var killedWhileWriting: Bool
        /// For a run that ended before its kill: how long it wrote (from its first write to its end).
        var endedAfterWriting: Double? = nil
    }

    /// A reference build, not killed: when it began writing and when it ended.
    func time() throws -> Timing {
        let process = try start()
        let clock = ContinuousClock()
        let began = clock.now
        let before = signature()
        var firstWrite: Double?
        while process.isRunning {
            if firstWrite == nil, signature() != before { firstWrite = seconds(clock.now - began) }
            usleep(500)
        }
        process.waitUntilExit()
        let end = seconds(clock.now - began)
        #expect(process.terminationStatus == 0)
        return Timing(firstWrite: firstWrite ?? end, end: end)
    }

    /// One build; killed at `point` if given.
    func run(killAt point: KillPoint? = nil) throws -> Run {
        let before = signature()
        let process = try start()
        guard let point else {
            process.waitUntilExit()
            return Run(status: process.terminationStatus, killedWhileWriting: false)
        }
        let clock = ContinuousClock()
        let began = clock.now
        var wroteAt: ContinuousClock.Instant?
        func due() -> Bool {
            switch point {
            case .afterStart(let delay): return seconds(clock.now - began) >= delay
            case .afterFirstWrite(let delay): return wroteAt.map { seconds(clock.now - $0) >= delay } ?? false
            }
        }
        while process.isRunning, !due() {
            if wroteAt == nil, signature() != before { wroteAt = clock.now }
            usleep(500)
        }
        let ended = process.isRunning ? nil : wroteAt.map { seconds(clock.now - $0) }
        let wrote = wroteAt != nil || signature() != before
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let killed = process.terminationReason == .uncaughtSignal
        return Run(status: killed ? -1 : process.terminationStatus, killedWhileWriting: killed && wrote, endedAfterWriting: killed ? nil : ended)
    }

    private func start() throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
        process.arguments = ["build", "--quiet", "--content", content, "--output", output] + (clean ? ["--clean"] : [])
        var environment = ProcessInfo.processInfo.environment
        environment["NIANBAO_NO_ATOMIC_EXCHANGE"] = atomic ? nil : "1"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// What a build changes first: the entries of the state folder (records, stage, `old/`), the
    /// stage's own entries (its manifest goes before anything in it changes) and the output folder.
    private func signature() -> [String] {
        let state = OutputWriter.stateFolder(for: output).path
        var out: [String] = []
        for folder in [state, state + "/stage"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() where name != "lock" {
                var info = stat()
                guard lstat(folder + "/" + name, &info) == 0 else { continue }
                out.append("\(folder)/\(name) \(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
            }
        }
        var info = stat()
        out.append(lstat(output, &info) == 0 ? "output \(info.st_ino) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)" : "no output")
        return out
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
