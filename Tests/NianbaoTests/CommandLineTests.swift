import Foundation
import Testing

/// The `nianbao` executable as a user runs it: exit status, and what it prints.
@Suite struct CommandLineTests {
    /// `swift test` builds every product next to the test bundle.
    static let executable: String = {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [dir, dir.deletingLastPathComponent(), dir.deletingLastPathComponent().deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("nianbao").path }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? Repo.root.appendingPathComponent(".build/debug/nianbao").path
    }()

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    func run(_ arguments: [String], in directory: String) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Two processes building the multi-agency example (production, every page kind) write the
    /// same bytes: nothing depends on the order threads finish in, the time or the process.
    @Test func buildsInTwoProcessesAreTheSameBytes() throws {
        let example = ExampleSite.shared
        let out = TempDir()
        for name in ["a", "b"] {
            let result = try run(["build", "--production", "--quiet", "--content", example.content, "--templates", example.templates,
                                  "--output", out.path + "/" + name], in: out.path)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let a = files(out.path + "/a")
        #expect(a.count > 50 && a["feed.xml"] != nil && a["assets/conac.png"] != nil)
        #expect(a == files(out.path + "/b"))
        // And the same bytes as the build inside the test process.
        #expect(a == files(example.output.path + "/Site"))
    }

    /// As a new user would: a new site, a new report of an agency not in its list, then check.
    @Test func newThenCheckPasses() throws {
        let dir = TempDir()
        #expect(try run(["init", "site"], in: dir.path).status == 0)
        let made = try run(["new", "--agency", "示例局", "--slug", "example-bureau", "--year", "2024"], in: dir.path + "/site")
        #expect(made.status == 0 && made.stdout.contains("已将「示例局」（example-bureau，其他）加入 Content/agencies.yaml 的末尾"), "\(made.stdout)\(made.stderr)")
        let checked = try run(["check"], in: dir.path + "/site")
        #expect(checked.status == 0 && !checked.stderr.contains("agency.unlisted"), "\(checked.stderr)")
    }

    @Test func checkPrintsLocatedDiagnosticsAndFails() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.executable), "build the package first: swift build")
        let content = Fixture.site(yaml: Fixture.seed(replacing: "litigation_direct:       [0, 0, 0, 0, 0]",
                                                      with: "litigation_direct:       [1, 0, 0, 0, 0]"))
        let result = try run(["check", "--content", "."], in: content.path)
        #expect(result.status == 1)
        let yaml = try String(contentsOfFile: content.path + "/reports/2024/shilong-gov-office/report.yaml", encoding: .utf8)
        let (line, column) = Fixture.position(of: "[1, 0, 0, 0, 0]", in: yaml, offset: 13)
        let lines = result.stderr.components(separatedBy: "\n")
        #expect(lines[0].hasPrefix("./reports/2024/shilong-gov-office/report.yaml:\(line):\(column): 错误: 表四「行政诉讼 / 未经复议直接起诉」的「总计」应为 1"))
        #expect(lines[0].hasSuffix("[four.group-total]"))
        #expect(lines[1].contains("litigation_direct:       [1, 0, 0, 0, 0]"))
        #expect(lines[2].hasSuffix("^"))
        #expect(lines.contains("1 个错误，0 个警告，检查了 1 份报告"))
    }

    @Test func buildWritesNothingOnErrorAndTheSiteOtherwise() throws {
        let content = Fixture.site(yaml: Fixture.seed(replacing: "year: 2024", with: "year: 2042"))
        let failed = try run(["build", "--content", ".", "--output", "out"], in: content.path)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("[report.year]"))
        #expect(failed.stderr.contains("构建失败：未写入任何文件。"))
        #expect(!FileManager.default.fileExists(atPath: content.path + "/out"))

        let good = Fixture.site()
        let built = try run(["build", "--content", ".", "--output", "out", "--verbose"], in: good.path)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.contains("已生成 1 份报告"))
        #expect(built.stderr.contains("渲染：") && built.stderr.contains("读取并检查 1 个报告目录"))
        #expect(FileManager.default.fileExists(atPath: good.path + "/out/2024/shilong-gov-office/index.html"))
        // No Templates/ here: the built-in theme was used.
        #expect(FileManager.default.fileExists(atPath: good.path + "/out/assets/style.css"))
    }

    @Test func cleanContentChecksClean() throws {
        let result = try run(["check", "--content", Repo.content], in: Repo.root.path)
        #expect(result.status == 0)
        #expect(result.stderr == "0 个错误，0 个警告，检查了 1 份报告\n")
    }
}

extension CommandLineTests {
    @Test func jsonFormatAndStrict() throws {
        let content = Fixture.site(yaml: Fixture.seed(replacing: "published: 2025-01-20", with: "published: 2025-02-03"))
        let plain = try run(["check", "--content", ".", "--format", "json"], in: content.path)
        #expect(plain.status == 0)  // a warning alone passes…
        let strict = try run(["check", "--content", ".", "--strict"], in: content.path)
        #expect(strict.status == 1)  // …unless --strict
        #expect(strict.stderr.contains("0 个错误，1 个警告，检查了 1 份报告"))

        let entries = try #require(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(Set(entry.keys) == ["file", "line", "column", "severity", "rule", "message", "expected", "actual", "related"])
        #expect(entry["rule"] as? String == "deadline.late" && entry["severity"] as? String == "warning")
        #expect(entry["file"] as? String == "./reports/2024/shilong-gov-office/report.yaml")
        #expect(entry["actual"] as? String == "2025-02-03")
        #expect((entry["line"] as? Int).map { $0 > 1 } == true && entry["column"] as? Int == 12)
    }
}
