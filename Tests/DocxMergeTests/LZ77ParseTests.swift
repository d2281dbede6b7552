@testable import DocxMerge
import LettershopTestSupport
import Testing

@Suite("The repeat search of the piece compiler")
struct LZ77ParseTests {
    /// About 200 KB of XML-like text in 5,000 stretches (every fourth a field's markup, which later
    /// stretches may not copy from), at levels 1, 6 and 9: the tokens give the text back; each repeat
    /// from another stretch names a source stretch before it that may be copied from, at the right
    /// place. The text is longer than the 65,536 positions whose stretches the search keeps, so a
    /// stretch looked up after it was dropped would show here.
    @Test(arguments: [1, 6, 9])
    func tokensGiveTheTextBack(level: Int) {
        var generator = SplitMix(seed: 7)
        let words = ["<w:r>", "<w:t>", "</w:t>", "</w:r>", "<w:p>", "</w:p>", "Dear ", "customer", " of ", "Bergen",
                     "<w:rPr><w:b/></w:rPr>", "xml:space=\"preserve\"", "\u{00C5}se", "2025"]
        var text: [UInt8] = []
        var stretches: [LZ77Parse.Stretch] = []
        for index in 0..<5_000 {
            let start = text.count
            for _ in 0..<Int(generator.next() % 12) { text += Array(words[Int(generator.next() % UInt64(words.count))].utf8) }
            if generator.next() % 3 == 0 { text += Array("\(generator.next() % 100_000)".utf8) }
            stretches.append(.init(start: start, end: text.count, isSource: index % 4 != 3))
        }
        #expect(text.count > 150_000)
        var tokens: [LZ77Parse.Token] = []
        var tokenStart = [0]
        text.withUnsafeBufferPointer { buffer in
            var parser = LZ77Parse(text: buffer, stretches: stretches, level: level)
            for index in stretches.indices {
                parser.tokens(of: index, into: &tokens)
                tokenStart.append(tokens.count)
            }
        }
        var decoded: [UInt8] = []
        var problems: [String] = []
        for (index, stretch) in stretches.enumerated() {
            for token in tokens[tokenStart[index]..<tokenStart[index + 1]] {
                switch token.kind {
                case .literal:
                    decoded.append(token.byte)
                case .near:
                    let from = decoded.count - token.distance
                    if from < stretch.start { problems.append("stretch \(index): a near repeat reaches before the stretch") }
                    for offset in 0..<token.length { decoded.append(decoded[from + offset]) }
                case .far:
                    let source = stretches[token.source]
                    if token.source >= index || !source.isSource || source.start + token.offset != decoded.count - token.distance
                        || token.offset + token.length > source.end - source.start {
                        problems.append("stretch \(index): a far repeat from stretch \(token.source) at \(token.offset)")
                    }
                    decoded += text[(source.start + token.offset)..<(source.start + token.offset + token.length)]
                }
            }
            if decoded.count != stretch.end { problems.append("stretch \(index) ends at \(decoded.count), not \(stretch.end)") }
            if !problems.isEmpty { break }
        }
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        #expect(decoded == text)
        #expect(tokens.contains { $0.kind == .far } && tokens.contains { $0.kind == .near })
    }
}

