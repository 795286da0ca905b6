import Foundation
import NianbaoRecords

/// What the last commit changed (the record `journal`, valid for the hash of the output's
/// manifest after that commit): the paths whose bytes differ between the output and the stage
/// (the generation before), and the hash of the stage's manifest. The next build brings the
/// stage up to the output by touching only these paths.
public struct Journal: Equatable, Sendable {
    /// The hash of the output's manifest after that commit.
    public var output: ContentHash
    /// The hash of the stage's manifest after that commit.
    public var stage: ContentHash
    public var paths: [String]

    static let name = "journal"

    /// The journal of the commit that left the output whose manifest has the hash `output`.
    static func read(_ records: BuildRecords, output: ContentHash) -> Journal? {
        guard let data = records.read(name, for: output) else { return nil }
        var lines = String(decoding: BuildRecords.body(data), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, lines.last == "", lines[0].hasPrefix("stage "), let stage = ContentHash(hex: lines[0].dropFirst(6)) else {
            return nil
        }
        lines.removeLast()
        return Journal(output: output, stage: stage, paths: lines.dropFirst().map(String.init))
    }

    func write(_ records: BuildRecords) throws {
        var text = "stage \(stage)\n"
        for path in paths { text += path + "\n" }
        try records.write(Self.name, for: output, text.utf8)
    }
}
