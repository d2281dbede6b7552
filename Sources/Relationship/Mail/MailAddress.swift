/// An e-mail address with an optional display name: `Nordlys Kontor <post@nordlys.no>` or
/// `post@nordlys.no`, as `--from` takes it.
public struct MailAddress: Sendable, Equatable {
    public let name: String
    public let address: String

    public init(name: String, address: String) {
        self.name = name
        self.address = address
    }

    /// Parses `Name <addr@domain>` or `addr@domain`; nil when it is neither.
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            var name = String(trimmed[..<open]).trimmingWhitespace()
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            guard Self.isValid(address), !name.contains(where: { $0 == "\r" || $0 == "\n" }) else { return nil }
            self.init(name: name, address: address)
        } else {
            guard Self.isValid(trimmed) else { return nil }
            self.init(name: "", address: trimmed)
        }
    }

    /// A valid address for mail (RFC 5321/5322 as mail systems take it): a dot-atom local part of
    /// printable ASCII (at most 64 octets, no leading, trailing or double dot), one `@`, and a domain
    /// of labels of letters, digits and hyphens (at most 63 octets each, none starting or ending
    /// with a hyphen, at least two labels, the last not all digits), in all at most 254 octets.
    /// An internationalised domain (`post@bjørnøy.no`) is valid when its ASCII form (`xn--…`) is; a
    /// local part with letters beyond ASCII (`jürgen@example.de`, RFC 6531) is valid too, but only a
    /// server that offers SMTPUTF8 can take it (`needsSMTPUTF8`).
    public static func isValid(_ address: String) -> Bool { envelopeAddress(address) != nil }

    /// The address with its domain in ASCII (IDNA) and its local part as written, which may hold
    /// UTF-8 (RFC 6531); nil when it is not a valid address.
    public static func envelopeAddress(_ address: String) -> String? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, parts[0].utf8.count <= 64 else { return nil }
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.".unicodeScalars)
        // RFC 6531 atext: ASCII atext, or any character beyond ASCII that is neither a control nor a space.
        let allowed = { (scalar: Unicode.Scalar) in
            localAllowed.contains(scalar) || (scalar.value >= 0xA0 && !scalar.properties.isWhitespace
                && scalar.properties.generalCategory != .control && scalar.properties.generalCategory != .format
                && scalar.properties.generalCategory != .unassigned && scalar.properties.generalCategory != .surrogate)
        }
        guard parts[0].unicodeScalars.allSatisfy(allowed),
              !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains("..") else { return nil }
        guard let domain = asciiDomain(String(parts[1])) else { return nil }
        let envelope = parts[0] + "@" + domain
        return envelope.utf8.count <= 254 ? envelope : nil
    }

    /// Whether the address's local part holds characters beyond ASCII: only a server that offers
    /// SMTPUTF8 (RFC 6531) can take it, and the message then carries it as UTF-8 (RFC 6532).
    public static func needsSMTPUTF8(_ address: String) -> Bool {
        guard let at = address.lastIndex(of: "@") else { return !address.unicodeScalars.allSatisfy(\.isASCII) }
        return !address[..<at].unicodeScalars.allSatisfy(\.isASCII)
    }

    /// A domain in ASCII (IDNA), checked; nil when it is not a valid mail domain.
    public static func asciiDomain(_ text: String) -> String? {
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "@" || $0.value < 0x20 }),
              let domain = Punycode.asciiDomain(text) else { return nil }
        let domainAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.".unicodeScalars)
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard domain.utf8.count <= 253, domain.unicodeScalars.allSatisfy(domainAllowed.contains), labels.count >= 2,
              labels.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 63 && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
              !labels.last!.allSatisfy(\.isNumber) else { return nil }
        return domain
    }

    /// The domain part, for `Message-ID`s.
    public var domain: String { String(address.split(separator: "@").last ?? "localhost") }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
