import Foundation
import GRDB
import NianbaoRecords

/// records-bench STATE_FOLDER [RUNS]: STATE_FOLDER is `.<name>.nianbao/` of a build of the
/// corpus (text records as nianbao writes them). Times, for text records and for the same
/// records as rows of one SQLite database (GRDB, rollback journal, no fsync, as the text records
/// have none), the record work of three builds:
///   no-op            the last-build record read
///   text edit        journal, the build state of the pages made from every report plus the
///                    changed report's, every folder's fingerprint from the report cache; then
///                    one output's and one folder's record changed, journal and last-build written
///   corrected figure the same, plus the figures of the changed report's year and the layouts of
///                    that year's two data files; one figure changed, both layouts written anew
///                    (every offset after the change moves)
@main
struct RecordsBench {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2 else {
            FileHandle.standardError.write("usage: records-bench STATE_FOLDER [RUNS]\n".data(using: .utf8)!)
            exit(2)
        }
        let runs = arguments.count > 2 ? Int(arguments[2]) ?? 15 : 15
        let source = URL(fileURLWithPath: arguments[1])
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("records-bench-\(getpid())")
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.copyItem(at: source, to: work)
        defer { try? FileManager.default.removeItem(at: work) }
        try? FileManager.default.removeItem(at: work.appendingPathComponent("stage"))

        let text = try TextRecords(BuildRecords(folder: work))
        let database = try SQLiteRecords(path: work.appendingPathComponent("records.sqlite").path, from: text)
        print("records of \(text.outputs.count) outputs, \(text.folders.count) report folders; median of \(runs) runs (min–max), ms")
        print("| build | text records | SQLite (GRDB) |")
        print("|---|---:|---:|")
        for (name, scenario) in [("no-op", Scenario.noop), ("text edit", .textEdit), ("corrected figure", .figure)] {
            let a = try time(runs) { try text.run(scenario) }
            let b = try time(runs) { try database.run(scenario) }
            print("| \(name) | \(a) | \(b) |")
        }
        let size = { (url: URL) in (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0 }
        let textBytes = text.names.map { size(work.appendingPathComponent($0)) }.reduce(0, +)
        print("on disk: text records \(textBytes / 1024) KiB, database \(size(work.appendingPathComponent("records.sqlite")) / 1024) KiB")
    }

    static func time(_ runs: Int, _ body: () throws -> Void) throws -> String {
        try body()  // warm-up
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        return String(format: "%.2f (%.2f–%.2f)", times[times.count / 2], times.first!, times.last!)
    }
}

enum Scenario {
    case noop, textEdit, figure
}
