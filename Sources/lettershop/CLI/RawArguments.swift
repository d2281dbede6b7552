#if canImport(Glibc)
import Glibc
#endif

/// The command line as the system gave it. Swift's `CommandLine.arguments` replaces bytes that
/// are not UTF-8 with U+FFFD, which would turn a file name into another one; such an argument is
/// refused instead, showing its bytes.
enum RawArguments {
    static func read() -> Result<[String], UsageError> {
        var arguments: [String] = []
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            guard let text = String(validatingCString: pointer) else {
                let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
                return .failure(UsageError("argument \(index) is not UTF-8 text ('\(shown(bytes))'); file names and values must be UTF-8"))
            }
            arguments.append(text)
        }
        return .success(arguments)
    }

    /// Bytes shown as text: printable ASCII as is, anything else as `\xHH`.
    static func shown(_ bytes: some Sequence<UInt8>) -> String {
        var text = ""
        for byte in bytes {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                text += "\\x" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return text
    }
}
