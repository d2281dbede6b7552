/// Bits coded once, at compile time, that a letter copies at whatever bit it has reached; its
/// bytes live in a `PieceStore`.
struct DeflatePiece: Sendable {
    /// Where its bytes start in the store, and how many whole bytes there are.
    let start: Int
    let count: Int
    /// The last bits (fewer than 8) in the low bits of `tail`.
    let tail: UInt8
    let tailBits: Int
}

/// Bytes built once per template (pieces, static text) in one allocation that lives as long as
/// the plan; read by every rendering thread, never written after it is built.
final class PieceStore: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let count: Int

    init(_ bytes: [UInt8]) {
        count = bytes.count
        base = .allocate(capacity: max(1, bytes.count))
        bytes.withUnsafeBufferPointer { if let source = $0.baseAddress { base.initialize(from: source, count: bytes.count) } }
    }

    deinit { base.deallocate() }
}
