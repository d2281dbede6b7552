// swift-tools-version: 6.0
//
// Lettershop: segments, interactions and Word mail merge.
//
// Module layout (dependencies point down):
//   lettershop (CLI)  ->  Relationship (contacts, segments, criteria, interactions, SQLite store)
//                     ->  DocxMerge    (template compiler and renderer; knows nothing of contacts)
//   C shims: CZip (libzip, reading templates), CLibXML2 (parsing parts), CSQLite3 (the store),
//            CLibDeflate (deflate and CRC-32 for the letters we write: 1.5x zlib's speed at level 6),
//            CZlib (streaming deflate for the combined document, which libdeflate cannot stream).
import PackageDescription

let package = Package(
    name: "Lettershop",
    products: [
        .executable(name: "lettershop", targets: ["lettershop"]),
        .executable(name: "lettershop-bench", targets: ["lettershop-bench"]),
        .library(name: "DocxMerge", targets: ["DocxMerge"]),
        .library(name: "Relationship", targets: ["Relationship"]),
    ],
    targets: [
        .systemLibrary(name: "CZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite3", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "DocxMerge", dependencies: ["CZip", "CLibXML2", "CLibDeflate", "CZlib"]),
        .target(name: "Relationship", dependencies: ["DocxMerge", "CSQLite3"]),
        .executableTarget(name: "lettershop", dependencies: ["DocxMerge", "Relationship"]),
        .executableTarget(name: "lettershop-bench", dependencies: ["DocxMerge"]),

        .target(name: "LettershopTestSupport", dependencies: ["DocxMerge"], path: "Tests/LettershopTestSupport"),
        .testTarget(name: "DocxMergeTests", dependencies: ["DocxMerge", "LettershopTestSupport"], exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "RelationshipTests", dependencies: ["Relationship", "LettershopTestSupport"]),
        .testTarget(name: "LettershopCLITests", dependencies: ["lettershop", "LettershopTestSupport"], exclude: ["Golden"]),
    ]
)
