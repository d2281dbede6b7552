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

    /// A plain `local@domain` address: printable ASCII without spaces or specials, one `@`, a dot-free
    /// local part allowed, a domain of labels.
    public static func isValid(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, address.utf8.count <= 254 else { return false }
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.".unicodeScalars)
        let domainAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.".unicodeScalars)
        guard parts[0].unicodeScalars.allSatisfy(localAllowed.contains),
              !parts[0].hasPrefix("."), !parts[0].hasSuffix("."), !parts[0].contains("..") else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return parts[1].unicodeScalars.allSatisfy(domainAllowed.contains)
            && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
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
