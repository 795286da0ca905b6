import Foundation
import NianbaoRecords

/// What the last successful build was made from and what it left: lets a build with nothing to
/// do stop after the scan (`.<name>.nianbao/last-build`).
struct LastBuild: Equatable {
    var inputs: ContentHash
    /// The hash of the output's manifest as that build wrote it.
    var manifest: ContentHash
    var files: Int
    /// Every report folder's key and fingerprint, in order.
    var folders: ContentHash
    /// How many diagnostics it reported (a build with nothing to do repeats them from the cache).
    var findings: Int

    static let fileName = "last-build"

    static func read(from folder: URL) -> LastBuild? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8) else { return nil }
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard parts.count == 6, parts[0] == "nianbao-last-build-2", let inputs = ContentHash(hex: parts[1]),
            let manifest = ContentHash(hex: parts[2]), let files = Int(parts[3]), let folders = ContentHash(hex: parts[4]),
            let findings = Int(parts[5])
        else { return nil }
        return LastBuild(inputs: inputs, manifest: manifest, files: files, folders: folders, findings: findings)
    }

    func write(to folder: URL) throws {
        try Data("nianbao-last-build-2 \(inputs) \(manifest) \(files) \(folders) \(findings)\n".utf8)
            .write(to: folder.appendingPathComponent(Self.fileName), options: .atomic)
    }
}
