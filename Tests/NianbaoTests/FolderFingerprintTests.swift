import Foundation
import NianbaoContent
import NianbaoRecords
@testable import NianbaoSite
import Testing

/// The scan that tells a build which report folders changed: files known absent are not looked
/// for again while their folder's times are as they were, and the fingerprints stay the same.
@Suite struct FolderFingerprintTests {
    static let names = ["report.yaml", "preamble.md", "overview.md", "problems.md", "other.md"]

    /// Two report folders: one with report.yaml alone, one with report.yaml and overview.md.
    static func folders() -> (TempDir, [ContentLoader.ReportFolder]) {
        let dir = TempDir()
        dir.write("reports/2024/a/report.yaml", "year: 2024\n")
        dir.write("reports/2024/b/report.yaml", "year: 2024\n")
        dir.write("reports/2024/b/overview.md", "正文\n")
        let folders = ["a", "b"].map { ContentLoader.ReportFolder(path: dir.path + "/reports/2024/" + $0, slug: $0, year: 2024) }
        return (dir, folders)
    }

    /// A time at which every folder counts as settled.
    static let later = Int(time(nil)) + 3600

    @Test func knownAbsentFilesAreNotLookedForAndTheFingerprintsStayTheSame() {
        let (dir, folders) = Self.folders()
        let first = FolderFingerprints.scan(folders, names: Self.names, now: Self.later)
        #expect(first.saved == 0)
        #expect(first.absent.folders == [
            AbsentFiles.Entry(folder: first.absent.folders[0]!.folder, absent: 0b11110),
            AbsentFiles.Entry(folder: first.absent.folders[1]!.folder, absent: 0b11010),
        ])
        let second = FolderFingerprints.scan(folders, names: Self.names, known: first.absent, now: Self.later)
        #expect(second.saved == 4 + 3)
        #expect(second.fingerprints == first.fingerprints)
        #expect(second.absent == first.absent)
        _ = dir
    }

    @Test func aFileAddedWhereOneWasAbsentIsSeen() {
        let (dir, folders) = Self.folders()
        let first = FolderFingerprints.scan(folders, names: Self.names, now: Self.later)
        // Past the file system clock's tick, as a real edit after a build is.
        Thread.sleep(forTimeInterval: 0.05)
        dir.write("reports/2024/a/preamble.md", "前言\n")
        let second = FolderFingerprints.scan(folders, names: Self.names, known: first.absent, now: Self.later)
        let unhinted = FolderFingerprints.scan(folders, names: Self.names, now: Self.later)
        #expect(second.fingerprints == unhinted.fingerprints)
        #expect(second.fingerprints[0] != first.fingerprints[0])
        #expect(second.fingerprints[1] == first.fingerprints[1])
        #expect(second.saved == 3)
        #expect(second.absent.folders[0]?.absent == 0b11100)
    }

    @Test func aFolderChangedJustNowIsNotRecordedAsKnown() {
        let (_, folders) = Self.folders()
        let scan = FolderFingerprints.scan(folders, names: Self.names)
        #expect(scan.absent.folders == [nil, nil])
        let next = FolderFingerprints.scan(folders, names: Self.names, known: scan.absent)
        #expect(next.saved == 0)
    }

    @Test func aLinkToAMissingFileIsNotRecordedAbsent() throws {
        let (dir, folders) = Self.folders()
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/reports/2024/a/preamble.md", withDestinationPath: dir.path + "/elsewhere.md")
        let first = FolderFingerprints.scan(folders, names: Self.names, now: Self.later)
        #expect(first.absent.folders[0]?.absent == 0b11100)
        // The link's target appears outside the folder: the folder's times do not change.
        dir.write("elsewhere.md", "前言\n")
        let second = FolderFingerprints.scan(folders, names: Self.names, known: first.absent, now: Self.later)
        #expect(second.fingerprints[0] != first.fingerprints[0])
    }

    @Test func theRecordIsReadOnlyForTheSameFolders() throws {
        let (dir, folders) = Self.folders()
        let records = BuildRecords(folder: URL(fileURLWithPath: dir.path + "/records"))
        let scan = FolderFingerprints.scan(folders, names: Self.names, now: Self.later)
        var absent = scan.absent
        absent.folders.append(nil)
        let validity = AbsentFiles.validity(content: dir.path, names: Self.names, folders: folders)
        try absent.write(records, validity: validity)
        #expect(AbsentFiles.read(records, validity: validity, count: 3) == absent)
        #expect(AbsentFiles.read(records, validity: validity, count: 2) == nil)
        #expect(AbsentFiles.validity(content: dir.path, names: Self.names, folders: Array(folders.prefix(1))) != validity)
        #expect(AbsentFiles.read(records, validity: AbsentFiles.validity(content: dir.path, names: Self.names, folders: []), count: 3) == nil)
        // A known hint that does not match the folders' count is not used.
        let unused = FolderFingerprints.scan(folders, names: Self.names, known: absent, now: Self.later)
        #expect(unused.saved == 0)
    }
}
