/// Quoted-printable (RFC 2045) for text parts: printable ASCII as it is, everything else and `=`
/// as `=XX`, CRLF line breaks kept, lines broken with soft breaks (`=` CRLF) at 76 characters,
/// and a space or tab before a line break encoded so no line ends in white space.
public enum QuotedPrintable {
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var lineLength = 0
        let hex = Array("0123456789ABCDEF".utf8)
        var index = 0
        func append(_ piece: [UInt8]) {
            if lineLength + piece.count > 75 {
                out += [UInt8(ascii: "="), 13, 10]
                lineLength = 0
            }
            out += piece
            lineLength += piece.count
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                out += [13, 10]
                lineLength = 0
                index += 2
                continue
            }
            let atLineEnd = index + 1 == bytes.count || (bytes[index + 1] == 13 && index + 2 < bytes.count && bytes[index + 2] == 10)
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !atLineEnd)
            // A line starting with a dot is left to the transport's dot-stuffing; `From ` at a line
            // start is encoded so no mail store mangles it.
            if literal, !(byte == UInt8(ascii: "F") && lineLength == 0 && bytes[index...].starts(with: Array("From ".utf8))) {
                append([byte])
            } else {
                append([UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            }
            index += 1
        }
        if !out.isEmpty, !(out.count >= 2 && out[out.count - 2] == 13 && out[out.count - 1] == 10) { out += [13, 10] }
        return String(decoding: out, as: UTF8.self)
    }
}
