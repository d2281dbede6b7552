// libFuzzer target: the template compiler fed whole (mutated) packages, as zip bytes or as their parts in
// text (see FuzzPackage.make(input:)); a compiled one renders a letter.
import DocxMerge
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    FuzzPackage.compileAndRender(FuzzPackage.make(input: Array(UnsafeBufferPointer(start: data, count: size))))
    return 0
}
