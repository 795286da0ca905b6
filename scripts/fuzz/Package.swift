// swift-tools-version:6.0
// The fuzz harness of `nianbao import`: a separate package (scripts/fuzz), so that neither `swift build` nor CI
// in the repository builds it. Run it with scripts/fuzz-import.sh (libFuzzer, needs no other tool).
import PackageDescription

let package = Package(
    name: "nianbao-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "nianbao", path: "../..")],
    targets: [
        .executableTarget(
            name: "ImportFuzz",
            dependencies: [.product(name: "NianbaoImport", package: "nianbao")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
