import Foundation
import NianbaoRecords

/// What the last commit changed (`.<name>.nianbao/journal`): the paths whose bytes differ
/// between the output and the stage (the generation before), with both manifests' hashes. The
/// next build brings the stage up to the output by touching only these paths.
public struct Journal: Equatable, Sendable {
    /// The hash of the output's manifest after that commit.
    public var output: ContentHash
    /// The hash of the stage's manifest after that commit.
    public var stage: ContentHash
    public var paths: [String]

    static let fileName = "journal"
    static let header = "nianbao-journal 1"

    static func read(from folder: URL) -> Journal? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines[0] == header, lines.last == "",
            lines[1].hasPrefix("output "), let output = ContentHash(hex: lines[1].dropFirst(7)),
            lines[2].hasPrefix("stage "), let stage = ContentHash(hex: lines[2].dropFirst(6))
        else { return nil }
        lines.removeLast()
        return Journal(output: output, stage: stage, paths: lines.dropFirst(3).map(String.init))
    }

    func write(to folder: URL) throws {
        var text = "\(Self.header)\noutput \(output)\nstage \(stage)\n"
        for path in paths { text += path + "\n" }
        try AtomicFile.write(Data(text.utf8), to: folder.appendingPathComponent(Self.fileName).path)
    }
}
