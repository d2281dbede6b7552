// swift-tools-version: 6.0
//
// Lettershop: segments, interactions and Word mail merge.
//
// Module layout (dependencies point down):
//   lettershop (CLI)  ->  Relationship (contacts, segments, criteria, interactions, e-mail delivery state, SQLite store)
//                     ->  DocxMerge    (template compiler and renderer; knows nothing of contacts)
//                     ->  MailDelivery (hands messages to an SMTP server or sendmail; knows nothing of segments)
//   C shims: CZip (libzip, reading templates), CLibXML2 (parsing parts), CSQLite3 (the store),
//            CLibDeflate (deflate and CRC-32 for the letters we write: 1.5x zlib's speed at level 6),
//            CZlib (streaming deflate for the combined document, which libdeflate cannot stream),
//            CCurl (libcurl: SMTP for MailDelivery, which sends messages and knows nothing of segments;
//            loaded when the first message is sent, so that other commands do not pay for it at start),
//            CCrypto (libcrypto, already loaded for libcurl's TLS: SHA-256 of every logged letter with the
//            CPU's SHA instructions, 12x the portable Swift code it replaced).
import PackageDescription
import class Foundation.ProcessInfo

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
        // No pkgConfig: it would link libcurl into every command; the shim loads it when mail is sent.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        .target(name: "DocxMerge", dependencies: ["CZip", "CLibXML2", "CLibDeflate", "CZlib"]),
        .target(name: "MailDelivery", dependencies: ["CCurl"]),
        .target(name: "Relationship", dependencies: ["DocxMerge", "CSQLite3", "CCrypto", "MailDelivery"]),
        // Released with the Swift runtime linked in: the dynamic loader then binds ~5 ms less at every
        // start of every command (measured on `lettershop --version`).
        .executableTarget(name: "lettershop", dependencies: ["DocxMerge", "Relationship", "MailDelivery"],
                          linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]),
        .executableTarget(name: "lettershop-bench", dependencies: ["DocxMerge", "Relationship", "MailDelivery"]),

        .target(name: "LettershopTestSupport", dependencies: ["DocxMerge"], path: "Tests/LettershopTestSupport"),
        .testTarget(name: "DocxMergeTests", dependencies: ["DocxMerge", "LettershopTestSupport"], exclude: ["Fixtures", "Golden"]),
        .testTarget(name: "RelationshipTests", dependencies: ["Relationship", "LettershopTestSupport"]),
        .testTarget(name: "LettershopCLITests", dependencies: ["lettershop", "LettershopTestSupport"], exclude: ["Golden", "Fixtures"]),
    ]
)

// libFuzzer targets, built only with LETTERSHOP_FUZZ=1, one product at a time, by Fuzz/run.sh
// (`swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address --product NAME`).
if ProcessInfo.processInfo.environment["LETTERSHOP_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["DocxMerge"], path: "Fuzz/FuzzSupport"))
    for (name, dependencies) in [("TemplateFuzz", ["DocxMerge", "FuzzSupport"]), ("DocumentFuzz", ["DocxMerge", "FuzzSupport"]),
                                 ("InstructionFuzz", ["DocxMerge", "FuzzSupport"]), ("PictureFuzz", ["DocxMerge"]),
                                 ("CSVFuzz", ["DocxMerge"]), ("WhereFuzz", ["Relationship"])] {
        package.targets.append(.executableTarget(name: name, dependencies: dependencies.map { .target(name: $0) }, path: "Fuzz/\(name)"))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
