/// The rendered parts of a template compiled for letter format 2. Each part is one dynamic-code
/// deflate block whose code tables come from the template's own text; its static stretches (the
/// program's literals, each field's markup) are parsed for repeats once, and every run of codes
/// that is the same in every letter is coded once into a piece. Per letter, a part is its header
/// piece, the pieces, the few repeats whose distance depends on the values before them, and the
/// values coded with the part's tables: no searching, no tables built. A repeat from a literal the
/// letter left out (a blank paragraph, an `IF` text not chosen) or too far back is written as
/// literals.
struct SplicedTemplate: Sendable {
    /// Every piece's bits.
    let pieces: FrozenTable<UInt8>
    /// Every stretch's bytes (to code a repeat as literals when its distance is too far).
    let text: FrozenTable<UInt8>
    let parts: [SplicedPart]
    let stretches: FrozenTable<Stretch>
    let items: FrozenTable<Item>
    /// The 128 entries that append a stretch's CRC-32 (`CRCAppend`), one table for each length of
    /// stretch the template has (the markups of every field share a few lengths): a template of
    /// 100,000 fields holds a few tables, not 900,000.
    let crcTables: FrozenTable<UInt32>
    /// For each slot, its markup stretches (indices into `stretches`), by `SlotMarkup` and for
    /// the field as the template had it.
    let slots: FrozenTable<SlotStretches>

    /// A static stretch: its items, where its bytes are in `text`, its length and CRC-32.
    struct Stretch: Sendable {
        let firstItem: Int
        let endItem: Int
        let textStart: Int
        let length: Int
        let crc32: UInt32
        /// Where the CRC table of its length starts in `crcTables`.
        let crcTable: Int
    }

    /// What a stretch is coded as: a piece, or a repeat from an earlier literal of the part.
    enum Item: Sendable {
        case piece(DeflatePiece)
        case far(length: Int, operation: Int, sourceOffset: Int, offset: Int)
    }

    init(template: MergeTemplate, level: Int) {
        var builder = Builder()
        var slots = [SlotStretches](repeating: SlotStretches(), count: template.slots.count)
        parts = template.parts.map { program in builder.part(program, slots: template.slots, into: &slots, level: level) }
        self.slots = FrozenTable(slots)
        pieces = FrozenTable(builder.pieceBytes)
        text = FrozenTable(builder.textBytes)
        stretches = FrozenTable(builder.stretches)
        items = FrozenTable(builder.items)
        crcTables = FrozenTable(builder.crcTables)
    }
}

/// One part's block: its header and codes, and the stretch of each literal operation.
struct SplicedPart: Sendable {
    let header: DeflatePiece
    /// The code of each literal/length symbol (0…285).
    let literals: FrozenTable<CodeWord>
    /// For each repeat length 3…258 (index = length), its length code with its extra bits.
    let lengths: FrozenTable<CodeWord>
    /// The code of each distance symbol (0…29).
    let distances: FrozenTable<CodeWord>
    /// For each operation of the program, the stretch of a literal (-1 for other operations).
    let stretchOfOperation: FrozenTable<Int>
    let operationCount: Int

    init(header: DeflatePiece, literals: HuffmanCode, distances: HuffmanCode, stretchOfOperation: [Int]) {
        self.header = header
        let words = zip(literals.codes, literals.lengths).map { CodeWord(bits: $0, count: UInt32($1)) }
        self.literals = FrozenTable(words)
        lengths = FrozenTable((0...DeflateCodes.maxMatch).map { length in
            guard length >= DeflateCodes.minMatch else { return CodeWord(bits: 0, count: 0) }
            let code = Int(DeflateCodes.lengthCode[length])
            let word = words[257 + code]
            let extra = UInt32(length - DeflateCodes.lengthBase[code])
            return CodeWord(bits: word.bits | extra << word.count, count: word.count + UInt32(DeflateCodes.lengthExtra[code]))
        })
        self.distances = FrozenTable(zip(distances.codes, distances.lengths).map { CodeWord(bits: $0, count: UInt32($1)) })
        self.stretchOfOperation = FrozenTable(stretchOfOperation)
        operationCount = stretchOfOperation.count
    }
}

