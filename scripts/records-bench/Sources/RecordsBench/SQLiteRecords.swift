import Foundation
import GRDB
import NianbaoRecords

/// The same records as rows of one SQLite database: one table per kind of record, keyed as the
/// text records are sorted, a build's writes in one transaction. Opened anew for every build, as
/// a build process would. The rollback journal and no fsync (`synchronous = OFF`): the text
/// records are written without fsync too; WAL would leave `-wal`/`-shm` files behind.
final class SQLiteRecords {
    let path: String
    let changed: String
    /// The changed report's year, and how many reports it has.
    let year: String
    let yearFolders: Int
    let manifest: Int64
    private var round: Int64 = 0

    init(path: String, from text: TextRecords) throws {
        self.path = path
        changed = text.changed
        year = text.year
        yearFolders = text.yearFolders
        manifest = Int64(bitPattern: text.manifest.value)
        let queue = try Self.open(path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE meta(name TEXT PRIMARY KEY, validity INTEGER NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE outputs(path TEXT PRIMARY KEY, folder TEXT, inputs INTEGER NOT NULL, content INTEGER NOT NULL) WITHOUT ROWID;
                CREATE INDEX outputs_folder ON outputs(folder);
                CREATE TABLE reports(key TEXT PRIMARY KEY, fingerprint INTEGER NOT NULL, data INTEGER NOT NULL, rest TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE figures(key TEXT PRIMARY KEY, figures TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE layout(file TEXT, pos INTEGER, name TEXT NOT NULL, key INTEGER NOT NULL, start INTEGER NOT NULL,
                                    count INTEGER NOT NULL, PRIMARY KEY(file, pos)) WITHOUT ROWID;
                """)
            for name in ["last-build", "journal"] {
                try db.execute(sql: "INSERT INTO meta VALUES (?, ?, ?)", arguments: [name, manifest, "body of \(name)"])
            }
            for line in text.outputs {
                let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
                let segments = parts[2].split(separator: "/")
                let folder: String? = segments.count == 3 && segments[0].count == 4 && Int(segments[0]) != nil ? segments[0] + "/" + segments[1] : nil
                try db.execute(sql: "INSERT INTO outputs VALUES (?, ?, ?, ?)", arguments: [
                    parts[2], folder, Self.int(parts[0]), Self.int(parts[1])])
            }
            for line in text.folders {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                try db.execute(sql: "INSERT INTO reports VALUES (?, ?, ?, ?)", arguments: [
                    f[1], Self.int(f[2]), Self.int(f[8]), f[3...].joined(separator: "\t")])
            }
            for line in text.figureLines {
                let f = line.split(separator: "\t", maxSplits: 1).map(String.init)
                try db.execute(sql: "INSERT INTO figures VALUES (?, ?)", arguments: [f[0], f.count > 1 ? f[1] : ""])
            }
            // Each year's two data files, with that year's reports.
            let keys = text.folders.map { String($0.split(separator: "\t")[1]) }
            for (year, yearKeys) in Dictionary(grouping: keys, by: { String($0.prefix(4)) }) {
                for file in ["data/\(year)/reports.json", "data/\(year)/applications.csv"] {
                    for (pos, key) in yearKeys.enumerated() {
                        try db.execute(sql: "INSERT INTO layout VALUES (?, ?, ?, ?, ?, ?)", arguments: [file, pos, key, pos * 7, pos * 900, 900])
                    }
                }
            }
        }
    }

    static func open(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// The changed report's year's data files.
    var dataFiles: [String] { ["data/\(year)/reports.json", "data/\(year)/applications.csv"] }

    static func int(_ hex: String) -> Int64 { Int64(bitPattern: UInt64(hex, radix: 16)!) }

    func run(_ scenario: Scenario) throws {
        round += 1
        let queue = try Self.open(path)
        let last = try queue.read { db in try String.fetchOne(db, sql: "SELECT body FROM meta WHERE name = 'last-build' AND validity = ?", arguments: [manifest]) }
        precondition(last != nil)
        guard scenario != .noop else { return }
        try queue.read { db in
            _ = try String.fetchOne(db, sql: "SELECT body FROM meta WHERE name = 'journal' AND validity = ?", arguments: [manifest])
            var kept: [String: (Int64, Int64)] = [:]
            let outputs = try Row.fetchCursor(db, sql: "SELECT path, inputs, content FROM outputs WHERE folder IS NULL OR folder = ?", arguments: [changed])
            while let row = try outputs.next() { kept[row[0]] = (row[1], row[2]) }
            var folders: [String: (Int64, Int64)] = [:]
            let reports = try Row.fetchCursor(db, sql: "SELECT key, fingerprint, data FROM reports")
            while let row = try reports.next() { folders[row[0]] = (row[1], row[2]) }
            precondition(!kept.isEmpty && !folders.isEmpty)
            if scenario == .figure {
                // The year's figures alone (keys `year/slug`: from "2024/" up to "20240").
                var figures: [String: String] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT key, figures FROM figures WHERE key > ? AND key < ?", arguments: [year + "/", year + "0"])
                while let row = try rows.next() { figures[row[0]] = row[1] }
                precondition(figures.count == yearFolders)
                for file in dataFiles {
                    var places: [(String, Int64, Int, Int)] = []
                    let rows = try Row.fetchCursor(db, sql: "SELECT name, key, start, count FROM layout WHERE file = ? ORDER BY pos", arguments: [file])
                    while let row = try rows.next() { places.append((row[0], row[1], row[2], row[3])) }
                    precondition(places.count == yearFolders)
                }
            }
        }
        try queue.write { db in
            let paths = scenario == .figure
                ? ["index.html", "report.json", "report.csv", "../index.html", "../../agencies/x/index.html"] + dataFiles.map { "../../" + $0 }
                : ["index.html"]
            for path in paths {
                try db.execute(sql: "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)", arguments: [changed + "/" + path, changed, round, round])
            }
            try db.execute(sql: "UPDATE reports SET fingerprint = ?, rest = ? WHERE key = ?", arguments: [round, "rest \(round)", changed])
            if scenario == .figure {
                try db.execute(sql: "UPDATE figures SET figures = ? WHERE key = ?", arguments: ["0 \(round)", changed])
                let middle = yearFolders / 2
                for file in dataFiles {
                    // Every place after the corrected fragment moves by the change of its length.
                    try db.execute(sql: "UPDATE layout SET start = start + ? WHERE file = ? AND pos > ?", arguments: [round % 3 == 0 ? 1 : -1, file, middle])
                    try db.execute(sql: "UPDATE layout SET key = ? WHERE file = ? AND pos = ?", arguments: [round, file, middle])
                }
            }
            try db.execute(sql: "UPDATE meta SET body = ? WHERE name IN ('journal', 'last-build')", arguments: ["round \(round)"])
        }
    }
}
