/// Assembles letters in format 2 in one buffer: the entries that are the same in every letter
/// copied from the plan's zip layout, each rendered part joined from its pieces and values, then
/// the central directory copied with the letter's CRCs, sizes and offsets filled in. Everything
/// per letter works on raw memory held here or by the plan. Not Sendable: each `LetterRenderer`
/// owns one.
final class LetterSplicer {
    /// The state of the letter being written, moved into a local for the letter and back, so the
    /// loop pays no exclusivity checks on the class's properties.
    private struct State {
        var buffer = BitBuffer()
        var text: UnsafeMutablePointer<UInt8> = .allocate(capacity: 4_096)
        var textCapacity = 4_096
        /// Per entry: its offset, CRC-32, compressed size and size in this letter.
        var entries: UnsafeMutablePointer<(offset: Int, crc32: UInt32, compressedSize: Int, size: Int)> = .allocate(capacity: 1)
        var entryCapacity = 1
        /// Where each literal operation of the part being written began.
        var positions: UnsafeMutablePointer<Int> = .allocate(capacity: 1)
        var positionCapacity = 1
        let chunks = UnsafeMutablePointer<(start: Int, count: Int, position: Int)>.allocate(capacity: SplicedPartOutput.chunksKept)
    }

    private var state = State()

    init() {}

    deinit {
        state.buffer.deallocate()
        state.text.deallocate()
        state.entries.deallocate()
        state.positions.deallocate()
        state.chunks.deallocate()
    }

    /// The `.docx` of one record whose slot values are evaluated.
    func letter(plan: LetterPlan, spliced: (template: SplicedTemplate, layout: ZipLayout), values: [String?]) -> [UInt8] {
        var state = self.state
        defer { self.state = state }
        let layout = spliced.layout
        let entries = UnsafePointer(layout.entries.base)
        let bytes = UnsafePointer(layout.bytes.base)
        let count = layout.entries.count
        if count > state.entryCapacity {
            state.entries.deallocate()
            state.entries = .allocate(capacity: count)
            state.entryCapacity = count
        }
        state.buffer.reset()
        for index in 0..<count {
            let entry = entries[index]
            let offset = state.buffer.offset
            state.buffer.append(UnsafeRawBufferPointer(start: bytes + entry.localStart, count: entry.localCount))
            guard entry.part >= 0 else {
                state.entries[index] = (offset, entry.crc32, entry.compressedSize, entry.size)
                continue
            }
            let dataStart = state.buffer.offset
            let (crc32, size) = Self.writePart(entry.part, plan: plan, template: spliced.template, values: values, state: &state)
            let compressedSize = state.buffer.offset - dataStart
            state.buffer.put32(crc32, at: offset + 14)
            state.buffer.put32(UInt32(compressedSize), at: offset + 18)
            state.buffer.put32(UInt32(size), at: offset + 22)
            state.entries[index] = (offset, crc32, compressedSize, size)
        }
        let centralOffset = state.buffer.offset
        for index in 0..<count {
            let entry = entries[index]
            let record = state.buffer.offset
            state.buffer.append(UnsafeRawBufferPointer(start: bytes + entry.centralStart, count: entry.centralCount))
            let written = state.entries[index]
            state.buffer.put32(written.crc32, at: record + 16)
            state.buffer.put32(UInt32(written.compressedSize), at: record + 20)
            state.buffer.put32(UInt32(written.size), at: record + 24)
            state.buffer.put32(UInt32(written.offset), at: record + 42)
        }
        let centralSize = state.buffer.offset - centralOffset
        // End of central directory: signature, disk numbers, entry counts, directory size and offset, no comment.
        let end = state.buffer.offset
        for _ in 0..<22 { state.buffer.append(0) }
        state.buffer.put32(0x0605_4b50, at: end)
        state.buffer.put32(UInt32(count) | UInt32(count) << 16, at: end + 8)
        state.buffer.put32(UInt32(centralSize), at: end + 12)
        state.buffer.put32(UInt32(centralOffset), at: end + 16)
        return state.buffer.bytes()
    }

    /// Writes part `part` as one deflate stream; returns its CRC-32 and size.
    private static func writePart(_ part: Int, plan: LetterPlan, template: SplicedTemplate, values: [String?], state: inout State) -> (UInt32, Int) {
        let program = plan.template.parts[part]
        if program.operations.count > state.positionCapacity {
            state.positions.deallocate()
            state.positionCapacity = program.operations.count
            state.positions = .allocate(capacity: state.positionCapacity)
        }
        var output = SplicedPartOutput(buffer: state.buffer, text: state.text, textCapacity: state.textCapacity, positions: state.positions,
                                       chunks: state.chunks, template: template, part: template.parts[part])
        PartRunner.run(program, slots: plan.template.slots, values: values, into: &output)
        output.finish()
        state.buffer = output.buffer
        state.text = output.text
        state.textCapacity = output.textCapacity
        return (output.crc32, output.length)
    }
}
