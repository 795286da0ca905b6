import Foundation
import NianbaoContent
import NianbaoModel
import NianbaoRecords

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

        /// Report keys (`year/slug`) in the file's order, and each one's place.
        var names: [String] = []
        var ordered: [Place] = []

        /// The places by report key.
        var places: [String: Place] { Dictionary(zip(names, ordered), uniquingKeysWith: { first, _ in first }) }

        static func orderHash(_ names: [String]) -> ContentHash {
            var hash = ContentHash("order")
            for name in names { hash.combine(name) }
            return hash
        }

        /// The places for `names` (the reports of the file to make, in order): by position when
        /// the reports are those of this layout in the same order (a figure corrected), else by name.
        func places(for names: [String]) -> [Place?] {
            if names == self.names { return ordered }
            let byName = places
            return names.map { byName[$0] }
        }
    }

    /// Writes the file for `reports`, whose keys are `names` (given when known), through `write`,
    /// `piece` reports at a time; fragments whose key is the one `previous` has are copied from
    /// `previous`' bytes, a run of them that lies there in the same order (with the separators
    /// between them) in one call. Returns the new layout.
    func write(
        _ reports: [ReportSummary], names: [String]? = nil, piece: Int = OpenData.piece, previous: (layout: Layout, bytes: Data)? = nil,
        write: (UnsafeRawBufferPointer) -> Void
    ) -> Layout {
        var layout = Layout()
        layout.names = names ?? reports.map(\.key)
        layout.ordered.reserveCapacity(reports.count)
        let before = previous.map { $0.layout.places(for: layout.names) }
        let separatorBytes = Array(separator.utf8)
        /// Bytes of the output so far, including `pending`.
        var offset = 0
        /// Bytes of `previous` to copy next, not yet passed to `write`.
        var pending: Range<Int>?
        func flush() {
            guard let range = pending, let previous else { return }
            previous.bytes.withUnsafeBytes { write(UnsafeRawBufferPointer(rebasing: $0[range])) }
            pending = nil
        }
        func emit(_ bytes: UnsafeRawBufferPointer) {
            flush()
            write(bytes)
            offset += bytes.count
        }
        func emit(_ text: String) {
            flush()  // also for an empty text: the CSV's tail is empty, and the last run must go out
            guard !text.isEmpty else { return }
            var text = text
            text.withUTF8 { emit(UnsafeRawBufferPointer($0)) }
        }
        /// Copies `range` of `previous`, preceded by a separator when `separated`: joined to the
        /// pending run when the previous file has exactly that separator between the two.
        func copy(_ range: Range<Int>, separated: Bool) {
            let gap = separated ? separatorBytes.count : 0
            if let run = pending, run.upperBound + gap == range.lowerBound,
                gap == 0 || previous!.bytes.withUnsafeBytes({ memcmp($0.baseAddress! + run.upperBound, separatorBytes, gap) == 0 })
            {
                pending = run.lowerBound..<range.upperBound
                offset += gap
            } else {
                flush()
                if separated { emit(separator) }
                pending = range
            }
            offset += range.count
        }
        emit(head)
        for start in stride(from: 0, to: reports.count, by: piece) {
            let end = min(start + piece, reports.count)
            // Made on any core, written in order; nil: copied from the previous file. (Reports
            // read in place, not copied out of the array for each key.)
            let made = reports.withUnsafeBufferPointer { all in
                Parallel.map(end - start, chunk: 64) { i -> (ContentHash, [UInt8]?) in
                    let key = self.key(all[start + i])
                    if let previous, let place = before?[start + i], place.key == key, place.range.upperBound <= previous.bytes.count {
                        return (key, nil)
                    }
                    return (key, fragment(all[start + i]))
                }
            }
            for (i, (key, bytes)) in made.enumerated() {
                let separated = start + i > 0
                let begin: Int
                if let bytes {
                    if separated { emit(separator) }
                    begin = offset
                    bytes.withUnsafeBytes { emit($0) }
                } else {
                    let range = before![start + i]!.range
                    copy(range, separated: separated)
                    begin = offset - range.count
                }
                layout.ordered.append(Layout.Place(key: key, range: begin..<offset))
            }
        }
        emit(tail)
        return layout
    }
}
