import Foundation
import NianbaoContent
import NianbaoImport
import NianbaoModel

/// A scratch report folder, reused for every input.
let folder: String = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = "\(base)/nianbao-fuzz-\(getpid())/report"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

/// libFuzzer's callback. Every input goes through the whole conversion (decoding, the text or
/// HTML reader, the splitter, the table readers, the YAML and Markdown writers); an error message
/// is a correct answer. What is written must load back as content with the same figures, and
/// with no error besides the gaps the import itself left (`key.missing`, `file.missing`).
/// A crash, a trap, a sanitizer report or a broken invariant is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func importFuzz(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    // The same bytes as a text file and as a web page, by turns.
    let name = count % 2 == 0 ? "fuzz.txt" : "fuzz.html"
    var options = ImportOptions()
    options.slug = "fuzz"
    let result = Importer.convert(data, file: name, options: options)
    guard !result.failed, let imported = result.report, let year = result.year else { return 0 }

    for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
        try? FileManager.default.removeItem(atPath: folder + "/" + file)
    }
    for (file, text) in result.files {
        try! Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + file))
    }
    var sources: [String: String] = [:]
    let (loaded, diagnostics) = ContentLoader.loadReport(folder, slug: "fuzz", year: year, sources: &sources)
    let unexpected = diagnostics.filter { $0.severity == .error && $0.rule != "key.missing" && $0.rule != "file.missing" }
    if !unexpected.isEmpty {
        fatalError("the written files do not load: \(unexpected.map { "\($0.rule) \($0.location.map { "\($0.line):\($0.column)" } ?? "") \($0.message)" })")
    }
    guard let report = loaded else { fatalError("no report loaded") }
    func figures(_ r: Report) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for (k, row) in r.tableTwo { out["2." + k] = row.cells.map { $0?.value.text ?? "nil" } }
        for (k, row) in r.tableThree { out["3." + k] = row.cells.map { $0?.value.text ?? "nil" } }
        for (k, row) in r.tableFour { out["4." + k] = row.cells.map { $0?.value.text ?? "nil" } }
        return out
    }
    if figures(report) != figures(imported) { fatalError("figures differ after loading the written files") }
    if report.asPublished != result.asPublished { fatalError("as_published differs") }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM names an executable's entry point `<module>_main`; it hands over to libFuzzer's driver.
@_cdecl("ImportFuzz_main")
public func importFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { importFuzz($0, $1) }
}
