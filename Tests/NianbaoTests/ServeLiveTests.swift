import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `nianbao serve` as a user runs it, on a free port of 127.0.0.1: edit a report, the open tab
/// is told to reload, the page has the new figure; requests through a real socket reach nothing
/// outside the site; Ctrl-C stops it and frees the port. No latency is asserted (the bounds below
/// only keep a broken server from hanging the suite); `scripts/bench-serve.py` measures it.
@Suite(.serialized) struct ServeLiveTests {
    /// A plain TCP connection to 127.0.0.1 (the test talks HTTP/1.1 itself, to read the event
    /// stream as it arrives).
    final class Connection {
        let fd: Int32
        private(set) var received = ""

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(fd)
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECONNREFUSED)
            }
        }

        deinit { close(fd) }

        func send(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        }

        /// Reads until `predicate` holds for what was received, the peer closes, or `timeout` passes.
        @discardableResult
        func read(until predicate: (String) -> Bool, timeout: Double) -> Bool {
            let end = Date().addingTimeInterval(timeout)
            var buffer = [UInt8](repeating: 0, count: 65536)
            var bytes = Array(received.utf8)
            while !predicate(received) {
                let left = end.timeIntervalSinceNow
                guard left > 0 else { return false }
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, Int32(left * 1000) + 1) > 0 else { continue }
                let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { return predicate(received) }
                bytes += buffer[0..<n]
                received = String(decoding: bytes, as: UTF8.self)
            }
            return true
        }

        /// True once the peer has closed the connection.
        func isClosed(timeout: Double) -> Bool {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let end = Date().addingTimeInterval(timeout)
            while end.timeIntervalSinceNow > 0 {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 50) > 0 else { continue }
                let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { return true }
            }
            return false
        }
    }

    /// GET over a fresh connection; the whole response.
    func get(_ path: String, port: Int) throws -> String {
        let connection = try Connection(port: port)
        connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        connection.read(until: { _ in false }, timeout: 30)
        return connection.received
    }

    /// Lines the server prints, read as they come.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""

        func append(_ data: Data) {
            lock.lock()
            text += String(decoding: data, as: UTF8.self)
            lock.unlock()
        }

        var all: String {
            lock.lock()
            defer { lock.unlock() }
            return text
        }

        func wait(for needle: String, timeout: Double) -> Bool {
            let end = Date().addingTimeInterval(timeout)
            while !all.contains(needle), Date() < end { usleep(20_000) }
            return all.contains(needle)
        }
    }

    @Test(.timeLimit(.minutes(3))) func editReloadsTheOpenPageAndCtrlCStops() throws {
        let content = Fixture.site()
        let work = TempDir()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.executable)
        process.arguments = ["serve", "--content", content.path, "--output", work.path + "/Site", "--port", "0"]
        process.currentDirectoryURL = URL(fileURLWithPath: work.path)
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let out = Lines(), err = Lines()
        stdout.fileHandleForReading.readabilityHandler = { out.append($0.availableData) }
        stderr.fileHandleForReading.readabilityHandler = { err.append($0.availableData) }
        try process.run()
        defer {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }

        // Built, then listening: the URL names the port.
        #expect(out.wait(for: "正在监视", timeout: 60), "stdout: \(out.all)\nstderr: \(err.all)")
        #expect(out.all.contains("已生成 1 份报告"))
        let match = try #require(out.all.firstMatch(of: /预览地址：http:\/\/127\.0\.0\.1:(\d+)\//), "\(out.all)")
        let port = try #require(Int(match.1))

        // An open tab: its event stream says hello with the generation of the page.
        let page = try get("/2024/shilong-gov-office/", port: port)
        #expect(page.hasPrefix("HTTP/1.1 200"))
        let generation = try #require(page.firstMatch(of: /var g="([a-z0-9-]+)"/)).1
        let events = try Connection(port: port)
        events.send("GET /__nianbao/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        #expect(events.read(until: { $0.contains("event: hello\ndata: \(generation)\n\n") }, timeout: 30), "\(events.received)")
        #expect(events.received.contains("content-type: text/event-stream") || events.received.contains("Content-Type: text/event-stream"))

        // Edit a figure of the report, as an editor saving in place.
        let report = content.path + "/reports/2024/shilong-gov-office/report.yaml"
        #expect(!page.contains("4217"))
        let edited = Fixture.seed(replacing: "licensing: 0", with: "licensing: 4217")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: report))
        let reloaded = events.read(until: { $0.contains("event: reload\ndata: ") }, timeout: 30)
        #expect(reloaded, "no reload event: \(events.received)\nstderr: \(err.all)")

        // The reloaded page has the new figure.
        let fresh = try get("/2024/shilong-gov-office/", port: port)
        #expect(fresh.hasPrefix("HTTP/1.1 200"))
        #expect(fresh.contains(">4217<"))
        #expect(!fresh.contains("var g=\"\(generation)\""))

        // Through a real socket, as a browser or curl sends them (no client tidies the path):
        // nothing outside the site folder, whatever the spelling.
        work.write("secret.txt", ServeFixture.secret)
        for path in ["/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt",
                     "/assets/../../secret.txt", "/.%2e/secret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt", "//../secret.txt"] {
            let response = try get(path, port: port)
            #expect(response.hasPrefix("HTTP/1.1 404") || response.hasPrefix("HTTP/1.1 400"), "\(path): \(response.prefix(40))")
            #expect(!response.contains(ServeFixture.secret), "\(path)")
        }
        #expect(try get("/assets/style.css", port: port).hasPrefix("HTTP/1.1 200"))

        // Ctrl-C: the event stream is closed, the process ends with status 0, the port is free at once.
        kill(process.processIdentifier, SIGINT)
        #expect(events.isClosed(timeout: 30))
        let stopWaiting = Date().addingTimeInterval(30)
        while process.isRunning, Date() < stopWaiting { usleep(20_000) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
        #expect(err.wait(for: "预览已停止", timeout: 30), "\(err.all)")
        #expect(Self.canBind(port), "port \(port) still taken after Ctrl-C")
    }

    /// Whether a new server could listen on 127.0.0.1:`port` now. With SO_REUSEADDR, as `serve`
    /// (Hummingbird) binds: connections the old server closed may linger in TIME_WAIT, but a
    /// socket still listening on the port would make this fail.
    static func canBind(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound == 0 && listen(fd, 1) == 0
    }
}
