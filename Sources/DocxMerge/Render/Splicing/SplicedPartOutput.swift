internal import CLibDeflate
#if canImport(Glibc)
import Glibc
#endif

/// Writes one part of a letter in format 2: the part's header piece, each static stretch's pieces
/// and repeats, the values coded with the part's codes, and the end of the block. The part's
/// CRC-32 comes from the stretches' CRCs appended by their tables, and the values' own (no static
/// byte is read again). Everything it reads is raw memory of the template's tables: the loop does
/// no reference counting and no bounds checks.
struct SplicedPartOutput: PartOutput {
    var buffer: BitBuffer
    /// The values' escaped text of this part: the chunks coded so far, then the one being written.
    var text: UnsafeMutablePointer<UInt8>
    var textCapacity: Int
    private var textCount = 0
    private var chunkStart = 0
    /// The last chunks coded: where each is in `text` and in the part, for a value written again.
    private let chunks: UnsafeMutablePointer<(start: Int, count: Int, position: Int)>
    private var chunkCount = 0
    static let chunksKept = 32
    /// Where each literal operation of the part began in this letter's part (-1: left out).
    private let positions: UnsafeMutablePointer<Int>
    private let stretches: UnsafePointer<SplicedTemplate.Stretch>
    private let items: UnsafePointer<SplicedTemplate.Item>
    private let crcTables: UnsafePointer<UInt32>
    private let pieceBase: UnsafePointer<UInt8>
    private let textBase: UnsafePointer<UInt8>
    private let codes: PartCodes
    private let stretchOfOperation: UnsafePointer<Int>
    private let slots: UnsafePointer<SlotStretches>
    private var slot = 0
    private(set) var crc32: UInt32 = 0
    /// The bytes written so far (the part's uncompressed length).
    private(set) var length = 0

    /// `chunks` has room for `chunksKept` entries, `positions` for the part's operations.
    init(buffer: BitBuffer, text: UnsafeMutablePointer<UInt8>, textCapacity: Int, positions: UnsafeMutablePointer<Int>,
         chunks: UnsafeMutablePointer<(start: Int, count: Int, position: Int)>, template: SplicedTemplate, part: SplicedPart) {
        self.buffer = buffer
        self.text = text
        self.textCapacity = textCapacity
        self.positions = positions
        self.chunks = chunks
        stretches = UnsafePointer(template.stretches.base)
        items = UnsafePointer(template.items.base)
        crcTables = UnsafePointer(template.crcTables.base)
        pieceBase = UnsafePointer(template.pieces.base)
        textBase = UnsafePointer(template.text.base)
        codes = PartCodes(part)
        stretchOfOperation = UnsafePointer(part.stretchOfOperation.base)
        slots = UnsafePointer(template.slots.base)
        positions.update(repeating: -1, count: part.operationCount)
        append(part.header)
    }

    @inline(__always)
    private mutating func append(_ piece: DeflatePiece) {
        buffer.appendBits(pieceBase + piece.start, piece.count, tail: piece.tail, tailBits: piece.tailBits)
    }

    /// Writes static stretch `index`.
    private mutating func write(stretch index: Int) {
        let stretch = stretches[index]
        let start = length
        var item = stretch.firstItem
        while item < stretch.endItem {
            switch items[item] {
            case let .piece(piece):
                append(piece)
            case let .far(repeatLength, operation, sourceOffset, offset):
                let source = positions[operation]
                let distance = start + offset - (source + sourceOffset)
                if source >= 0, distance >= 1, distance <= DeflateCodes.maxDistance {
                    buffer.reserve(8)
                    codes.writeRepeat(length: repeatLength, distance: distance, to: &buffer)
                } else {
                    writeLiterals(textBase + stretch.textStart + offset, repeatLength)
                }
            }
            item += 1
        }
        crc32 = CRCAppend.append(crc32, stretch.crc32, table: crcTables + stretch.crcTable)
        length += stretch.length
    }

    private mutating func writeLiterals(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        buffer.settle()
        buffer.reserve(count * 2 + 8)
        for index in 0..<count {
            codes.writeLiteral(bytes[index], to: &buffer)
        }
    }

    mutating func literal(_ index: Int, start: Int, end: Int) {
        positions[index] = length
        write(stretch: stretchOfOperation[index])
    }

    mutating func beginSlot(_ slot: Int) { self.slot = slot }

    mutating func markup(_ kind: SlotMarkup) {
        flush()
        write(stretch: slots[slot][kind])
    }

    @inline(__always)
    mutating func text(_ byte: UInt8) {
        if textCount == textCapacity { growText() }
        text[textCount] = byte
        textCount += 1
    }

    mutating func text(_ entity: StaticString) {
        entity.withUTF8Buffer { for byte in $0 { text(byte) } }
    }

    private mutating func growText() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: textCapacity * 2)
        bigger.update(from: text, count: textCount)
        text.deallocate()
        text = bigger
        textCapacity *= 2
    }

    mutating func original() { write(stretch: slots[slot].original) }

    mutating func endSlot() { flush() }

    /// Ends the part: the end-of-block code, padded to a whole byte.
    mutating func finish() {
        flush()
        buffer.reserve(8)
        codes.writeEndOfBlock(to: &buffer)
        buffer.padToByte()
    }

    /// Codes the value's text held so far: as a repeat when the same text was written in this part
    /// not too far back (a name in the address and again in the greeting), else as literals.
    private mutating func flush() {
        let count = textCount - chunkStart
        guard count > 0 else { return }
        let chunk = text + chunkStart
        crc32 = UInt32(libdeflate_crc32(crc32, chunk, count))
        if count >= DeflateCodes.minMatch, let earlier = earlierChunk(chunk, count) {
            let distance = length - earlier
            var left = count
            while left > 0 {
                // A piece shorter than a repeat can be goes as literals.
                let piece = left > DeflateCodes.maxMatch ? min(DeflateCodes.maxMatch, left - DeflateCodes.minMatch) : left
                buffer.reserve(8)
                codes.writeRepeat(length: piece, distance: distance, to: &buffer)
                left -= piece
            }
        } else {
            writeLiterals(chunk, count)
        }
        chunks[chunkCount % Self.chunksKept] = (chunkStart, count, length)
        chunkCount += 1
        length += count
        chunkStart = textCount
    }

    /// Where in the part the same text as `chunk` was written, among the last chunks, if within reach.
    private func earlierChunk(_ chunk: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int? {
        var index = chunkCount - 1
        while index >= 0, index >= chunkCount - Self.chunksKept {
            let earlier = chunks[index % Self.chunksKept]
            guard length - earlier.position <= DeflateCodes.maxDistance else { return nil }
            if earlier.count == count, memcmp(text + earlier.start, chunk, count) == 0 { return earlier.position }
            index -= 1
        }
        return nil
    }
}
