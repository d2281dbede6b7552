// lettershop-bench: merges N records (generated, or --data) into a temporary folder and prints
// letters per second in letter formats 1 and 2 on one core and format 2 on every core, against a
// file-system floor and (--c-bound) a hand-written C bound, output bytes and callgrind
// instructions per letter, and peak memory.
//
//   swift run -c release lettershop-bench [N] [--template FILE.docx] [--data FILE.csv] [--compression-level L]
//                                         [--repeat R] [--c-bound PATH/limit] [--pdf M] [--keep]
//   swift run -c release lettershop-bench --compile-scaling     (compile time for 1k/10k/100k items)
//   swift run -c release lettershop-bench --import [N] [--runs R] [--keep]
//       (contacts import of N × 14 columns against sqlite3's .import, then segment add --where)
//   swift run -c release lettershop-bench --all [letter options]
//       (the letters, Benchmarks/segment-bench.sh 100000 and --import 1000000, one after the other)
//
// Also: the same records combined into one document against separate letters, and, when LibreOffice
// is installed, M letters (default 40, 0 to skip) as PDF through Lettershop against LibreOffice
// converting the same .docx files by itself.
import DocxMerge
import Foundation

struct BenchOptions {
    var count = 10_000
    var template = "Templates/letter-en.docx"
    var level = 6
    var keep = false
    var pdf = 40
    var data: String?
    var repeatCount = 3
    var cBound: String?

    init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            switch argument {
            case "--template": template = arguments[index]; index += 1
            case "--compression-level": level = Int(arguments[index]) ?? 6; index += 1
            case "--keep": keep = true
            case "--pdf": pdf = Int(arguments[index]) ?? 40; index += 1
            case "--data": data = arguments[index]; index += 1
            case "--repeat": repeatCount = Int(arguments[index]) ?? 3; index += 1
            case "--c-bound": cBound = arguments[index]; index += 1
            default:
                guard let number = Int(argument), number > 0 else {
                    FileHandle.standardError.write(Data("usage: lettershop-bench [N] [--template FILE.docx] [--data FILE.csv] [--compression-level 0-9] [--repeat R] [--c-bound PATH] [--pdf M] [--keep]\n".utf8))
                    exit(2)
                }
                count = number
            }
        }
    }
}

/// Deterministic, realistic records for the template's fields (Nordic names, multi-line notes,
/// characters that need escaping).
enum SyntheticRecords {
    static let firstNames = ["Åse", "Ola", "Kari", "Bjørn", "Søren", "Ingrid", "Märta", "Jürgen", "Anna", "Per", "Liv", "Håkon"]
    static let surnames = ["Ødegård", "Nordmann", "Hansen", "Berg", "Strauß", "Lindqvist", "Johansen", "Müller", "Dahl", "Aasen"]
    static let companies = ["Bjørn & Søn <Eiendom> AS", "Fjordvik Arkitekter AS", "Nordlys Kontor AS", "Müller & Töchter GmbH", "Østby Bygg"]
    static let streets = ["Øvre Slottsgate", "Storgata", "Kongens gate", "Hauptstraße", "Strandvejen", "Drottninggatan"]
    static let cities = [("0150", "Oslo"), ("5003", "Bergen"), ("7010", "Trondheim"), ("9008", "Tromsø"), ("4006", "Stavanger")]

