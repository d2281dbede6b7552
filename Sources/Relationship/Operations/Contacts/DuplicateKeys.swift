import DocxMerge

/// One key two contacts may share: why they may be one, and a 64-bit hash of the normalised value.
struct DuplicateKey: Equatable {
    let reason: DuplicateReason
    let hash: UInt64
}

/// The keys contacts are compared by (`DuplicateReason`), normalised and hashed without building
/// strings: ASCII and precomposed Latin letters (U+00C0–U+017F) are folded byte by byte; any other
/// text takes the general rule (`TextFolding`), which gives the same bytes.
struct DuplicateKeys {
    /// The custom fields read as the VAT number, by loose key.
    static let vatKeys = ["VATRegistrationNo", "VATNo", "VATNumber"].map { FieldKey($0).normalized }

    /// The normalised value being built, reused from key to key.
    private var scratch: [UInt8] = []

    init() { scratch.reserveCapacity(256) }

    /// The keys of a contact whose standard fields `field` gives and whose custom fields `custom`
    /// gives by loose key, in reason order (the name and post code, the e-mail, the phone, then the
    /// mobile, the VAT number), into `keys` (emptied first).
    mutating func keys(_ field: (ContactField) -> String, custom: (String) -> String?, into keys: inout [DuplicateKey]) {
        keys.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        let name = field(.name)
        if !name.isEmpty {
            if !Self.appendName(name, to: &scratch) { Self.appendNameByRule(name, to: &scratch) }
        } else {
            // The space between is not kept: each part alone, or the whole by the general rule.
            let first = field(.firstName), surname = field(.surname)
            if !(Self.appendName(first, to: &scratch) && Self.appendName(surname, to: &scratch)) {
                scratch.removeAll(keepingCapacity: true)
                Self.appendNameByRule(first + " " + surname, to: &scratch)
            }
        }
        if !scratch.isEmpty {
            scratch.append(0x1F)
            let length = scratch.count
            Self.appendPostCode(field(.postCode), to: &scratch)
            if scratch.count > length { keys.append(key(.nameAndPostCode)) }
        }
        scratch.removeAll(keepingCapacity: true)
        Self.appendEmail(field(.email), to: &scratch)
        if !scratch.isEmpty { keys.append(key(.email)) }
        for phone in [ContactField.phone, .mobile] {
            scratch.removeAll(keepingCapacity: true)
            Self.appendDigits(field(phone), to: &scratch)
            if scratch.count >= 6 { keys.append(key(.phone)) }
        }
        for vatKey in Self.vatKeys {
            guard let value = custom(vatKey), !value.isEmpty else { continue }
            scratch.removeAll(keepingCapacity: true)
            Self.appendVAT(value, to: &scratch)
            if !scratch.isEmpty { keys.append(key(.vatNumber)); break }
        }
    }

    /// The keys of `contact` (see `keys(_:custom:into:)`).
    mutating func keys(of contact: Contact) -> [DuplicateKey] {
        var found: [DuplicateKey] = []
        keys({ contact[$0] }, custom: { contact.custom[$0] }, into: &found)
        return found
    }

    private func key(_ reason: DuplicateReason) -> DuplicateKey {
        var hasher = Hasher()
        hasher.combine(reason.rawValue)
        scratch.withUnsafeBytes { hasher.combine(bytes: $0) }
        return DuplicateKey(reason: reason, hash: UInt64(bitPattern: Int64(hasher.finalize())))
    }

    // MARK: Normalising

