import Foundation
import NianbaoContent
import NianbaoRecords

/// The record `absent-files`: which of the files a report folder may hold were not there at the
/// last scan, with the folder's own times, so the next scan need not look for them again.
///
/// A file cannot appear in a folder without changing the folder's modification and change
/// times; while they are as recorded, a file recorded absent is still absent and its `stat`
/// (as costly as one that finds a file) is saved. Valid for the program, the content folder, the
/// names looked for and the list of report folders: the body is one line per folder, in order.
struct AbsentFiles: Equatable {
    /// Per report folder: what the scan saw, or nil where it is not to be trusted next time.
    var folders: [Entry?]

    struct Entry: Equatable {
        /// The hash of the folder's own `stat` (as `FolderFingerprints` takes it).
        var folder: ContentHash
        /// Bit k: `names[k]` was absent.
        var absent: UInt32
    }

    static let name = "absent-files"

    static func validity(content: String, names: [String], folders: [ContentLoader.ReportFolder]) -> ContentHash {
        var key = Fingerprints.program
        key.combine(content)
        for name in names { key.combine(name) }
        for folder in folders { key.combine(folder.key) }
        return key
    }

    /// The record for `validity`, if it has one line for each of `count` folders.
    static func read(_ records: BuildRecords, validity: ContentHash, count: Int) -> AbsentFiles? {
        guard let data = records.read(name, for: validity) else { return nil }
        var folders: [Entry?] = []
        folders.reserveCapacity(count)
        var fields: [UnsafeBufferPointer<UInt8>] = []
        let valid = BuildRecords.body(data).withUnsafeBytes { raw in
            ByteText.forEachLine(raw.bindMemory(to: UInt8.self)) { line, _ in
                // "-" or "<folder hash> <absent bits>"
                if line.count == 1, line[0] == 0x2D {
                    folders.append(nil)
                    return true
                }
                ByteText.fields(line, 0x20, into: &fields)
                guard fields.count == 2, let folder = ByteText.hex(fields[0]), let absent = ByteText.int(fields[1]),
                    let bits = UInt32(exactly: absent)
                else { return false }
                folders.append(Entry(folder: folder, absent: bits))
                return true
            }
        }
        return valid && folders.count == count ? AbsentFiles(folders: folders) : nil
    }

    func write(_ records: BuildRecords, validity: ContentHash) throws {
        var text = ""
        text.reserveCapacity(folders.count * 20)
        for entry in folders {
            if let entry { text += "\(entry.folder) \(entry.absent)\n" } else { text += "-\n" }
        }
        try records.write(Self.name, for: validity, text.utf8)
    }
}
