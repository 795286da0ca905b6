import Foundation
import NianbaoRecords

/// The records `layout-<path>`: where each report's fragment is in a site-wide data file as the
/// output holds it, valid for the program and the site's settings and for that file's hash; the
/// next build copies unchanged fragments from there.
extension SiteWideFile.Layout {
    /// The layout recorded for `path` (the record `layout-<path>`), if it was made with `inputs`
    /// (the program and the site's settings) for the file whose hash is `content`. `order` is
    /// the reports' order now: when the file was written in the same order, names are not read.
    static func read(_ records: BuildRecords, path: String, inputs: ContentHash, content: ContentHash?, order: [String]) -> SiteWideFile.Layout? {
        guard let content, let data = records.read(name(path), for: validity(inputs, content)) else { return nil }
        var layout = SiteWideFile.Layout()
        var lineNumber = 0
        var valid = true
        var sameOrder = false
        let orderNow = "order \(orderHash(order))"
        var fields: [UnsafeBufferPointer<UInt8>] = []
        layout.ordered.reserveCapacity(order.count)
        ByteText.forEachLine(String(decoding: data, as: UTF8.self)) { line in
            lineNumber += 1
            switch lineNumber {
            case 1: break  // the header, checked by `read`
            case 2:
                valid = line.starts(with: "order ".utf8)
                sameOrder = valid && ByteText.equals(line, orderNow)
                if sameOrder { layout.names = order }
            default:
                ByteText.fields(line, 0x20, into: &fields)
                guard fields.count == 4, let key = ByteText.hex(fields[1]), let start = ByteText.int(fields[2]),
                    let count = ByteText.int(fields[3])
                else {
                    valid = line.isEmpty
                    return valid
                }
                if !sameOrder { layout.names.append(ByteText.string(fields[0])) }
                layout.ordered.append(Place(key: key, range: start..<start + count))
            }
            return valid
        }
        return valid && lineNumber >= 2 && layout.names.count == layout.ordered.count ? layout : nil
    }

    func write(_ records: BuildRecords, path: String, inputs: ContentHash, content: ContentHash) throws {
        var out: [UInt8] = []
        out.reserveCapacity(names.count * 56 + 128)
        out += "order \(Self.orderHash(names))\n".utf8
        for (name, place) in zip(names, ordered) {
            out += name.utf8
            out.append(0x20)
            place.key.appendHex(to: &out)
            out.append(0x20)
            OpenData.appendDigits(place.range.lowerBound, to: &out)
            out.append(0x20)
            OpenData.appendDigits(place.range.count, to: &out)
            out.append(0x0A)
        }
        try records.write(Self.name(path), for: Self.validity(inputs, content), out)
    }

    static func name(_ path: String) -> String { "layout-" + path.replacingOccurrences(of: "/", with: "-") }

    /// The program and the site's settings, and the file the layout describes.
    static func validity(_ inputs: ContentHash, _ content: ContentHash) -> ContentHash {
        var hash = inputs
        hash.combine(content)
        return hash
    }
}
