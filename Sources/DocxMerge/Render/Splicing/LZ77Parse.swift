/// Finds repeats in the static text of a part, as deflate's LZ77 stage does, where a letter can
/// use them: a repeat's source is either earlier in the same stretch (a fixed distance) or in an
/// earlier literal of the part (the distance is worked out per letter, since values of different
/// lengths lie between; a letter that left that literal out writes the bytes instead). Lazy matching over hash chains, as zlib's default levels do.
struct LZ77Parse {
    /// One stretch of static text: a literal of the part program or a field's markup.
    struct Stretch {
        let start: Int
        let end: Int
        /// Whether later stretches may copy from it: a literal of the part program.
        let isSource: Bool
    }

    /// A literal byte or a repeat, in 16 bytes: a part holds every token of its text at once (a
    /// template of 100,000 fields, about two million).
    struct Token: Equatable {
        enum Kind: UInt8 { case literal, near, far }
        let kind: Kind
        /// A literal's byte, or a repeat's length (3…258).
        private let value: UInt16
        /// A repeat's distance in the static text (1…32,768): for a `far` one, for statistics only.
        private let span: UInt16
        /// A `far` repeat's source stretch and the offset of its bytes in it.
        private let sourceStretch: Int32
        private let sourceOffset: Int32

        var byte: UInt8 { UInt8(truncatingIfNeeded: value) }
        var length: Int { kind == .literal ? 1 : Int(value) }
        var distance: Int { Int(span) }
        var source: Int { Int(sourceStretch) }
        var offset: Int { Int(sourceOffset) }

        static func literal(_ byte: UInt8) -> Token {
            Token(kind: .literal, value: UInt16(byte), span: 0, sourceStretch: 0, sourceOffset: 0)
        }

        /// A repeat of `length` bytes `distance` back in the same stretch.
        static func near(length: Int, distance: Int) -> Token {
            Token(kind: .near, value: UInt16(length), span: UInt16(distance), sourceStretch: 0, sourceOffset: 0)
        }

        /// A repeat of `length` bytes from stretch `source` at `offset`, `distance` back in the static text.
        static func far(length: Int, source: Int, offset: Int, distance: Int) -> Token {
            Token(kind: .far, value: UInt16(length), span: UInt16(distance), sourceStretch: Int32(source), sourceOffset: Int32(offset))
        }
    }

    private let text: UnsafeBufferPointer<UInt8>
    private let stretches: [Stretch]
    private let maxChain: Int
    /// A repeat this long ends the search, as zlib's `nice_length`.
    private let niceLength: Int
    /// A repeat this long is taken without looking one byte further (zlib's `max_lazy`); after one
    /// this long the next search is shorter (zlib's `good_length`).
    private let maxLazy: Int
    private let goodLength: Int
    private var head = [Int32](repeating: -1, count: 1 << 15)
    private var previous = [Int32](repeating: -1, count: DeflateCodes.maxDistance)
    private var inserted = 0
    /// The stretch holding each of the last positions made findable, by position modulo the
    /// table's size (a power of two, at most 65,536): the search asks it of every candidate and
    /// repeat source, which are never more than 32,770 before the last position made findable.
    /// A table of the whole text would cost 4 bytes per byte of it.
    private var stretchWindow: [Int32]
    private let windowMask: Int
    /// The stretch holding `inserted` (-1 before the first), and where it ends.
    private var insertedStretch = -1
    private var insertedStretchEnd = 0

    /// A parse of `text`, which `stretches` cover in order, each starting where the one before ends.
    init(text: UnsafeBufferPointer<UInt8>, stretches: [Stretch], level: Int) {
        assert(zip([Stretch(start: 0, end: 0, isSource: false)] + stretches, stretches).allSatisfy { $0.end == $1.start }
               && (stretches.last?.end ?? 0) == text.count, "stretches must tile the text")
        self.text = text
        self.stretches = stretches
        var size = 1
        while size < min(text.count, 1 << 16) { size <<= 1 }
        stretchWindow = [Int32](repeating: 0, count: size)
        windowMask = size - 1
        maxChain = level <= 3 ? 16 : level <= 6 ? 128 : 1_024
        niceLength = level <= 3 ? 32 : level <= 6 ? 128 : DeflateCodes.maxMatch
        maxLazy = level <= 3 ? 4 : level <= 6 ? 16 : 128
        goodLength = level <= 3 ? 4 : level <= 6 ? 8 : 32
    }

    private func hash(_ position: Int) -> Int {
        let value = Int(text[position]) << 10 ^ Int(text[position + 1]) << 5 ^ Int(text[position + 2])
        return (value &* 2_654_435_761) >> 7 & 0x7FFF
    }

