import Foundation
import NianbaoRecords

/// What the last successful build was made from and what it left (the record `last-build`, valid
/// for the hash of the output's manifest as that build wrote it): lets a build with nothing to do
/// stop after the scan. Written last, after every other record of the build.
struct LastBuild: Equatable {
    /// `BuildInputs.site`: everything but the report folders.
    var inputs: ContentHash
    /// The hash of the output's manifest as that build wrote it.
    var manifest: ContentHash
    var files: Int
    /// Every report folder's key and fingerprint, in order.
    var folders: ContentHash
    /// How many diagnostics it reported (a build with nothing to do repeats them from the cache).
    var findings: Int

    static let name = "last-build"

    /// The record for the output whose manifest has the hash `manifest`.
    static func read(_ records: BuildRecords, manifest: ContentHash) -> LastBuild? {
        guard let data = records.read(name, for: manifest) else { return nil }
        let parts = String(decoding: BuildRecords.body(data), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        guard parts.count == 4, let inputs = ContentHash(hex: parts[0]), let files = Int(parts[1]),
            let folders = ContentHash(hex: parts[2]), let findings = Int(parts[3])
        else { return nil }
        return LastBuild(inputs: inputs, manifest: manifest, files: files, folders: folders, findings: findings)
    }

    func write(_ records: BuildRecords) throws {
        try records.write(Self.name, for: manifest, "\(inputs) \(files) \(folders) \(findings)\n".utf8)
    }
}
