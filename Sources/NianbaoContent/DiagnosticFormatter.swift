import NianbaoModel

/// Prints diagnostics the way compilers do: `file:line:column: 错误: message [rule]`, then the
/// source line and a caret under the column.
public struct DiagnosticFormatter {
    /// File text by displayed path.
    let sources: [String: String]

    public init(sources: [String: String]) {
        self.sources = sources
    }

    public func format(_ diagnostic: Diagnostic) -> String {
        var head = ""
        if let at = diagnostic.location { head = "\(at.file):\(at.line):\(at.column): " }
        head += "\(diagnostic.severity.label): \(diagnostic.message) [\(diagnostic.rule)]"
        var out = head + quote(diagnostic.location)
        for related in diagnostic.related {
            let at = related.location
            out += "\n\(at.file):\(at.line):\(at.column): 注: \(related.note)" + quote(at)
        }
        return out
    }

    /// The source line and a caret under the column, or nothing if the line is not known.
    private func quote(_ location: SourceLocation?) -> String {
        guard let at = location, let excerpt = excerpt(at) else { return "" }
        return "\n" + excerpt
    }

    /// The two lines quoted under a diagnostic: ` 12 | the source line` and a caret under the
    /// column; nil if the line is not known.
    public func excerpt(_ at: SourceLocation) -> String? {
        guard let line = sourceLine(at.file, at.line) else { return nil }
        let number = String(at.line)
        let gutter = String(repeating: " ", count: number.count)
        let prefix = line.prefix(max(0, at.column - 1))
        // Tabs copied, so the caret stays under the column wherever the terminal puts tab stops.
        let caretIndent = prefix.map { $0 == "\t" ? "\t" : String(repeating: " ", count: Self.displayWidth($0)) }.joined()
        return " \(number) | \(line)\n \(gutter) | \(caretIndent)^"
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(format).joined(separator: "\n")
    }

    /// `3 个错误，2 个警告`
    public static func summary(_ diagnostics: [Diagnostic], reports: Int) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "\(errors) 个错误，\(warnings) 个警告，检查了 \(reports) 份报告"
    }

    /// The line from the loaded sources, or else from the file on disk.
    private func sourceLine(_ file: String, _ number: Int) -> String? {
        guard let text = sources[file] ?? (try? SourceFile.read(file, display: file).get()) else { return nil }
        var current = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == number {
                return String(line.hasSuffix("\r") ? line.dropLast() : line)
            }
            current += 1
        }
        return nil
    }

    /// Terminal columns taken by a character: 2 for East Asian wide and full-width characters.
    static func displayWidth(_ c: Character) -> Int {
        if c == "\t" { return 1 }
        guard let v = c.unicodeScalars.first?.value else { return 1 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
