// libFuzzer target: a (mutated) word/document.xml in a valid package, compiled and rendered.
import DocxMerge
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzPackage.compileAndRender(FuzzPackage.make(documentXML: Array(UnsafeBufferPointer(start: data, count: size))))
    return 0
}