/// One part's codes as raw pointers, for writing literals and repeats: what the compiler codes
/// pieces with and what a letter codes its values and repeats with, so both write the same bits.
/// Valid while the `SplicedPart` it was made from lives.
struct PartCodes {
    private let literals: UnsafePointer<CodeWord>
    private let lengths: UnsafePointer<CodeWord>
    private let distances: UnsafePointer<CodeWord>
    private let distanceCode = UnsafePointer(DeflateCodes.frozenDistanceCode.base)
    private let distanceBase = UnsafePointer(DeflateCodes.frozenDistanceBase.base)
    private let distanceExtra = UnsafePointer(DeflateCodes.frozenDistanceExtra.base)

    init(_ part: SplicedPart) {
        literals = UnsafePointer(part.literals.base)
        lengths = UnsafePointer(part.lengths.base)
        distances = UnsafePointer(part.distances.base)
    }

    /// Writes one literal (or the end of block, 256); the caller reserved room.
    @inline(__always)
    func writeLiteral(_ symbol: UInt8, to buffer: inout BitBuffer) {
        let word = literals[Int(symbol)]
        buffer.writeBits(word.bits, Int(word.count))
    }

    @inline(__always)
    func writeEndOfBlock(to buffer: inout BitBuffer) {
        buffer.writeBits(literals[256].bits, Int(literals[256].count))
    }

    /// Writes a repeat of `length` bytes `distance` back; the caller reserved room.
    @inline(__always)
    func writeRepeat(length: Int, distance: Int, to buffer: inout BitBuffer) {
        let lengthWord = lengths[length]
        buffer.writeBits(lengthWord.bits, Int(lengthWord.count))
        let code = Int(distanceCode[distance])
        let word = distances[code]
        let extra = UInt32(distance - distanceBase[code]) << word.count
        buffer.writeBits(word.bits | extra, Int(word.count) + distanceExtra[code])
    }
}

/// The stretches of one field's markup (indices into the template's stretches).
struct SlotStretches: Sendable {
    var runOpen = -1, runClose = -1, textOpen = -1, textClose = -1, lineBreak = -1, tab = -1, paragraphBreak = -1
    /// The field as the template had it.
    var original = -1

    subscript(_ kind: SlotMarkup) -> Int {
        get {
            switch kind {
            case .runOpen: runOpen
            case .runClose: runClose
            case .textOpen: textOpen
            case .textClose: textClose
            case .lineBreak: lineBreak
            case .tab: tab
            case .paragraphBreak: paragraphBreak
            }
        }
        set {
            switch kind {
            case .runOpen: runOpen = newValue
            case .runClose: runClose = newValue
            case .textOpen: textOpen = newValue
            case .textClose: textClose = newValue
            case .lineBreak: lineBreak = newValue
            case .tab: tab = newValue
            case .paragraphBreak: paragraphBreak = newValue
            }
        }
    }
}

extension SlotMarkup {
    static let all: [SlotMarkup] = [.runOpen, .runClose, .textOpen, .textClose, .lineBreak, .tab, .paragraphBreak]

    func bytes(of slot: CompiledSlot) -> [UInt8] {
        switch self {
        case .runOpen: slot.runOpen
        case .runClose: slot.markup.runClose
        case .textOpen: slot.markup.textOpen
        case .textClose: slot.markup.textClose
        case .lineBreak: slot.markup.lineBreak
        case .tab: slot.markup.tab
        case .paragraphBreak: slot.paragraphBreak ?? []
        }
    }
}

private struct Builder {
    /// How much more a symbol the template uses weighs than one it does not (which keeps a code
    /// for values and for repeats only a letter knows).
    static let seenWeight = 8
    var pieceBytes: [UInt8] = []
    var textBytes: [UInt8] = []
    var stretches: [SplicedTemplate.Stretch] = []
    var items: [SplicedTemplate.Item] = []
    var crcTables: [UInt32] = []
    /// Where the CRC table of each stretch length met so far starts in `crcTables`.
    var crcTableOfLength: [Int: Int] = [:]

