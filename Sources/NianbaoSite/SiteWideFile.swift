import Foundation
import NianbaoContent
import NianbaoModel

/// A site-wide data file made of one fragment per report, in the index's order, between a head
/// and a tail (`data/reports.json`, `data/applications.csv`). Written in pieces (memory holds one
/// piece, not the file); and when the build can give it the file the output holds with its
/// `Layout`, the fragments of reports that did not change are copied from there, so that
/// correcting one figure among 10,000 reports makes one fragment, not 10,000.
struct SiteWideFile {
    var head: String
    var separator: String
    var tail: String
    /// What a report's fragment is made from (beyond the program and the site's settings).
    var key: (ReportSummary) -> ContentHash
    var fragment: (ReportSummary) -> [UInt8]

    /// Where each report's fragment is in the file as written, and what it was made from.
    struct Layout: Equatable {
        struct Place: Equatable {
            var key: ContentHash
            var range: Range<Int>
        }

        var places: [String: Place] = [:]

        static let header = "nianbao-layout 1"

        /// The layout saved for `path` in the state folder, if it was made with `inputs` (the
        /// program and the site's settings) for the file whose hash is `content`.
        static func read(from folder: URL, path: String, inputs: ContentHash, content: ContentHash?) -> Layout? {
            guard let content, let data = FileManager.default.contents(atPath: file(folder, path).path) else { return nil }
            var layout = Layout()
            var lineNumber = 0
            var valid = true
            ByteText.forEachLine(String(decoding: data, as: UTF8.self)) { line in
                lineNumber += 1
                switch lineNumber {
                case 1: valid = ByteText.equals(line, header)
                case 2: valid = ByteText.equals(line, "inputs \(inputs) content \(content)")
                default:
                    let f = ByteText.fields(line, 0x20)
                    guard f.count == 4, let key = ByteText.hex(f[1]), let start = ByteText.int(f[2]), let count = ByteText.int(f[3]) else {
                        valid = line.isEmpty
                        return valid
                    }
                    layout.places[ByteText.string(f[0])] = Place(key: key, range: start..<start + count)
                }
                return valid
            }
            return valid && lineNumber >= 2 ? layout : nil
        }

        func write(to folder: URL, path: String, inputs: ContentHash, content: ContentHash, order: [String]) throws {
            var text = "\(Self.header)\ninputs \(inputs) content \(content)\n"
            text.reserveCapacity(order.count * 48)
            for name in order {
                guard let place = places[name] else { continue }
                text += "\(name) \(place.key) \(place.range.lowerBound) \(place.range.count)\n"
            }
            try Data(text.utf8).write(to: Self.file(folder, path), options: .atomic)
        }

        static func file(_ folder: URL, _ path: String) -> URL {
            folder.appendingPathComponent("layout-" + path.replacingOccurrences(of: "/", with: "-"))
        }
    }

    /// Writes the file for `reports` through `write`, `piece` reports at a time; fragments whose
    /// key is the one `previous` has are copied from `previous`' bytes. Returns the new layout.
    func write(
        _ reports: [ReportSummary], piece: Int = OpenData.piece, previous: (layout: Layout, bytes: Data)? = nil,
        write: (UnsafeRawBufferPointer) -> Void
    ) -> Layout {
        var layout = Layout()
        var offset = 0
        func emit(_ bytes: UnsafeRawBufferPointer) {
            write(bytes)
            offset += bytes.count
        }
        func emit(_ text: String) {
            var text = text
            text.withUTF8 { emit(UnsafeRawBufferPointer($0)) }
        }
        emit(head)
        for start in stride(from: 0, to: reports.count, by: piece) {
            let end = min(start + piece, reports.count)
            // Made on any core, written in order; nil: copied from the previous file.
            let made = Parallel.map(end - start) { i -> (ContentHash, [UInt8]?) in
                let report = reports[start + i]
                let key = self.key(report)
                if let previous, let place = previous.layout.places[report.key], place.key == key,
                    place.range.upperBound <= previous.bytes.count
                {
                    return (key, nil)
                }
                return (key, fragment(report))
            }
            for (i, (key, bytes)) in made.enumerated() {
                let report = reports[start + i]
                if start + i > 0 { emit(separator) }
                let begin = offset
                if let bytes {
                    bytes.withUnsafeBytes { emit($0) }
                } else if let previous, let place = previous.layout.places[report.key] {
                    previous.bytes.withUnsafeBytes { emit(UnsafeRawBufferPointer(rebasing: $0[place.range])) }
                }
                layout.places[report.key] = Layout.Place(key: key, range: begin..<offset)
            }
        }
        emit(tail)
        return layout
    }
}
