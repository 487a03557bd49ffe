// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Gleaner",
    // Linux only: the daemon and its spool use inotify, flock, /proc and sd_notify through
    // Glibc, so no Apple platform is claimed.
    products: [
        .executable(name: "gleaner", targets: ["Daemon"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Thin shims over system libraries: a module map and an umbrella header, no logic.
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // SHA-256, the content identity, from OpenSSL's libcrypto.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // PostgreSQL's client library, for the shared store (docs/scaling.md says why libpq).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // Every data file the binary carries (models/, data/), embedded with .incbin: no
        // resource files at run time. Paths in blobs.def are from the package root.
        .target(
            name: "CEmbeddedData",
            exclude: ["blobs.def"],
            cSettings: [.headerSearchPath("../..")]
        ),
        .target(
            name: "Pipeline",
            dependencies: [
                "CEmbeddedData",
                "CLibCrypto",
                "CLibPQ",
                "CLibXML2",
                "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // What trains the models and measures the pipeline (the NER trainer, the analyzer
        // benchmark, the benchmark's floor store, the thread CPU clock): used by `gleaner
        // train` and `gleaner bench`, never by what `serve` runs, so Pipeline is only that.
        .target(
            name: "Workbench",
            dependencies: [
                "Pipeline",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // What the daemon does that can be tested in-process: its configuration file, the
        // spool's folders, names, lock and moves, failure reports, the status file.
        .target(
            name: "ServiceCore",
            dependencies: ["Pipeline"]
        ),
        // Everything Gleaner prints in columns: the one table printer, text made safe for a
        // terminal, and the pipeline's evaluation reports rendered through the printer.
        .target(
            name: "Terminal",
            dependencies: ["Pipeline"]
        ),
        .executableTarget(
            name: "Daemon",
            dependencies: [
                "Pipeline",
                "ServiceCore",
                "Terminal",
                "Workbench",
                "CSystemd",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "Workbench", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        // What the test targets share: temporary folders, the package root, the seeds' answer keys, polling.
        .target(
            name: "TestSupport",
            dependencies: ["Pipeline"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "ServiceCoreTests",
            dependencies: ["ServiceCore", "Pipeline", "TestSupport"]
        ),
        .testTarget(
            name: "TerminalTests",
            dependencies: ["Terminal", "Pipeline"]
        ),
        .testTarget(
            name: "DaemonTests",
            dependencies: ["Daemon", "Pipeline", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
