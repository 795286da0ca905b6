import Foundation
import Yams

@_spi(Benchmark) import NianbaoContent

/// Times reading every report.yaml of a corpus, already in memory, three ways, interleaved run
/// by run so that a machine busy with other work slows all three alike:
///   yams-compose   Yams.compose, as nianbao parsed report.yaml before (a Node tree)
///   events-compose YAMLComposer: libyaml's events straight into YAMLNode
///   events-decode  YAMLComposer and ReportDecoder: what a build does per report.yaml
/// The decoding was the same code on Yams' nodes before, so the old whole is about
/// yams-compose + (events-decode − events-compose).
@main
struct YAMLBench {
    static func main() throws {
        let args = CommandLine.arguments
        guard args.count >= 2 else {
            FileHandle.standardError.write(Data("usage: YAMLBench CORPUS [RUNS]\n".utf8))
            exit(2)
        }
        let runs = args.count > 2 ? Int(args[2]) ?? 7 : 7
        let texts = try reportTexts(args[1] + "/reports")
        print("\(texts.count) report.yaml files, \(texts.reduce(0) { $0 + $1.text.utf8.count } / 1024) KiB, \(runs) runs")
        let ways: [(String, () -> Int)] = [
            ("yams-compose", { texts.reduce(0) { n, t in n + ((try? Yams.compose(yaml: t.text, .basic, .default, .utf8)) != nil ? 1 : 0) } }),
            ("events-compose", { texts.reduce(0) { n, t in n + (YAMLBenchmark.compose(t.text) ? 1 : 0) } }),
            ("events-decode", { texts.reduce(0) { n, t in n + YAMLBenchmark.decodeReport(t.text, year: t.year) } }),
        ]
        var times: [String: [Double]] = [:]
        for run in 1...runs {
            for (name, way) in ways {
                let start = DispatchTime.now().uptimeNanoseconds
                let result = way()
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                times[name, default: []].append(ms)
                print("run \(run) \(name): \(String(format: "%.1f", ms)) ms (\(result))")
            }
        }
        print("medians:")
        for (name, _) in ways {
            let sorted = times[name]!.sorted()
            let median = sorted[sorted.count / 2]
            print("  \(name): \(String(format: "%.1f", median)) ms, \(String(format: "%.1f", median * 1000 / Double(texts.count))) µs per file")
        }
    }

    /// reports/<year>/<slug>/report.yaml, read once.
    static func reportTexts(_ folder: String) throws -> [(text: String, year: Int)] {
        var out: [(String, Int)] = []
        let fm = FileManager.default
        for year in try fm.contentsOfDirectory(atPath: folder).sorted() {
            guard let y = Int(year) else { continue }
            for slug in try fm.contentsOfDirectory(atPath: folder + "/" + year).sorted() {
                let path = "\(folder)/\(year)/\(slug)/report.yaml"
                if let text = try? String(contentsOfFile: path, encoding: .utf8) { out.append((text, y)) }
            }
        }
        return out
    }
}
