// libFuzzer target: the CSV reader on fuzzed bytes, with each delimiter.
import DocxMerge

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")] {
        guard let reader = try? CSVReader(bytes: bytes, name: "fuzz.csv", delimiter: delimiter) else { continue }
        while let record = try? reader.next() { _ = record.values.count }
    }
    return 0
}
