import Foundation

/// poppler's `pdfinfo` and `pdftotext` (Debian: poppler-utils), run as child processes on a
/// private temporary copy of the PDF, each under `ulimit` (CPU seconds, address space, file
/// size) and a wall-clock timeout, with their output read back from a file of bounded size.
enum PDFTools {
    struct Info {
        var pages: Int
    }

    /// The tool's path: on PATH, else in /usr/bin.
    static func locate(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") + ["/usr/bin"] {
            let candidate = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static let missing = PDFFile.failure(
        "导入 PDF 需要 poppler 的 pdftotext 和 pdfinfo（Debian/Ubuntu：sudo apt install poppler-utils），本机没有找到；也可以把原文另存为 .docx 或 .txt 再导入")

    /// Page count, from `pdfinfo`; a failure when the file is encrypted or cannot be read.
    static func info(_ pdf: String, limits: PDFFile.Limits) -> Result<Info, DocxPackage.Failure> {
        guard let tool = locate("pdfinfo") else { return .failure(missing) }
        let out = pdf + ".info"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let (status, errors) = run(tool, ["-enc", "UTF-8", pdf], stdout: out, limits: limits)
        let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingSpaces
        }
        if errors.contains("Incorrect password") || fields["Encrypted"]?.hasPrefix("yes") == true { return .failure(encrypted) }
        guard status == 0 else {
            return .failure(status == timedOut ? PDFFile.tooLarge("读取超过 \(Int(limits.wallSeconds)) 秒") : damaged)
        }
        guard let pages = fields["Pages"].flatMap({ Int($0) }) else { return .failure(damaged) }
        return .success(Info(pages: pages))
    }

    static let encrypted = PDFFile.failure(
        "PDF 文件已加密（设有打开密码或权限密码），无法读取其中的文字；请取得未加密的原文件，或由发布单位另存为未加密的 PDF、.docx 后再导入")
    static let damaged = PDFFile.failure("PDF 文件已损坏，poppler 无法读取；请重新下载原文件，或另存为 .docx 后再导入")

    /// The words of every page with their boxes (`pdftotext -bbox-layout`, XHTML).
    static func words(_ pdf: String, pages: Int, limits: PDFFile.Limits) -> Result<Data, DocxPackage.Failure> {
        guard let tool = locate("pdftotext") else { return .failure(missing) }
        let out = pdf + ".html"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let (status, _) = run(tool, ["-bbox-layout", "-enc", "UTF-8", "-f", "1", "-l", String(pages), pdf, out], stdout: nil, limits: limits)
        if status == timedOut { return .failure(PDFFile.tooLarge("读取超过 \(Int(limits.wallSeconds)) 秒")) }
        let size = ((try? FileManager.default.attributesOfItem(atPath: out))?[.size] as? NSNumber)?.intValue ?? 0
        if size >= limits.outputBytes { return .failure(PDFFile.tooLarge("提取的文字超过 \(limits.outputBytes >> 20) MB")) }
        guard status == 0, let data = FileManager.default.contents(atPath: out) else {
            return .failure(status > 128 || status < 0 ? PDFFile.tooLarge("读取时超出内存或时间限制") : damaged)
        }
        return .success(data)
    }

    static let timedOut: Int32 = -2

    /// Runs `tool` under `ulimit` through /bin/sh; its exit status (-2 when killed at the wall
    /// timeout) and what it wrote to stderr (the first 64 kB).
    static func run(_ tool: String, _ arguments: [String], stdout: String?, limits: PDFFile.Limits) -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let blocks = (limits.outputBytes >> 9) + 1
        let script = "ulimit -t \(limits.cpuSeconds); ulimit -v \(limits.memoryKB); ulimit -f \(blocks); exec \"$0\" \"$@\""
        process.arguments = ["-c", script, tool] + arguments
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-pdf-\(UUID().uuidString).err").path
        _ = FileManager.default.createFile(atPath: scratch, contents: nil, attributes: [.posixPermissions: 0o600])
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        if let stdout { _ = FileManager.default.createFile(atPath: stdout, contents: nil, attributes: [.posixPermissions: 0o600]) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout.flatMap { FileHandle(forWritingAtPath: $0) } ?? FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: scratch) ?? FileHandle.nullDevice
        process.environment = ["PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"]
        do { try process.run() } catch { return (-1, "") }
        let deadline = Date().addingTimeInterval(limits.wallSeconds)
        var killed = false
        while process.isRunning {
            if Date() > deadline {
                kill(process.processIdentifier, SIGKILL)
                killed = true
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        let errors = String(decoding: (FileManager.default.contents(atPath: scratch) ?? Data()).prefix(65536), as: UTF8.self)
        if killed { return (timedOut, errors) }
        return (process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus, errors)
    }
}
