import Foundation
import NianbaoSite
import Testing

/// A build killed at any moment leaves the output exactly as one whole build left it, never a
/// mix, never a partly written file; the next build repairs whatever the kill left.
@Suite struct CrashSafetyTests {
    @Test func killedBuildsNeverLeaveAMix() throws {
        #expect(FileManager.default.isExecutableFile(atPath: CommandLineTests.executable), "build the package first")
        let content = IncrementalBuildTests.corpus(agencies: 60)  // 120 reports
        let siteYAML = content.read("site.yaml")
        let titles = ["石龙区政务公开（甲）", "石龙区政务公开（乙）"]
        func use(_ version: Int) {
            content.write("site.yaml", siteYAML.replacingOccurrences(of: "title: 石龙区政府信息公开工作年度报告", with: "title: \(titles[version])"))
        }
        // The two complete sites a kill may leave.
        let out = TempDir()
        var snapshots: [[String: Data]] = []
        for version in 0..<2 {
            use(version)
            let result = SiteBuilder.build(.init(content: content.path, templates: nil, output: out.path + "/snapshot-\(version)"))
            #expect(result.succeeded)
            snapshots.append(files(out.path + "/snapshot-\(version)"))
        }
        #expect(snapshots[0] != snapshots[1])

        let site = out.path + "/Site"
        func start() throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
            process.arguments = ["build", "--quiet", "--clean", "--content", content.path, "--output", site]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        use(0)
        let clock = ContinuousClock()
        let began = clock.now
        let first = try start()
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let duration = clock.now - began
        #expect(files(site) == snapshots[0])

        var complete = 0  // the version the output last completed
        var killedMidway = 0
        for kill in 0..<16 {
            let version = 1 - complete
            use(version)
            let process = try start()
            // Spread the kills over the whole build, from its start to its end.
            Thread.sleep(forTimeInterval: Double(duration.components.attoseconds) / 1e18 * Double(kill) / 15 + Double(duration.components.seconds) * Double(kill) / 15)
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = files(site)
            let whole = snapshots.firstIndex(of: now)
            #expect(whole != nil, "kill \(kill): the output is not one whole build (\(now.count) files)")
            if let whole {
                if whole != complete { complete = whole } else { killedMidway += 1 }
            }
            #expect(!now.keys.contains { $0.contains(".nianbao-link") || $0.hasPrefix(".") && $0 != ".nianbao-manifest" })
        }
        #expect(killedMidway > 0, "no kill landed during a build: the test did not test anything")

        // The next build repairs the stage and completes.
        use(1 - complete)
        let repair = try start()
        repair.waitUntilExit()
        #expect(repair.terminationStatus == 0)
        #expect(files(site) == snapshots[1 - complete])
        // And an incremental build afterwards is still exact.
        use(complete)
        let result = SiteBuilder.build(.init(content: content.path, templates: nil, output: site))
        #expect(result.succeeded && files(site) == snapshots[complete])
    }

    /// The same for incremental builds (one report's narrative switched back and forth): killed
    /// while the stage is brought up to date, while pages are written, around the exchange and
    /// while the records are written, the output is one whole build and the next build exact.
    @Test func killedIncrementalBuildsNeverLeaveAMix() throws {
        let content = IncrementalBuildTests.corpus(agencies: 60)
        let path = "reports/2025/agency-7/overview.md"
        let original = content.read(path)
        func use(_ version: Int) { content.write(path, original + (version == 0 ? "" : "\n本段为测试追加的文字。\n")) }
        let out = TempDir()
        var snapshots: [[String: Data]] = []
        for version in 0..<2 {
            use(version)
            #expect(SiteBuilder.build(.init(content: content.path, templates: nil, output: out.path + "/snapshot-\(version)")).succeeded)
            snapshots.append(files(out.path + "/snapshot-\(version)"))
        }
        #expect(snapshots[0] != snapshots[1])
        let site = out.path + "/Site"
        func run(_ version: Int, killAfter seconds: Double? = nil) throws -> Int32 {
            use(version)
            return try Self.build(content: content.path, output: site, killAfter: seconds)
        }
        // A full build, then incremental ones: time the third.
        for version in [0, 1, 0] { #expect(try run(version) == 0) }
        let clock = ContinuousClock()
        let began = clock.now
        #expect(try run(1) == 0)
        let duration = clock.now - began
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        #expect(files(site) == snapshots[1])

        var complete = 1
        var killedMidway = 0
        for kill in 0..<24 {
            let status = try run(1 - complete, killAfter: seconds * Double(kill) / 20)
            let now = files(site)
            let whole = snapshots.firstIndex(of: now)
            #expect(whole != nil, "kill \(kill): the output is not one whole build (\(now.count) files)")
            if status != 0 && whole == complete { killedMidway += 1 }
            if let whole { complete = whole }
            #expect(!now.keys.contains { $0.contains(".nianbao-link") || $0.hasPrefix(".") && $0 != ".nianbao-manifest" })
            // Whatever the kill left, the next build is exact.
            if kill % 4 == 3 {
                #expect(try run(1 - complete) == 0)
                complete = 1 - complete
                #expect(files(site) == snapshots[complete], "after kill \(kill)")
            }
        }
        #expect(killedMidway > 0, "no kill landed during a build: the test did not test anything")
        #expect(try run(1 - complete) == 0)
        #expect(files(site) == snapshots[1 - complete])
    }

    /// A first build (no output yet) killed at any moment, including while it leaves the stage of
    /// links for the next build: the output is absent or whole, and the builds after it are exact.
    @Test func killedFirstBuildsNeverLeaveAMix() throws {
        let content = IncrementalBuildTests.corpus(agencies: 60)
        let path = "reports/2024/agency-3/problems.md"
        let original = content.read(path)
        let out = TempDir()
        #expect(SiteBuilder.build(.init(content: content.path, templates: nil, output: out.path + "/snapshot")).succeeded)
        let snapshot = files(out.path + "/snapshot")
        let site = out.path + "/Site"
        func run(killAfter seconds: Double? = nil) throws -> Int32 {
            try Self.build(content: content.path, output: site, killAfter: seconds)
        }
        let clock = ContinuousClock()
        let began = clock.now
        #expect(try run() == 0)
        let duration = clock.now - began
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        var landed = 0
        for kill in 0..<12 {
            try? FileManager.default.removeItem(atPath: site)
            try? FileManager.default.removeItem(at: OutputWriter.stateFolder(for: site))
            let status = try run(killAfter: seconds * Double(kill) / 10)
            let now = FileManager.default.fileExists(atPath: site) ? files(site) : [:]
            #expect(now.isEmpty || now == snapshot, "kill \(kill): \(now.count) files")
            if status != 0 { landed += 1 }
            // The next build (one narrative changed, then changed back) is exact.
            content.write(path, original + "\n测试。\n")
            #expect(try run() == 0)
            content.write(path, original)
            #expect(try run() == 0)
            #expect(files(site) == snapshot, "after kill \(kill)")
        }
        #expect(landed > 0, "no kill landed during a build: the test did not test anything")
    }

    /// `nianbao build` (incremental) as a process, killed after `seconds` if given; its exit status.
    static func build(content: String, output: String, killAfter seconds: Double?) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
        process.arguments = ["build", "--quiet", "--content", content, "--output", output]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let seconds {
            Thread.sleep(forTimeInterval: seconds)
            Foundation.kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
