import Foundation

import NianbaoModel

/// Reads content files as text, turning every problem (missing, a directory, not UTF-8) into a
/// diagnostic instead of an exception.
public enum SourceFile {
    public enum Kind { case missing, file, directory }

    public static func kind(of path: String) -> Kind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        return isDirectory.boolValue ? .directory : .file
    }

    /// The file's text (a leading UTF-8 BOM removed, CRLF kept as written), or a diagnostic.
    /// `display` is the path shown to the user.
    public static func read(_ path: String, display: String) -> Result<String, Diagnostic> {
        let start = SourceLocation(file: display, line: 1, column: 1)
        switch FileBytes.read(path) {
        case .success(let bytes): return decode(bytes, display: display)
        case .failure(.missing): return .failure(.error("file.missing", at: start, "文件不存在"))
        case .failure(.directory): return .failure(.error("file.not-a-file", at: start, "应为文件，实际为目录"))
        case .failure(.unreadable): return .failure(.error("file.unreadable", at: start, "无法读取文件"))
        }
    }

    /// Decodes UTF-8, pointing at the first invalid byte when it is not.
    public static func decode(_ data: Data, display: String) -> Result<String, Diagnostic> {
        decode([UInt8](data), display: display)
    }

    /// Decodes UTF-8, pointing at the first invalid byte when it is not.
    static func decode(_ bytes: [UInt8], display: String) -> Result<String, Diagnostic> {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return .success(text)
        }
        let offset = firstInvalidUTF8Offset(bytes)
        let before = bytes[..<offset]
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = (String(decoding: bytes[lineStart..<offset], as: UTF8.self)).count + 1
        return .failure(.error(
            "file.encoding", at: SourceLocation(file: display, line: line, column: column),
            "文件不是有效的 UTF-8 编码（第 \(offset + 1) 字节起无法解码）；请以 UTF-8 另存该文件（如 Windows 记事本“另存为”时选择 UTF-8，而非 ANSI/GBK）"))
    }

    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            if i + length > bytes.count { return i }
            if String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil { return i }
            i += length
        }
        return bytes.count
    }
}
