// swift-tools-version:6.0
// The records of a build as text files (BuildRecords, what nianbao uses) against one SQLite
// database through GRDB: the record work of a no-op build, a text edit and a corrected figure.
// A separate package (scripts/records-bench), so that neither `swift build` nor CI in the
// repository builds GRDB. Run: scripts/records-bench.sh (see there).
import PackageDescription

let package = Package(
    name: "nianbao-records-bench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "nianbao", path: "../.."),
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "RecordsBench",
            dependencies: [
                .product(name: "NianbaoRecords", package: "nianbao"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
