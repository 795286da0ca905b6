import NianbaoModel

/// Entry points for the YAML benchmark (scripts/yaml-bench), outside the module's API: only
/// `@_spi(Benchmark) import NianbaoContent` sees them.
@_spi(Benchmark) public enum YAMLBenchmark {
    /// Composes a text into nodes (the parse alone); whether it held a document.
    public static func compose(_ text: String) -> Bool {
        (try? YAMLComposer.compose(text)) != nil
    }

    /// A report.yaml read as a build reads it (parse and decode); the number of diagnostics.
    public static func decodeReport(_ text: String, year: Int) -> Int {
        let blank = Report(slug: "x", year: year, folder: "x")
        return ReportDecoder.decode(text, file: "x/report.yaml", into: blank).diagnostics.count
    }
}
