import NianbaoModel

/// Reads one YAML file into typed, located values. Scalars are taken as the text that was
/// written, never through YAML's implicit typing: `no` stays a string, `010` is not octal,
/// `0.0350` keeps its digits. Every problem becomes a diagnostic; decoding goes on.
struct YAMLReader {
    /// The path shown in diagnostics.
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    // MARK: Parsing

    /// The document's root node, or nil after reporting a syntax error.
    mutating func parse(_ text: String) -> YAMLNode? {
        do {
            guard let root = try YAMLComposer.compose(text) else {
                report(.error("yaml.empty", at: SourceLocation(file: file, line: 1, column: 1), "文件为空"))
                return nil
            }
            return root
        } catch {
            report(diagnostic(for: error))
            return nil
        }
    }

    private func diagnostic(for failure: YAMLComposer.Failure) -> Diagnostic {
        switch failure {
        case let .duplicateKeys(duplicates, mark):
            let keys = duplicates.map { "「\($0)」" }.joined(separator: "、")
            return .error("yaml.duplicate-key", at: location(mark), "同一层级中键 \(keys) 出现了不止一次")
        case let .syntax(problem, mark):
            return .error("yaml.syntax", at: location(mark), "YAML 语法错误：\(Self.explain(problem))")
        case let .reader(problem):
            return .error("yaml.syntax", at: SourceLocation(file: file, line: 1, column: 1), "YAML 无法读取：\(problem)")
        case .memory:
            return .error("yaml.syntax", at: SourceLocation(file: file, line: 1, column: 1), "YAML 无法解析：Memory error")
        }
    }

    /// libyaml's problem text with a Chinese explanation in front where one is known.
    static func explain(_ problem: String) -> String {
        let known: [(String, String)] = [
            ("found character that cannot start any token", "此处的字符不能开始一个值（常见原因：用了制表符缩进，或全角冒号“：”）"),
            ("mapping values are not allowed in this context", "此处不能出现“键: 值”（常见原因：冒号后缺空格，或缩进不对齐）"),
            ("did not find expected key", "缩进不对齐，或缺少键"),
            ("did not find expected ',' or ']'", "方括号列表未闭合，或缺少逗号"),
            ("did not find expected ',' or '}'", "花括号未闭合，或缺少逗号"),
            ("could not find expected ':'", "缺少冒号“:”"),
            ("found unexpected end of stream", "文件意外结束（引号或括号未闭合）"),
            ("found a tab character", "不能用制表符缩进，请改用空格"),
        ]
        for (english, chinese) in known where problem.contains(english) {
            return "\(chinese)（\(problem)）"
        }
        return problem
    }

    // MARK: Locations and reporting

    func location(_ mark: YAMLNode.Mark) -> SourceLocation {
        SourceLocation(file: file, line: max(1, mark.line), column: max(1, mark.column))
    }

    func location(_ node: YAMLNode) -> SourceLocation { location(node.mark) }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    // MARK: Shapes

    /// The pairs of a mapping whose keys are all known; unknown keys (with a suggestion) and
    /// missing required keys are reported. Returns nil if the node is not a mapping.
    mutating func mapping(
        _ node: YAMLNode, what: @autoclosure () -> String, keys: [String], required: [String]? = nil
    ) -> [String: YAMLNode]? {
        guard case .mapping(let mapping) = node else {
            report(.error("value.type", at: location(node), "\(what())应为“键: 值”的映射，实际为\(describe(node))"))
            return nil
        }
        var out: [String: YAMLNode] = [:]
        var suggested: Set<String> = []
        for (keyNode, value) in mapping.pairs {
            guard case .scalar(let scalar) = keyNode else {
                report(.error("key.unknown", at: location(keyNode), "\(what())中的键必须是文字"))
                continue
            }
            let key = scalar.string
            if keys.contains(key) {
                out[key] = value
            } else {
                var message = "\(what())中有未知的键「\(key)」"
                if let guess = Suggestion.closest(to: key, in: keys) {
                    message += "，是否应为「\(guess)」？"
                    suggested.insert(guess)
                } else {
                    message += "；可用的键：\(keys.joined(separator: "、"))"
                }
                report(.error("key.unknown", at: location(keyNode), message))
            }
        }
        // A missing key that a misspelt one was taken for is reported once, as the misspelling.
        for key in required ?? keys where out[key] == nil && !suggested.contains(key) {
            report(.error("key.missing", at: location(node), "\(what())缺少必填的键「\(key)」"))
        }
        return out
    }

    /// The items of a sequence, or nil (reported) if the node is not one.
    mutating func sequence(_ node: YAMLNode, what: @autoclosure () -> String) -> [YAMLNode]? {
        guard case .sequence(let sequence) = node else {
            report(.error("value.type", at: location(node), "\(what())应为用方括号写的一行数，如 [0, 0, 0]，实际为\(describe(node))"))
            return nil
        }
        return sequence.items
    }

    // MARK: Scalars

