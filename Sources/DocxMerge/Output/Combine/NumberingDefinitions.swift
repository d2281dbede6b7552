/// A template's `word/numbering.xml`, read once: its list definitions and the list instances a
/// letter writes again under numbers of its own, each level restarting, so a numbered list
/// restarts in every letter.
struct NumberingDefinitions {
    /// numId → what follows `<w:num w:numId="…"` for a letter's instance.
    var instances: [Int: [UInt8]] = [:]
    /// The `w:abstractNum` elements, with `abstractOffset` added to their ids.
    var abstractElements: [UInt8] = []
    /// The part up to its first `w:num`, the `w:num` elements, and what follows them.
    var head: [UInt8] = []
    var numbers: [UInt8] = []
    var tail: [UInt8] = []

    static let levels = 0..<9

    init(_ part: [UInt8], abstractOffset: Int) {
        guard !part.isEmpty else { return }
        part.withUnsafeBufferPointer { buffer in
            var reader = XMLTagReader(buffer)
            var starts: [Int: [Int: Int]] = [:]  // abstractNumId → level → start
            var abstractID: Int?
            var level: Int?
            var abstractStart = 0
            var idRange = 0..<0
            var firstNum: Int?
            var lastNumEnd: Int?
            // The w:num being read.
            var numID: Int?
            var numAbstract = 0
            var overrides: [UInt8] = []
            var overridden = Set<Int>()
            var overrideStart: Int?
            var overrideLevel = 0
            var pending: [(numID: Int, abstract: Int, overrides: [UInt8], overridden: Set<Int>)] = []
            func attribute(_ tag: XMLTag, _ name: String) -> Int? {
                reader.attributes(of: tag).first { reader.equals($0.name, Array(name.utf8)) }.flatMap { reader.integer($0.value) }
            }
            while let tag = reader.next() {
                let name = reader.string(tag.name)
                switch (tag.kind, name) {
                case (.start, "w:abstractNum"):
                    let idAttribute = reader.attributes(of: tag).first { reader.equals($0.name, Array("w:abstractNumId".utf8)) }
                    abstractID = idAttribute.flatMap { reader.integer($0.value) }
                    idRange = idAttribute?.value ?? tag.range.lowerBound..<tag.range.lowerBound
                    abstractStart = tag.range.lowerBound
                case (.end, "w:abstractNum"):
                    if let id = abstractID {
                        abstractElements += buffer[abstractStart..<idRange.lowerBound]
                        abstractElements += Array(String(id + abstractOffset).utf8)
                        abstractElements += buffer[idRange.upperBound..<tag.range.upperBound]
                    }
                    abstractID = nil
                case (.start, "w:lvl") where abstractID != nil:
                    level = attribute(tag, "w:ilvl")
                case (.empty, "w:start") where abstractID != nil:
                    if let abstractID, let level, let value = attribute(tag, "w:val") { starts[abstractID, default: [:]][level] = value }
                case (.start, "w:num"), (.empty, "w:num"):
                    if firstNum == nil { firstNum = tag.range.lowerBound }
                    numID = attribute(tag, "w:numId")
                    overrides = []
                    overridden = []
                    if tag.kind == .empty { lastNumEnd = tag.range.upperBound }
                case (.empty, "w:abstractNumId") where numID != nil:
                    numAbstract = attribute(tag, "w:val") ?? 0
                case (.start, "w:lvlOverride") where numID != nil:
                    overrideStart = tag.range.lowerBound
                    overrideLevel = attribute(tag, "w:ilvl") ?? 0
                case (.end, "w:lvlOverride") where numID != nil:
                    if let start = overrideStart {
                        overrides += buffer[start..<tag.range.upperBound]
                        overridden.insert(overrideLevel)
                    }
                    overrideStart = nil
                case (.end, "w:num"):
                    if let numID { pending.append((numID, numAbstract, overrides, overridden)) }
                    numID = nil
                    lastNumEnd = tag.range.upperBound
                default:
                    break
                }
            }
            for (id, abstract, overrides, overridden) in pending {
                var text = "\"><w:abstractNumId w:val=\"\(abstract + abstractOffset)\"/>"
                text += String(decoding: overrides, as: UTF8.self)
                for level in Self.levels where !overridden.contains(level) {
                    let start = starts[abstract]?[level] ?? 1
                    text += "<w:lvlOverride w:ilvl=\"\(level)\"><w:startOverride w:val=\"\(start)\"/></w:lvlOverride>"
                }
                instances[id] = Array((text + "</w:num>").utf8)
            }
            let end = part.count
            let closing = Array("</w:numbering>".utf8)
            let rootEnd = (0...(end - closing.count)).reversed().first { Array(part[$0..<($0 + closing.count)]) == closing } ?? end
            let split = firstNum ?? rootEnd
            head = Array(part[0..<split])
            numbers = Array(part[split..<(lastNumEnd ?? split)])
            tail = Array(part[(lastNumEnd ?? split)...])
        }
    }
}