    /// A name folded (`TextFolding`) with only its letters and digits kept, when it is ASCII and
    /// precomposed Latin letters: false (and `out` as it was) otherwise.
    static func appendName(_ text: String, to out: inout [UInt8]) -> Bool {
        let start = out.count
        let fast = utf8(text) { bytes -> Bool in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte >= 0x41 && byte <= 0x5A { out.append(byte + 0x20) }
                    else if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) { out.append(byte) }
                    index += 1
                } else if byte >= 0xC3 && byte <= 0xC5, index + 1 < bytes.count, bytes[index + 1] & 0xC0 == 0x80 {
                    let scalar = Int(byte & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)
                    out.append(contentsOf: latinFolds[scalar - 0xC0])
                    index += 2
                } else {
                    return false
                }
            }
            return true
        }
        if !fast { out.removeSubrange(start...) }
        return fast
    }

    /// A name folded (`TextFolding`) with only its letters and digits kept: the general rule.
    static func appendNameByRule(_ text: String, to out: inout [UInt8]) {
        out.append(contentsOf: TextFolding.fold(text).filter { $0.isLetter || $0.isNumber }.utf8)
    }

    /// A post code without white space, in upper case.
    static func appendPostCode(_ text: String, to out: inout [UInt8]) {
        let start = out.count
        let fast = utf8(text) { bytes -> Bool in
            for byte in bytes {
                if byte >= 0x80 { return false }
                if isASCIISpace(byte) { continue }
                out.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
            }
            return true
        }
        if !fast {
            out.removeSubrange(start...)
            out.append(contentsOf: text.filter { !$0.isWhitespace }.uppercased().utf8)
        }
    }

    /// An e-mail address without surrounding white space, in lower case (no white space is among
    /// the Latin letters the fast path reads, so trimming ASCII white space is trimming all of it).
    static func appendEmail(_ text: String, to out: inout [UInt8]) {
        let start = out.count
        let fast = utf8(text) { bytes -> Bool in
            var first = 0, end = bytes.count
            while first < end, isASCIISpace(bytes[first]) { first += 1 }
            while end > first, isASCIISpace(bytes[end - 1]) { end -= 1 }
            var index = first
            while index < end {
                let byte = bytes[index]
                if byte < 0x80 {
                    out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                    index += 1
                } else if byte >= 0xC3 && byte <= 0xC5, index + 1 < end, bytes[index + 1] & 0xC0 == 0x80 {
                    let scalar = Int(byte & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)
                    out.append(contentsOf: latinLowercase[scalar - 0xC0])
                    index += 2
                } else {
                    return false
                }
            }
            return true
        }
        if !fast {
            out.removeSubrange(start...)
            out.append(contentsOf: text.trimmingWhitespace().lowercased().utf8)
        }
    }

    /// A phone number's ASCII digits.
    static func appendDigits(_ text: String, to out: inout [UInt8]) {
        let start = out.count
        let fast = utf8(text) { bytes -> Bool in
            for byte in bytes {
                if byte >= 0x80 { return false }
                if byte >= 0x30 && byte <= 0x39 { out.append(byte) }
            }
            return true
        }
        if !fast {
            out.removeSubrange(start...)
            out.append(contentsOf: text.filter { $0.isASCII && $0.isNumber }.utf8)
        }
    }

    /// A VAT number's ASCII letters (in upper case) and digits.
    static func appendVAT(_ text: String, to out: inout [UInt8]) {
        let start = out.count
        let fast = utf8(text) { bytes -> Bool in
            for byte in bytes {
                if byte >= 0x80 { return false }
                if byte >= 0x61 && byte <= 0x7A { out.append(byte - 0x20) }
                else if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) { out.append(byte) }
            }
            return true
        }
        if !fast {
            out.removeSubrange(start...)
            out.append(contentsOf: text.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.utf8)
        }
    }

    /// The white space `Character.isWhitespace` and `trimmingWhitespace` see among ASCII bytes.
    @inline(__always)
    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// `body` over the UTF-8 bytes of `text`, copied only when the string keeps no contiguous UTF-8.
    @inline(__always)
    private static func utf8(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// U+00C0–U+017F each in lower case, as `String.lowercased()` maps it.
    private static let latinLowercase: [[UInt8]] = (0xC0...0x17F).map { value in
        Array(String(Character(Unicode.Scalar(UInt32(value))!)).lowercased().utf8)
    }

    /// U+00C0–U+017F each folded as `TextFolding` folds it, with only letters and digits kept.
    private static let latinFolds: [[UInt8]] = (0xC0...0x17F).map { value in
        let text = String(Character(Unicode.Scalar(UInt32(value))!))
        return Array(TextFolding.fold(text).filter { $0.isLetter || $0.isNumber }.utf8)
    }
}