    mutating func part(_ program: PartProgram, slots: [CompiledSlot], into slotStretches: inout [SlotStretches], level: Int) -> SplicedPart {
        let operations = program.operations
        // The part's static text: each literal, and after each field its markup, in program order,
        // written straight into the template's text (`textBytes[partStart...]`); stretch starts are
        // counted from `partStart`.
        let partStart = textBytes.count
        var parse: [LZ77Parse.Stretch] = []
        var operationOfStretch: [Int] = []   // the literal operation of a parse stretch, or -1
        var stretchOfOperation = [Int](repeating: -1, count: operations.count)
        var slotParse: [(slot: Int, kind: SlotMarkup?, stretch: Int)] = []
        func add(_ bytes: some Collection<UInt8>, operation: Int, isSource: Bool) -> Int {
            let start = textBytes.count - partStart
            textBytes.append(contentsOf: bytes)
            parse.append(.init(start: start, end: textBytes.count - partStart, isSource: isSource))
            operationOfStretch.append(operation)
            return parse.count - 1
        }
        for (index, operation) in operations.enumerated() {
            switch operation {
            case let .literal(start, end):
                stretchOfOperation[index] = add(program.literals[start..<end], operation: index, isSource: true)
            case let .slot(slot):
                for kind in SlotMarkup.all {
                    slotParse.append((slot, kind, add(kind.bytes(of: slots[slot]), operation: -1, isSource: false)))
                }
                slotParse.append((slot, nil, add(slots[slot].original, operation: -1, isSource: false)))
            case .skipWhenBlank, .region:
                break
            }
        }
        // Every stretch's tokens in one array, stretch `i`'s at `tokenStart[i]..<tokenStart[i + 1]`.
        var tokens: [LZ77Parse.Token] = []
        var tokenStart: [Int] = [0]
        tokenStart.reserveCapacity(parse.count + 1)
        textBytes.withUnsafeBufferPointer { buffer in
            var parser = LZ77Parse(text: UnsafeBufferPointer(rebasing: buffer[partStart...]), stretches: parse, level: level)
            for index in parse.indices {
                parser.tokens(of: index, into: &tokens)
                tokenStart.append(tokens.count)
            }
        }
        // Code tables from the part's statistics; every symbol keeps a code, for values and for
        // repeats whose distance only a letter knows. Deflate's fixed codes instead when they come
        // out smaller (a short part, where the tables would cost more than they save).
        var literalCounts = [Int](repeating: 0, count: 286)
        var distanceCounts = [Int](repeating: 0, count: 30)
        for token in tokens {
            if token.kind == .literal {
                literalCounts[Int(token.byte)] += 1
            } else {
                let lengthCode = Int(DeflateCodes.lengthCode[token.length])
                let distanceCode = Int(DeflateCodes.distanceCode[min(token.distance, DeflateCodes.maxDistance)])
                literalCounts[257 + lengthCode] += 1
                distanceCounts[distanceCode] += 1
            }
        }
        literalCounts[256] = 1
        var literals = HuffmanCode(frequencies: literalCounts.map { max($0 * Self.seenWeight, 1) }, maxBits: 15)
        var distances = HuffmanCode(frequencies: distanceCounts.map { max($0 * Self.seenWeight, 1) }, maxBits: 15)
        var headerBuffer = BitBuffer(capacity: 1 << 10)
        defer { headerBuffer.deallocate() }
        Self.writeHeader(literals: literals.lengths, distances: distances.lengths, to: &headerBuffer)
        let dynamicBits = headerBuffer.bitPosition + literals.cost(literalCounts) + distances.cost(distanceCounts)
        let fixedBits = 3 + HuffmanCode.fixedLiterals.cost(literalCounts) + HuffmanCode.fixedDistances.cost(distanceCounts)
        let header: DeflatePiece
        if fixedBits <= dynamicBits {
            literals = .fixedLiterals
            distances = .fixedDistances
            header = piece { $0.reserve(1); $0.writeBits(0b011, 3) }   // BFINAL = 1, BTYPE = 01 (fixed codes)
        } else {
            let (bytes, tail, tailBits) = headerBuffer.splitTail()
            header = piece { $0.appendBits(bytes, tail: tail, tailBits: tailBits) }
        }
        // Each stretch: runs of codes that are the same in every letter as pieces; repeats from
        // other stretches left to the letter.
        let firstStretch = stretches.count
        let part = SplicedPart(header: header, literals: literals, distances: distances,
                               stretchOfOperation: stretchOfOperation.map { $0 < 0 ? -1 : firstStretch + $0 })
        let codes = PartCodes(part)
        for (index, stretch) in parse.enumerated() {
            let itemStart = items.count
            // The tokens since the last `far` one (`runStart..<end`), coded together as one piece.
            var runStart = tokenStart[index]
            var offset = 0
            func endRun(_ end: Int) {
                guard runStart < end else { return }
                let run = runStart..<end
                items.append(.piece(piece { buffer in
                    for token in tokens[run] {
                        buffer.reserve(8)
                        if token.kind == .literal {
                            codes.writeLiteral(token.byte, to: &buffer)
                        } else {
                            codes.writeRepeat(length: token.length, distance: token.distance, to: &buffer)
                        }
                    }
                }))
            }
            for position in tokenStart[index]..<tokenStart[index + 1] {
                let token = tokens[position]
                if token.kind == .far {
                    endRun(position)
                    runStart = position + 1
                    items.append(.far(length: token.length, operation: operationOfStretch[token.source], sourceOffset: token.offset, offset: offset))
                }
                offset += token.length
            }
            endRun(tokenStart[index + 1])
            let bytes = textBytes[(partStart + stretch.start)..<(partStart + stretch.end)]
            let crc = bytes.withUnsafeBytes { Checksum.crc32($0) }
            let crcTable = crcTableOfLength[bytes.count] ?? crcTables.count
            if crcTable == crcTables.count {
                crcTableOfLength[bytes.count] = crcTable
                crcTables += CRCAppend.table(length: bytes.count)
            }
            stretches.append(.init(firstItem: itemStart, endItem: items.count, textStart: partStart + stretch.start, length: bytes.count,
                                   crc32: crc, crcTable: crcTable))
        }
        for (slot, kind, stretch) in slotParse {
            if let kind { slotStretches[slot][kind] = firstStretch + stretch } else { slotStretches[slot].original = firstStretch + stretch }
        }
        return part
    }

