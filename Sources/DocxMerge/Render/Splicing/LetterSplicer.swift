/// Assembles letters in format 2 in one buffer: the entries that are the same in every letter
/// copied as prepared, each rendered part joined from its pieces and values, then the central
/// directory from prepared records with the letter's CRCs, sizes and offsets filled in. Not
/// Sendable: each `LetterRenderer` owns one.
final class LetterSplicer {
    private var buffer = BitBuffer()
    private var text: UnsafeMutablePointer<UInt8>
    private var textCapacity = 4_096
    /// Per entry of the letter being written: its offset, CRC-32, compressed size and size.
    private var entries: UnsafeMutablePointer<(offset: Int, crc32: UInt32, compressedSize: Int, size: Int)>
    private var entryCapacity = 0
    /// Where each literal operation of the part being written began.
    private var positions: UnsafeMutablePointer<Int>
    private var positionCapacity = 1
    private let chunks = UnsafeMutablePointer<(start: Int, count: Int, position: Int)>.allocate(capacity: SplicedPartOutput.chunksKept)

    init() {
        text = .allocate(capacity: textCapacity)
        entries = .allocate(capacity: 1)
        entryCapacity = 1
        positions = .allocate(capacity: 1)
    }

    deinit {
        buffer.deallocate()
        text.deallocate()
        entries.deallocate()
        positions.deallocate()
        chunks.deallocate()
    }

    /// The `.docx` of one record whose slot values are evaluated.
    func letter(plan: LetterPlan, spliced: SplicedTemplate, values: [String?]) -> [UInt8] {
        let count = plan.preparedEntries.count
        if count > entryCapacity {
            entries.deallocate()
            entries = .allocate(capacity: count)
            entryCapacity = count
        }
        buffer.reset()
        for (index, entry) in plan.preparedEntries.enumerated() {
            let offset = buffer.offset
            switch entry {
            case let .constant(_, _, crc32, compressedSize, size, record):
                record.withUnsafeBytes { buffer.append($0) }
                entries[index] = (offset, crc32, compressedSize, size)
            case let .rendered(_, part):
                plan.localHeaders[index].withUnsafeBytes { buffer.append($0) }
                let dataStart = buffer.offset
                let (crc32, size) = writePart(part, plan: plan, spliced: spliced, values: values)
                let compressedSize = buffer.offset - dataStart
                buffer.put32(crc32, at: offset + 14)
                buffer.put32(UInt32(compressedSize), at: offset + 18)
                buffer.put32(UInt32(size), at: offset + 22)
                entries[index] = (offset, crc32, compressedSize, size)
            }
        }
        let centralOffset = buffer.offset
        for index in 0..<count {
            let record = buffer.offset
            plan.centralRecords[index].withUnsafeBytes { buffer.append($0) }
            let entry = entries[index]
            buffer.put32(entry.crc32, at: record + 16)
            buffer.put32(UInt32(entry.compressedSize), at: record + 20)
            buffer.put32(UInt32(entry.size), at: record + 24)
            buffer.put32(UInt32(entry.offset), at: record + 42)
        }
        let centralSize = buffer.offset - centralOffset
        // End of central directory: signature, disk numbers, entry counts, directory size and offset, no comment.
        for byte: UInt8 in [0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0] { buffer.append(byte) }
        for _ in 0..<2 {
            buffer.append(UInt8(truncatingIfNeeded: count))
            buffer.append(UInt8(truncatingIfNeeded: count >> 8))
        }
        let sizes = buffer.offset
        for _ in 0..<10 { buffer.append(0) }
        buffer.put32(UInt32(centralSize), at: sizes)
        buffer.put32(UInt32(centralOffset), at: sizes + 4)
        return buffer.bytes()
    }

    /// Writes part `part` as one deflate stream; returns its CRC-32 and size.
    private func writePart(_ part: Int, plan: LetterPlan, spliced: SplicedTemplate, values: [String?]) -> (UInt32, Int) {
        let program = plan.template.parts[part]
        if program.operations.count > positionCapacity {
            positions.deallocate()
            positionCapacity = program.operations.count
            positions = .allocate(capacity: positionCapacity)
        }
        var output = SplicedPartOutput(buffer: buffer, text: text, textCapacity: textCapacity, positions: positions, chunks: chunks,
                                       template: spliced, part: spliced.parts[part])
        PartRunner.run(program, slots: plan.template.slots, values: values, into: &output)
        output.finish()
        buffer = output.buffer
        text = output.text
        textCapacity = output.textCapacity
        return (output.crc32, output.length)
    }
}
