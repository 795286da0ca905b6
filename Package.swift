// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "nianbao",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nianbao", targets: ["NianbaoCLI"]),
        // Only for the fuzz harness in scripts/fuzz/ (scripts/fuzz-import.sh), a separate package.
        .library(name: "NianbaoImport", targets: ["NianbaoImport"]),
        // Only for the records benchmark in scripts/records-bench/, a separate package.
        .library(name: "NianbaoRecords", targets: ["NianbaoRecords"]),
        // Only for the YAML benchmark in scripts/yaml-bench/, a separate package.
        .library(name: "NianbaoContent", targets: ["NianbaoContent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev).
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // xxHash from the system (Debian: libxxhash-dev): XXH3-64 behind ContentHash.
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        // libyaml from the system (Debian: libyaml-dev): report.yaml, site.yaml and agencies.yaml are
        // read through its event API (YAMLComposer).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // The one system call Foundation lacks: atomic exchange of two directories (renameat2).
        .target(name: "CNianbaoSystem"),
        // The report format, the report values and the consistency rules. No I/O.
        .target(name: "NianbaoModel"),
        // What a build keeps beside the output: the content hash, byte-level record parsing,
        // sorted-line patching.
        .target(name: "NianbaoRecords", dependencies: ["CXXHash"]),
        // Reading Content/: YAML (libyaml's events) into typed, located values; files; diagnostics output.
        .target(name: "NianbaoContent", dependencies: ["NianbaoModel", "CYAML"]),
        // Markdown to HTML through libcmark, safe mode, with the CJK fixes.
        .target(name: "NianbaoMarkdown", dependencies: ["Ccmark"]),
        // Mustache templates: the embedded default theme and per-site overrides.
        .target(
            name: "NianbaoTemplates",
            dependencies: [.product(name: "Mustache", package: "swift-mustache")]
        ),
        // load → check → plan → render → write.
        .target(
            name: "NianbaoSite",
            dependencies: ["NianbaoModel", "NianbaoContent", "NianbaoRecords", "NianbaoMarkdown", "NianbaoTemplates", "NianbaoExport", "CNianbaoSystem"]
        ),
        // Helping clerks write content: `new`, `init`, `schema`, `aggregate`.
        .target(
            name: "NianbaoAuthoring",
            dependencies: ["NianbaoModel", "NianbaoContent", "NianbaoTemplates", "NianbaoImport"]
        ),
        // `check --format html|csv`: the review of a whole content folder for a supervising office.
        .target(name: "NianbaoReview", dependencies: ["NianbaoModel", "NianbaoContent", "NianbaoTemplates"]),
        // `nianbao import`: published reports (plain text, HTML, Word .docx) into report.yaml and Markdown.
        .target(
            name: "NianbaoImport",
            dependencies: [
                "NianbaoModel", "NianbaoContent",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // `nianbao export`: a report as a Word document (.docx) laid out as a 公文 (GB/T 9704).
        .target(
            name: "NianbaoExport",
            dependencies: [
                "NianbaoModel", "NianbaoContent", "NianbaoMarkdown",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // `nianbao serve`: the preview server (Hummingbird), the folder watcher, live reload.
        .target(
            name: "NianbaoServer",
            dependencies: [
                "NianbaoModel", "NianbaoContent", "NianbaoSite", "NianbaoTemplates",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // The `nianbao` command.
        .executableTarget(
            name: "NianbaoCLI",
            dependencies: [
                "NianbaoSite", "NianbaoAuthoring", "NianbaoImport", "NianbaoExport", "NianbaoServer", "NianbaoReview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "NianbaoTests",
            dependencies: [
                "NianbaoModel", "NianbaoContent", "NianbaoRecords", "NianbaoMarkdown", "NianbaoTemplates", "NianbaoSite", "NianbaoAuthoring",
                "NianbaoServer", "NianbaoImport", "NianbaoReview", "NianbaoExport",
                // Yams only as the reference the YAML composer is compared with (YAMLAgreementTests).
                .product(name: "Yams", package: "Yams"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
