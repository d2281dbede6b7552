// libFuzzer target: \@ date and \# number pictures, in every language, on fuzzed values.
import DocxMerge

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // The first line is the picture, the rest the value.
    let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let picture = String(parts[0])
    let value = parts.count > 1 ? String(parts[1]) : "1234.5"
    for code in ["en", "de", "fr", "nb", "sv", "da", "nl"] {
        let language = FieldLanguage(code: code)
        _ = NumberPicture(picture, language: language).format(value)
        _ = DatePicture(picture).format(value, language: language)
    }
    return 0
}