    /// Bits written by `write`, stored as a piece.
    private mutating func piece(_ write: (inout BitBuffer) -> Void) -> DeflatePiece {
        var buffer = BitBuffer(capacity: 1 << 12)
        defer { buffer.deallocate() }
        write(&buffer)
        let (bytes, tail, tailBits) = buffer.splitTail()
        let piece = DeflatePiece(start: pieceBytes.count, count: bytes.count, tail: tail, tailBits: tailBits)
        pieceBytes += bytes
        return piece
    }

    /// The block header: final, dynamic codes, all 286 literal/length and 30 distance lengths
    /// run-length coded with the code-length code (RFC 1951, 3.2.7).
    static func writeHeader(literals: [Int], distances: [Int], to buffer: inout BitBuffer) {
        let lengths = literals + distances
        // Run-length coding: (symbol, extra bits, extra value).
        var symbols: [(Int, Int, Int)] = []
        var index = 0
        while index < lengths.count {
            let length = lengths[index]
            var run = 1
            while index + run < lengths.count, lengths[index + run] == length { run += 1 }
            index += run
            if length == 0 {
                while run >= 11 { let n = min(run, 138); symbols.append((18, 7, n - 11)); run -= n }
                if run >= 3 { symbols.append((17, 3, run - 3)); run = 0 }
                while run > 0 { symbols.append((0, 0, 0)); run -= 1 }
            } else {
                symbols.append((length, 0, 0))
                run -= 1
                while run >= 3 { let n = min(run, 6); symbols.append((16, 2, n - 3)); run -= n }
                while run > 0 { symbols.append((length, 0, 0)); run -= 1 }
            }
        }
        var counts = [Int](repeating: 0, count: 19)
        for (symbol, _, _) in symbols { counts[symbol] += 1 }
        let code = HuffmanCode(frequencies: counts, maxBits: 7)
        var sent = 19
        while sent > 4, code.lengths[DeflateCodes.codeLengthOrder[sent - 1]] == 0 { sent -= 1 }
        buffer.reserve(64 + symbols.count * 2)
        buffer.writeBits(0b101, 3)             // BFINAL = 1, BTYPE = 10 (dynamic codes)
        buffer.writeBits(UInt32(literals.count - 257), 5)
        buffer.writeBits(UInt32(distances.count - 1), 5)
        buffer.writeBits(UInt32(sent - 4), 4)
        for position in 0..<sent { buffer.writeBits(UInt32(code.lengths[DeflateCodes.codeLengthOrder[position]]), 3) }
        for (symbol, extraBits, extra) in symbols {
            buffer.writeBits(code.codes[symbol], code.lengths[symbol])
            if extraBits > 0 { buffer.writeBits(UInt32(extra), extraBits) }
        }
    }
}
