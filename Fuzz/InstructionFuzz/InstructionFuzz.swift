// libFuzzer target: a field instruction and its switches, as a w:fldSimple and as a complex field.
import DocxMerge
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let instruction = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var escaped = ""
    for character in instruction.unicodeScalars {
        switch character {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        default: if character.value >= 0x20 || character == "\n" || character == "\t" { escaped.unicodeScalars.append(character) }
        }
    }
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    let simple = "<w:p><w:fldSimple w:instr=\"\(escaped)\"><w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>"
    let complex = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">\(escaped)</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>x</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
    for body in [simple, complex] {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \(w)><w:body>\(body)</w:body></w:document>"
        FuzzPackage.compileAndRender(FuzzPackage.make(documentXML: Array(xml.utf8)))
    }
    return 0
}