    static func write(count: Int, columns: [String], to path: String) throws {
        var generator = SplitMix(seed: 42)
        var text = columns.joined(separator: ",") + "\r\n"
        for index in 1...count {
            let values = columns.map { column -> String in
                switch FieldKey(column).normalized {
                case "contactno": return String(format: "CT%06d", index)
                case "firstname": return firstNames[generator.next(firstNames.count)]
                case "surname", "lastname": return surnames[generator.next(surnames.count)]
                case "salutation": return ["Ms", "Mr", "Dr", ""][generator.next(4)]
                case "companyname": return companies[generator.next(companies.count)]
                case "address": return "\(streets[generator.next(streets.count)]) \(1 + generator.next(120))"
                case "address2": return generator.next(3) == 0 ? "Postboks \(generator.next(900))" : ""
                case "postcode": return cities[index % cities.count].0
                case "city": return cities[index % cities.count].1
                case "countrycode", "country": return "NO"
                case "date": return "2026-12-\(String(format: "%02d", 1 + index % 28))"
                case "subject": return "Your framework agreement for 2027"
                case "personalnote":
                    return generator.next(5) == 0 ? "Thanks for the \"Vinter & Vår\" meeting.\nPrices < 500 kr are net." : ""
                default: return "\(column) \(index)"
                }
            }
            text += values.map(csvQuoted).joined(separator: ",") + "\r\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func csvQuoted(_ value: String) -> String {
        value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}

/// A small seeded generator, so every run merges the same records.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// PDF letters/s through Lettershop (render, then one LibreOffice process per job, in batches)
/// against LibreOffice converting the same `.docx` files by itself (one process, all the files).
func pdfRow(count: Int, csvPath: String, template: MergeTemplate, jobs: Int) throws {
    guard let soffice = try? OfficeTools.soffice(explicit: nil) else {
        print("PDF: LibreOffice not found (install libreoffice-writer-nogui); row skipped")
        return
    }
    let rows = try String(contentsOfFile: csvPath, encoding: .utf8).components(separatedBy: "\r\n")
    let subset = work + "/pdf-records.csv"
    try (rows.prefix(count + 1).joined(separator: "\r\n") + "\r\n").write(toFile: subset, atomically: true, encoding: .utf8)
    let csv = try CSVReader(path: subset)
    let plan = try LetterPlan(template: template, columns: csv.header, compressionLevel: options.level)
    let output = try OutputFolder(destination: work + "/pdf-letters")
    var written = 0
    let ours = try seconds {
        written = try CSVMerge(plan: plan, jobs: jobs, pattern: nil).run(csv, into: output)
        let documents = Folder.entries(of: output.staging).map { output.staging + "/" + $0 }
        try PDFConverter(soffice: soffice, jobs: jobs).convert(documents, into: output.staging)
        try output.commit()
    }
    let folder = work + "/pdf-letters"
    let documents = Folder.entries(of: folder).filter { $0.hasSuffix(".docx") }.map { folder + "/" + $0 }
    try FileManager.default.createDirectory(atPath: work + "/pdf-alone", withIntermediateDirectories: true)
    let alone = try seconds {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = ["--headless", "-env:UserInstallation=file://" + work + "/profile-alone", "--convert-to", "pdf",
                             "--outdir", work + "/pdf-alone"] + documents
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }
    let converted = Folder.entries(of: work + "/pdf-alone").filter { $0.hasSuffix(".pdf") }.count
    print(String(format: "PDF, --jobs %d: %d letters in %.2f s = %.1f letters/s; LibreOffice alone on the same %d .docx: %.2f s = %.1f letters/s",
                 jobs, written, ours, Double(written) / ours, converted, alone, Double(converted) / alone))
}

if CommandLine.arguments.dropFirst().first == "--all" {
    do {
        try AllBench.run(letterArguments: Array(CommandLine.arguments.dropFirst(2)))
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "--compile-scaling" {
    try CompileScaling.run()
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "--render-only" {
    // For callgrind: --render-only FORMAT N, then the usual options.
    let arguments = Array(CommandLine.arguments.dropFirst())
    let options = BenchOptions(Array(arguments.dropFirst(3)))
    guard arguments.count >= 3, let format = Int(arguments[1]).flatMap(LetterFormat.init(rawValue:)), let count = Int(arguments[2]),
          let data = options.data else { exit(2) }
    try LetterSpeed.renderOnly(template: options.template, csvPath: data, format: format, count: count, level: options.level)
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "--import" {
    // --import [N] [--runs R] [--keep]
    var rest = Array(CommandLine.arguments.dropFirst(2))
    var count = 1_000_000, runs = 3, keep = false
    while !rest.isEmpty {
        let argument = rest.removeFirst()
        if argument == "--keep" { keep = true }
        else if argument == "--runs", let value = rest.first.flatMap({ Int($0) }), value > 0 { runs = value; rest.removeFirst() }
        else if let value = Int(argument), value > 0 { count = value }
        else {
            FileHandle.standardError.write(Data("usage: lettershop-bench --import [N] [--runs R] [--keep]\n".utf8))
            exit(2)
        }
    }
    do {
        try ImportBench.run(count: count, runs: runs, keep: keep)
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
let options = BenchOptions(Array(CommandLine.arguments.dropFirst()))
let work = FileManager.default.temporaryDirectory.appendingPathComponent("lettershop-bench-\(getpid())").path
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
defer { if !options.keep { try? FileManager.default.removeItem(atPath: work) } }

do {
    var template: MergeTemplate!
    let compile = try seconds { template = try MergeTemplate(path: options.template) }
    var csvPath = work + "/records.csv"
    var count = options.count
    if let data = options.data {
        csvPath = data
        count = try CSVReader.countRecords(path: data)
    } else {
        try SyntheticRecords.write(count: count, columns: template.fieldNames, to: csvPath)
    }
    print("template \(options.template): \(template.fields.count) fields, compiled in \(String(format: "%.1f", compile * 1000)) ms")
    print("records: \(count) (\(options.data ?? "generated")), deflate level \(options.level)")
    let cores = ProcessInfo.processInfo.activeProcessorCount
    try LetterSpeed.report(template: template, templatePath: options.template, csvPath: csvPath, count: count, level: options.level,
                           repeat: options.repeatCount, cBound: options.cBound, work: work)
    var rates: [Int: Double] = [:]
    rates[cores] = try LetterSpeed.merge(template: template, csvPath: csvPath, format: .current, jobs: cores, level: options.level,
                                         into: work + "/out").rate
    // The same records into one combined document, on every core, against separate letters.
    do {
        let csv = try CSVReader(path: csvPath)
        let plan = try LetterPlan(template: template, columns: csv.header, compressionLevel: options.level)
        let combiner = try LetterCombiner(destination: work + "/combined.docx", plans: [plan])
        var written = 0
        let elapsed = try seconds {
            written = try CSVMerge(plan: plan, jobs: cores, pattern: nil).run(csv, into: nil, combiner: combiner)
            try combiner.commit()
        }
        let rate = Double(written) / elapsed
        let size = (try? FileManager.default.attributesOfItem(atPath: work + "/combined.docx")[.size] as? Int) ?? 0
        print(String(format: "--combine, --jobs %d: %d letters in %.2f s = %.0f letters/s (%.2fx the separate letters' time; %.1f MB)",
                     cores, written, elapsed, rate, (rates[cores] ?? rate) / rate, Double(size) / 1e6))
    }
    if options.pdf > 0 { try pdfRow(count: options.pdf, csvPath: csvPath, template: template, jobs: cores) }
    print(String(format: "peak memory (RSS): %.1f MB", peakMemoryMB()))
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
