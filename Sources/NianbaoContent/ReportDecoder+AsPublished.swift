import NianbaoModel

extension ReportDecoder {
    /// `as_published`: plain `true` or `false`, read as the text written (no YAML implicit typing).
    mutating func decodeAsPublished(_ node: YAMLNode) -> Bool {
        let what = "「as_published」（按原文照录）"
        if case .scalar(let scalar) = node, scalar.isPlain, scalar.string == "true" || scalar.string == "false" {
            return scalar.string == "true"
        }
        var actual = "映射或列表"
        if case .scalar(let scalar) = node { actual = scalar.string.isEmpty ? "空值" : "「\(scalar.string)」" }
        let quoted = if case .scalar(let scalar) = node, !scalar.isPlain { "；不要加引号" } else { "" }
        reader.report(.error(
            "value.type", at: reader.location(node), "\(what)应为 true 或 false，实际为\(actual)\(quoted)",
            expected: "true 或 false", actual: actual))
        return false
    }
}
