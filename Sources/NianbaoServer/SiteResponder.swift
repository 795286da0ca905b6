import Foundation
import Hummingbird

#if canImport(Glibc)
    import Glibc
#endif

/// Answers every request of `serve`: the event stream, the error page while the content has
/// errors, and otherwise the files of the output folder, with the reload script injected into
/// HTML. Only GET and HEAD; only files inside the output folder.
public struct SiteResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    let server: PreviewServer

    public func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.text(.methodNotAllowed, "不支持此请求方法：预览服务器只接受 GET 和 HEAD 请求。\n", head: false, extra: [.allow: "GET, HEAD"])
        }
        let head = request.method == .head
        let raw = request.uri.path
        if raw == ReloadHub.eventsPath { return events(head: head) }

        let status = server.status
        let target = SitePath.resolve(raw, in: server.options.output)
        if status.failed, SitePath.looksLikePage(raw) {
            let page = ErrorPage.html(
                diagnostics: status.diagnostics, sources: status.sources,
                path: SitePath.percentDecoded(raw) ?? raw, generation: status.generation)
            return Self.html(.internalServerError, Array(page.utf8), head: head)
        }
        switch target {
        case .file(let path):
            return serveFile(path, request: request, generation: status.generation, head: head)
        case .folder(let location):
            return Response(status: .movedPermanently, headers: [.location: location, .cacheControl: "no-cache"])
        case .notFound:
            return notFound(generation: status.generation, head: head)
        }
    }

    // MARK: Files

    private func serveFile(_ path: String, request: Request, generation: String, head: Bool) -> Response {
        guard let file = SitePath.readFile(path) else { return notFound(generation: generation, head: head) }
        let type = SitePath.contentType(path)
        let isHTML = type.hasPrefix("text/html")
        // The script (and so the body) changes with every build.
        let tag = "W/\"\(file.identity)\(isHTML ? "-" + generation : "")\""
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-cache", .eTag: tag, .xContentTypeOptions: "nosniff"]
        if request.headers[values: .ifNoneMatch].contains(where: { $0 == tag || $0 == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        let body = isHTML ? Self.injecting(ReloadHub.script(generation: generation), into: file.bytes) : file.bytes
        headers[.contentLength] = String(body.count)
        return Response(status: .ok, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The site's own `404.html`, or a plain page if the site has none. The default theme's
    /// links there start from the site's root path; `<base href="/">` serves a theme whose 404
    /// page links relative to the root, as it is shown at any depth.
    private func notFound(generation: String, head: Bool) -> Response {
        if case .file(let path) = SitePath.resolve("/404.html", in: server.options.output), let file = SitePath.readFile(path) {
            var bytes = Self.injecting("<base href=\"/\" />\n", beforeFirst: Array("</head>".utf8), into: file.bytes)
            bytes = Self.injecting(ReloadHub.script(generation: generation), into: bytes)
            return Self.html(.notFound, bytes, head: head)
        }
        let page = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head><meta charset="utf-8" /><title>页面不存在</title></head>
            <body><main><h1>页面不存在</h1><p><a href="/index.html">返回首页</a></p></main>
            \(ReloadHub.script(generation: generation))</body>
            </html>

            """
        return Self.html(.notFound, Array(page.utf8), head: head)
    }

    // MARK: Events

    private func events(head: Bool) -> Response {
        let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"]
        guard !head else { return Response(status: .ok, headers: headers) }
        let stream = server.hub.subscribe()
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                for await text in stream {
                    try await writer.write(ByteBuffer(string: text))
                }
                try await writer.finish(nil)
            })
    }

    // MARK: Helpers

    static func html(_ status: HTTPResponse.Status, _ bytes: [UInt8], head: Bool) -> Response {
        let headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .contentLength: String(bytes.count),
            .xContentTypeOptions: "nosniff",
        ]
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func text(_ status: HTTPResponse.Status, _ text: String, head: Bool, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .contentLength: String(text.utf8.count)]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `snippet` inserted before the last `</body>` (any case), or appended if there is none.
    static func injecting(_ snippet: String, into bytes: [UInt8]) -> [UInt8] {
        let tag = Array("</body".utf8)
        var at = bytes.count
        if bytes.count >= tag.count {
            var i = bytes.count - tag.count
            while i >= 0 {
                if matches(tag, in: bytes, at: i) {
                    at = i
                    break
                }
                i -= 1
            }
        }
        var out = bytes
        out.insert(contentsOf: Array(snippet.utf8), at: at)
        return out
    }

    /// `snippet` inserted before the first `tag` (any case); unchanged if there is none.
    static func injecting(_ snippet: String, beforeFirst tag: [UInt8], into bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= tag.count else { return bytes }
        for i in 0...(bytes.count - tag.count) where matches(tag, in: bytes, at: i) {
            var out = bytes
            out.insert(contentsOf: Array(snippet.utf8), at: i)
            return out
        }
        return bytes
    }

    private static func matches(_ tag: [UInt8], in bytes: [UInt8], at i: Int) -> Bool {
        for (k, t) in tag.enumerated() {
            var b = bytes[i + k]
            if b >= 0x41, b <= 0x5A { b += 0x20 }
            if b != t { return false }
        }
        return true
    }
}

/// Request paths → files of the site folder, safely.
///
/// A path is percent-decoded once; then a backslash, a NUL, an empty or `.`/`..` part, or a part
/// starting with `.` (hidden files, the manifest) means "not found". What is left is joined to
/// the site folder, resolved with `realpath` (following any symbolic link) and must still lie
/// inside the site folder's own real path; the file is then opened with `O_NOFOLLOW`.
enum SitePath {
    enum Target: Equatable {
        /// A regular file inside the site (real path).
        case file(String)
        /// A folder asked for without the final `/`: redirect there (its `index.html` links relative to it).
        case folder(location: String)
        case notFound
    }

    static func resolve(_ raw: String, in site: String) -> Target {
        guard raw.hasPrefix("/"), !raw.contains("\\"), let decoded = percentDecoded(raw), !decoded.contains("\\"),
            !decoded.contains("\0")
        else { return .notFound }
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var names: [Substring] = []
        for (i, part) in parts.enumerated() {
            if part.isEmpty {
                if i == parts.count - 1 { break }  // the final "/" of a folder
                return .notFound
            }
            if part.hasPrefix(".") { return .notFound }
            names.append(part)
        }
        guard let root = realPath(site) else { return .notFound }
        let joined = names.isEmpty ? root : root + "/" + names.joined(separator: "/")
        guard let real = realPath(joined), inside(real, root) else { return .notFound }
        var info = stat()
        guard stat(real, &info) == 0 else { return .notFound }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return decoded.hasSuffix("/") ? .notFound : .file(real)
        case S_IFDIR:
            guard decoded.hasSuffix("/") else {
                return .folder(location: "/" + names.map { percentEncoded(String($0)) }.joined(separator: "/") + "/")
            }
            guard let index = realPath(real + "/index.html"), inside(index, root), stat(index, &info) == 0,
                info.st_mode & S_IFMT == S_IFREG
            else { return .notFound }
            return .file(index)
        default:
            return .notFound
        }
    }

    private static func inside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Pages are shown the error page while the content has errors; other files (the stylesheet)
    /// are served as last built. A page: a folder (`…/`), `*.html`, or a last part without `.`.
    static func looksLikePage(_ raw: String) -> Bool {
        let last = raw.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        let lower = last.lowercased()
        return last.isEmpty || lower.hasSuffix(".html") || lower.hasSuffix(".htm") || !last.contains(".")
    }

    struct File {
        var bytes: [UInt8]
        /// Inode, size and modification time: changes whenever the file does.
        var identity: String
    }

    /// The bytes of a regular file; nil if it is not one or cannot be read.
    static func readFile(_ path: String) -> File? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, size - done) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        if done < size { bytes.removeSubrange(done...) }
        let identity = "\(String(info.st_ino, radix: 36))-\(String(done, radix: 36))-\(String(info.st_mtim.tv_sec, radix: 36)).\(info.st_mtim.tv_nsec)"
        return File(bytes: bytes, identity: identity)
    }

    static func contentType(_ path: String) -> String {
        let ext = path.split(separator: "/").last.flatMap { name in name.contains(".") ? name.split(separator: ".").last : nil }
            .map { $0.lowercased() } ?? ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "json": return "application/json"
        case "csv": return "text/csv; charset=utf-8"
        case "xml": return path.hasSuffix("feed.xml") ? "application/atom+xml; charset=utf-8" : "application/xml; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        default: return MediaType.getMediaType(forExtension: ext)?.description ?? "application/octet-stream"
        }
    }

    /// Percent-decoding, strict: `%` must be followed by two hex digits, and the result must be UTF-8.
    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A path part for a URL: unreserved ASCII kept, everything else percent-encoded (UTF-8).
    static func percentEncoded(_ part: String) -> String {
        var out = ""
        for byte in part.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
