/// `as_published: true` in report.yaml: the figures are the public record and are kept exactly as
/// published, even where they break a 勾稽关系. The consistency rules (`three.*`, `four.*`) then
/// report warnings instead of errors, and the report page lists them in a short note.
extension Rules {
    public static func isConsistencyRule(_ rule: String) -> Bool {
        rule.hasPrefix("three.") || rule.hasPrefix("four.")
    }

    /// The findings of `check` for a report kept as published: 勾稽关系 errors become warnings
    /// that say why.
    public static func asPublished(_ findings: [Diagnostic]) -> [Diagnostic] {
        findings.map { finding in
            guard finding.severity == .error, isConsistencyRule(finding.rule) else { return finding }
            return Diagnostic(
                .warning, rule: finding.rule, at: finding.location, finding.message + "（as_published：数字按原文照录）",
                expected: finding.expected, actual: finding.actual, related: finding.related)
        }
    }
}
