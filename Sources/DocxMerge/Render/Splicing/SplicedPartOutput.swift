internal import CLibDeflate
#if canImport(Glibc)
import Glibc
#endif

/// Writes one part of a letter in format 2: the part's header piece, each static stretch's pieces
/// and repeats, the values coded with the part's codes, and the end of the block. The part's
/// CRC-32 comes from the stretches' CRCs combined with the values' (no static byte is read again).
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
    private let template: SplicedTemplate
    private let part: SplicedPart
    private let pieceBase: UnsafePointer<UInt8>
    private let textBase: UnsafePointer<UInt8>
    private var slot = 0
    private(set) var crc32: UInt32 = 0
    /// The bytes written so far (the part's uncompressed length).
    private(set) var length = 0

    /// `chunks` has room for `chunksKept` entries.
    init(buffer: BitBuffer, text: UnsafeMutablePointer<UInt8>, textCapacity: Int, positions: UnsafeMutablePointer<Int>,
         chunks: UnsafeMutablePointer<(start: Int, count: Int, position: Int)>, template: SplicedTemplate, part: Int) {
        self.chunks = chunks
        self.buffer = buffer
        self.text = text
        self.textCapacity = textCapacity
        self.positions = positions
        self.template = template
        self.part = template.parts[part]
        pieceBase = UnsafePointer(template.pieces.base)
        textBase = UnsafePointer(template.text.base)
        positions.update(repeating: -1, count: self.part.stretchOfOperation.count)
        append(self.part.header)
    }

    @inline(__always)
    private mutating func append(_ piece: DeflatePiece) {
        buffer.appendBits(pieceBase + piece.start, piece.count, tail: piece.tail, tailBits: piece.tailBits)
    }

    /// Writes static stretch `index`.
    private mutating func write(stretch index: Int) {
        let stretch = template.stretches[index]
        let start = length
        for item in template.items[stretch.items] {
            switch item {
            case let .piece(piece):
                append(piece)
            case let .far(repeatLength, operation, sourceOffset, offset):
                let source = positions[operation]
                let distance = start + offset - (source + sourceOffset)
                buffer.reserve(8)
                if source >= 0, distance >= 1, distance <= DeflateCodes.maxDistance {
                    writeRepeat(length: repeatLength, distance: distance)
                } else {
                    writeLiterals(textBase + stretch.textStart + offset, repeatLength)
                }
            }
        }
        crc32 = StreamChecksum.combine(crc32, stretch.crc32, operator: stretch.crcOperator)
        length += stretch.length
    }

    private mutating func writeRepeat(length: Int, distance: Int) {
        let lengthCode = Int(DeflateCodes.lengthCode[length])
        buffer.writeBits(part.literalCodes[257 + lengthCode], Int(part.literalLengths[257 + lengthCode]))
        let lengthExtra = DeflateCodes.lengthExtra[lengthCode]
        if lengthExtra > 0 { buffer.writeBits(UInt32(length - DeflateCodes.lengthBase[lengthCode]), lengthExtra) }
        let distanceCode = Int(DeflateCodes.distanceCode[distance])
        buffer.writeBits(part.distanceCodes[distanceCode], Int(part.distanceLengths[distanceCode]))
        let distanceExtra = DeflateCodes.distanceExtra[distanceCode]
        if distanceExtra > 0 { buffer.writeBits(UInt32(distance - DeflateCodes.distanceBase[distanceCode]), distanceExtra) }
    }

    private mutating func writeLiterals(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        buffer.settle()
        buffer.reserve(count * 2 + 8)
        part.literalCodes.withUnsafeBufferPointer { codes in
            part.literalLengths.withUnsafeBufferPointer { lengths in
                for index in 0..<count {
                    let byte = Int(bytes[index])
                    buffer.writeBits(codes[byte], Int(lengths[byte]))
                }
            }
        }
    }

    mutating func literal(_ index: Int, start: Int, end: Int) {
        positions[index] = length
        write(stretch: part.stretchOfOperation[index])
    }

    mutating func beginSlot(_ slot: Int) { self.slot = slot }

    mutating func markup(_ kind: SlotMarkup) {
        flush()
        write(stretch: template.slots[slot].stretch(kind))
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

    mutating func original() { write(stretch: template.slots[slot].original) }

    mutating func endSlot() { flush() }

    /// Ends the part: the end-of-block code, padded to a whole byte.
    mutating func finish() {
        flush()
        buffer.reserve(8)
        buffer.writeBits(part.literalCodes[256], Int(part.literalLengths[256]))
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
                if piece >= DeflateCodes.minMatch {
                    writeRepeat(length: piece, distance: distance)
                } else {
                    writeLiterals(chunk + (count - left), piece)
                }
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
        for index in stride(from: chunkCount - 1, through: max(0, chunkCount - Self.chunksKept), by: -1) {
            let earlier = chunks[index % Self.chunksKept]
            guard length - earlier.position <= DeflateCodes.maxDistance else { return nil }
            if earlier.count == count, memcmp(text + earlier.start, chunk, count) == 0 { return earlier.position }
        }
        return nil
    }
}