    /// A non-empty text.
    mutating func string(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<String>? {
        guard case .scalar(let scalar) = node else {
            report(.error("value.type", at: location(node), "\(what())应为文字，实际为\(describe(node))"))
            return nil
        }
        let text = scalar.string.trimmingWhitespace
        guard !text.isEmpty else {
            report(.error("value.missing", at: location(node), "\(what())不能为空"))
            return nil
        }
        return Located(text, at: location(node))
    }

    /// A non-negative whole number written as plain digits.
    mutating func count(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<Figure>? {
        if let value = Self.plainDigits(node) { return Located(.count(value), at: location(node)) }
        guard let (text, scalar) = plainScalar(node, what: what(), expected: "非负整数") else { return nil }
        let digits = text.hasPrefix("-") ? String(text.dropFirst()) : text
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            report(typeError(node, what: what(), expected: "非负整数", text: text, scalar: scalar))
            return nil
        }
        if digits.count > 1, digits.hasPrefix("0") {
            report(.error(
                "value.type", at: location(node), "\(what())「\(text)」不能以 0 开头（以免被误读为八进制），应写作 \(Int(digits).map(String.init) ?? digits)",
                expected: "非负整数", actual: text))
            return nil
        }
        guard let value = Int(digits), value <= 999_999_999_999 else {
            report(.error("value.type", at: location(node), "\(what())「\(text)」过大", expected: "非负整数", actual: text))
            return nil
        }
        if text.hasPrefix("-"), value != 0 {
            report(.error("value.non-negative", at: location(node), "\(what())不能为负数，实际为 \(text)", expected: "≥ 0", actual: text))
            return nil
        }
        return Located(.count(value), at: location(node))
    }

    /// The common case of `count`, decided on bytes: a plain scalar of 1 to 12 ASCII digits, not
    /// starting with 0 unless it is 0. Anything else (nil) goes the way that explains what is wrong.
    static func plainDigits(_ node: YAMLNode) -> Int? {
        guard case .scalar(let scalar) = node, scalar.isPlain else { return nil }
        var value = 0
        var count = 0
        for byte in scalar.string.utf8 {
            guard byte >= 0x30, byte <= 0x39, count < 12, count == 0 || value != 0 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            count += 1
        }
        return count == 0 ? nil : value
    }

    /// A non-negative decimal kept exactly as written (e.g. `0`, `12.5`, `0.0350`).
    mutating func amount(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<Figure>? {
        guard let (text, scalar) = plainScalar(node, what: what(), expected: "非负数（万元）", allowQuoted: true) else {
            return nil
        }
        if text.hasPrefix("-") {
            report(.error("value.non-negative", at: location(node), "\(what())不能为负数，实际为 \(text)", expected: "≥ 0", actual: text))
            return nil
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let isDigits = { (s: Substring) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        guard (parts.count == 1 || parts.count == 2), parts.allSatisfy(isDigits),
            parts[0] == "0" || !parts[0].hasPrefix("0")
        else {
            report(typeError(node, what: what(), expected: "非负数（如 0、12.5、0.0350）", text: text, scalar: scalar))
            return nil
        }
        return Located(.amount(text), at: location(node))
    }

    /// A date written `YYYY-MM-DD`.
    mutating func date(_ node: YAMLNode, what: @autoclosure () -> String) -> Located<LocalDate>? {
        guard let (text, _) = plainScalar(node, what: what(), expected: "日期", allowQuoted: true) else { return nil }
        guard let date = LocalDate(text) else {
            report(.error(
                "value.date", at: location(node), "\(what())「\(text)」不是有效的日期，应写作 YYYY-MM-DD，如 2025-01-20",
                expected: "YYYY-MM-DD", actual: text))
            return nil
        }
        return Located(date, at: location(node))
    }

    /// The text of a scalar that must be written without quotes (numbers).
    private mutating func plainScalar(
        _ node: YAMLNode, what: @autoclosure () -> String, expected: String, allowQuoted: Bool = false
    ) -> (String, YAMLNode.Scalar)? {
        guard case .scalar(let scalar) = node else {
            report(.error("value.type", at: location(node), "\(what())应为\(expected)，实际为\(describe(node))", expected: expected))
            return nil
        }
        let text = scalar.string.trimmingWhitespace
        if text.isEmpty || (scalar.isPlain && ["~", "null", "Null", "NULL"].contains(text)) {
            report(.error("value.missing", at: location(node), "\(what())缺少数值（没有数时请填 0）", expected: expected, actual: "空"))
            return nil
        }
        if !scalar.isPlain, !allowQuoted {
            report(.error("value.type", at: location(node), "\(what())应为\(expected)，实际为带引号的文字「\(text)」；数字不要加引号",
                expected: expected, actual: text))
            return nil
        }
        return (text, scalar)
    }

    private func typeError(_ node: YAMLNode, what: @autoclosure () -> String, expected: String, text: String, scalar: YAMLNode.Scalar) -> Diagnostic {
        var message = "\(what())应为\(expected)，实际为「\(text)」"
        if text.unicodeScalars.contains(where: { (0xFF10...0xFF19).contains($0.value) || $0.value == 0xFF0E }) {
            message += "；请使用半角数字"
        } else if text.contains(",") || text.contains("，") {
            message += "；数字中不要用千位分隔符"
        }
        return .error("value.type", at: location(node), message, expected: expected, actual: text)
    }

    private func describe(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let s): s.string.isEmpty ? "空值" : "「\(s.string)」"
        case .mapping: "映射（键: 值）"
        case .sequence: "列表"
        }
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