    /// Makes positions up to `position` findable.
    private mutating func insert(upTo position: Int) {
        while inserted < position {
            while insertedStretchEnd <= inserted {
                insertedStretch += 1
                insertedStretchEnd = stretches[insertedStretch].end
            }
            stretchWindow[inserted & windowMask] = Int32(insertedStretch)
            if inserted + 2 < text.count {
                let key = hash(inserted)
                previous[inserted & 0x7FFF] = head[key]
                head[key] = Int32(inserted)
            }
            inserted += 1
        }
    }

    /// The stretch holding `position`, one of the last 65,536 positions made findable.
    private func stretch(at position: Int) -> Int {
        assert(position < inserted && inserted - position <= stretchWindow.count, "position out of the stretch window")
        return Int(stretchWindow[position & windowMask])
    }

    /// How many bytes from `first` and `second` on are the same, up to `limit`: eight at a time,
    /// then the byte where they differ.
    private func commonLength(_ first: Int, _ second: Int, limit: Int) -> Int {
        let base = UnsafeRawPointer(text.baseAddress!)
        var length = 0
        while length + 8 <= limit {
            let difference = base.loadUnaligned(fromByteOffset: first + length, as: UInt64.self)
                ^ base.loadUnaligned(fromByteOffset: second + length, as: UInt64.self)
            if difference != 0 { return length + UInt64(littleEndian: difference).trailingZeroBitCount / 8 }
            length += 8
        }
        while length < limit, text[first + length] == text[second + length] { length += 1 }
        return length
    }

    /// The longest usable repeat for `position` in stretch `index`: (length, source position).
    private func longestMatch(at position: Int, in index: Int, after held: Int = 0) -> (Int, Int) {
        let end = stretches[index].end
        let limit = min(DeflateCodes.maxMatch, end - position)
        guard limit >= DeflateCodes.minMatch else { return (0, 0) }
        var best = 0, bestSource = 0
        var candidate = Int(head[hash(position)])
        var chain = held >= goodLength ? maxChain / 4 : maxChain
        let ownStart = stretches[index].start
        while candidate >= 0, position - candidate <= DeflateCodes.maxDistance, chain > 0 {
            chain -= 1
            // Cheap rejections first: the byte that would make it longer, and the first one.
            if text[candidate + best] == text[position + best], text[candidate] == text[position] {
                let source = candidate >= ownStart ? index : stretch(at: candidate)
                let sourceEnd = source == index ? position + limit : stretches[source].end
                let reach = source == index || stretches[source].isSource ? min(limit, sourceEnd - candidate) : 0
                if reach > best {
                    let length = commonLength(candidate, position, limit: reach)
                    if length > best {
                        best = length
                        bestSource = candidate
                        if length == limit || length >= niceLength { break }
                    }
                }
            }
            let next = Int(previous[candidate & 0x7FFF])
            if next >= candidate { break }
            candidate = next
        }
        return best >= DeflateCodes.minMatch ? (best, bestSource) : (0, 0)
    }

    /// Appends the tokens of stretch `index` to `tokens` (stretches are parsed in order).
    mutating func tokens(of index: Int, into tokens: inout [Token]) {
        let stretch = stretches[index]
        var position = stretch.start
        insert(upTo: position)
        var pending: (length: Int, source: Int)? = nil
        while position < stretch.end {
            // A repeat held from the byte before that is long enough is taken without looking further.
            if let held = pending, held.length >= maxLazy {
                tokens.append(token(length: held.length, from: held.source, at: position - 1, in: index))
                position += held.length - 1
                insert(upTo: position)
                pending = nil
                continue
            }
            let match = longestMatch(at: position, in: index, after: pending?.length ?? 0)
            insert(upTo: position + 1)
            if let held = pending {
                if match.0 > held.length {
                    tokens.append(.literal(text[position - 1]))
                    pending = match.0 > 0 ? (match.0, match.1) : nil
                    position += 1
                    continue
                }
                tokens.append(token(length: held.length, from: held.source, at: position - 1, in: index))
                position += held.length - 1
                insert(upTo: position)
                pending = nil
                continue
            }
            if match.0 > 0 {
                pending = (match.0, match.1)
            } else {
                tokens.append(.literal(text[position]))
            }
            position += 1
        }
        if let held = pending {
            tokens.append(token(length: held.length, from: held.source, at: position - 1, in: index))
            position += held.length - 1
        }
        insert(upTo: stretch.end)
    }

    private func token(length: Int, from source: Int, at position: Int, in index: Int) -> Token {
        let sourceStretch = stretch(at: source)
        if sourceStretch == index { return .near(length: length, distance: position - source) }
        return .far(length: length, source: sourceStretch, offset: source - stretches[sourceStretch].start, distance: position - source)
    }
}
