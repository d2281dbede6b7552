import CCrypto

/// SHA-256 (FIPS 180-4), used to name stored template documents and letters by their content.
///
/// The hashing is libcrypto's (OpenSSL, already loaded for libcurl's TLS): it uses the CPU's SHA
/// instructions where there are some, about 1.3 GB/s here against 110 MB/s for portable Swift, which
/// mattered because every logged letter is hashed.
///
/// A value type: a copy goes on from the same state independently (the context is copied when a
/// shared one is about to change).
///
/// ```swift
/// SHA256.hex(Array("abc".utf8))  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public struct SHA256: Sendable {
    private var context = DigestContext()

    public init() {}

    /// Adds bytes to the message.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        let handled: Void? = bytes.withContiguousStorageIfAvailable { context.update(UnsafeRawBufferPointer($0)) }
        if handled == nil { Array(bytes).withUnsafeBytes { context.update($0) } }
    }

    /// The 32-byte digest of everything added.
    public consuming func finalize() -> [UInt8] {
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        return context.finish()
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        if let digest = bytes.withContiguousStorageIfAvailable({ DigestContext.digest(UnsafeRawBufferPointer($0)) }) { return digest }
        return Array(bytes).withUnsafeBytes { DigestContext.digest($0) }
    }

    /// The digest of `bytes` as 64 lower-case hex digits.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        hexDigits(hash(bytes))
    }

    /// `bytes` (a digest, or part of one) as lower-case hex digits, two per byte.
    public static func hexDigits(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes { text += [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]] }
        return String(decoding: text, as: UTF8.self)
    }
}

/// libcrypto's `EVP_MD_CTX` set up for SHA-256, freed with the object. Only `SHA256` holds one, and
/// it copies a shared one before changing it, so no two threads change the same context.
private final class DigestContext: @unchecked Sendable {
    private let handle: OpaquePointer

    init() {
        guard let handle = EVP_MD_CTX_new() else { fatalError("libcrypto: out of memory for a SHA-256 context") }
        self.handle = handle
        Self.check(EVP_DigestInit_ex(handle, EVP_sha256(), nil), "EVP_DigestInit_ex")
    }

    private init(copying other: DigestContext) {
        guard let handle = EVP_MD_CTX_new() else { fatalError("libcrypto: out of memory for a SHA-256 context") }
        self.handle = handle
        Self.check(EVP_MD_CTX_copy_ex(handle, other.handle), "EVP_MD_CTX_copy_ex")
    }

    deinit { EVP_MD_CTX_free(handle) }

    func copy() -> DigestContext { DigestContext(copying: self) }

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        Self.check(EVP_DigestUpdate(handle, base, bytes.count), "EVP_DigestUpdate")
    }

    /// The digest; the context is spent.
    func finish() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            var size: UInt32 = 0
            Self.check(EVP_DigestFinal_ex(handle, buffer.baseAddress, &size), "EVP_DigestFinal_ex")
            count = Int(size)
        }
    }

    /// The digest of `bytes` in one call.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            var size: UInt32 = 0
            // A null data pointer is allowed only with length 0, which libcrypto then never reads.
            check(EVP_Digest(bytes.baseAddress ?? UnsafeRawPointer(buffer.baseAddress!), bytes.count, buffer.baseAddress, &size,
                             EVP_sha256(), nil), "EVP_Digest")
            count = Int(size)
        }
    }

    /// SHA-256 in libcrypto fails only when it cannot allocate, which this process cannot recover from.
    private static func check(_ result: Int32, _ function: String) {
        if result != 1 { fatalError("libcrypto: \(function) failed") }
    }
}
