// swift-tools-version:6.0
// Reading report.yaml: Yams' compose (how nianbao read it before) against libyaml's events
// (YAMLComposer), and the whole decoding as a build does it. A separate package
// (scripts/yaml-bench), so that neither `swift build` nor CI in the repository builds it.
// Run: scripts/yaml-bench.sh (see there).
import PackageDescription

let package = Package(
    name: "nianbao-yaml-bench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "nianbao", path: "../.."),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
    ],
    targets: [
        .executableTarget(
            name: "YAMLBench",
            dependencies: [
                .product(name: "NianbaoContent", package: "nianbao"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
