extension SQLiteStore {
    private static let headerColumns = """
        no, description, interaction_template, subject, correspondence_type, ignore_contact_correspondence_type,
        language_code, salesperson_code, campaign_no, date, unit_cost, unit_duration, information_flow, initiated_by,
        campaign_target
        """

    private static func readHeader(_ row: Statement) -> SegmentHeader {
        SegmentHeader(
            no: row.text(0), description: row.text(1), interactionTemplate: row.text(2), subject: row.text(3),
            correspondenceType: CorrespondenceType(rawValue: row.text(4)), ignoreContactCorrespondenceType: row.bool(5),
            languageCode: row.text(6), salespersonCode: row.text(7), campaignNo: row.text(8), date: row.text(9),
            unitCost: row.real(10), unitDuration: row.real(11),
            informationFlow: InformationFlow(rawValue: row.text(12)) ?? .outbound,
            initiatedBy: InitiatedBy(rawValue: row.text(13)) ?? .us, campaignTarget: row.bool(14))
    }

    private static func headerValues(_ header: SegmentHeader) -> [SQLValue] {
        [.text(header.no), .text(header.description), .text(header.interactionTemplate), .text(header.subject),
         .text(header.correspondenceType?.rawValue ?? ""), .integer(header.ignoreContactCorrespondenceType ? 1 : 0),
         .text(header.languageCode), .text(header.salespersonCode), .text(header.campaignNo), .text(header.date),
         .real(header.unitCost), .real(header.unitDuration), .text(header.informationFlow.rawValue),
         .text(header.initiatedBy.rawValue), .integer(header.campaignTarget ? 1 : 0)]
    }

    // MARK: Numbers

    /// The next number of a series (`SM` → `SM00001`, `SM00002`, …) that `isFree` accepts; the
    /// series remembers it.
    public func nextNumber(series: String, isFree: (String) throws -> Bool) throws -> String {
        var last = try statement("SELECT last_no FROM number_series WHERE code = ?").firstRow([.text(series)]) { $0.integer(0) } ?? 0
        var candidate: String
        repeat {
            last += 1
            let digits = String(last)
            candidate = series + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
        } while try !isFree(candidate)
        try statement("INSERT INTO number_series (code, last_no) VALUES (?1, ?2) ON CONFLICT (code) DO UPDATE SET last_no = ?2")
            .run([.text(series), .integer(last)])
        return candidate
    }

    /// True when an open or a logged segment has this number.
    public func segmentNumberUsed(_ no: String) throws -> Bool {
        try statement("SELECT 1 FROM segments WHERE no = ?1 UNION ALL SELECT 1 FROM logged_segments WHERE segment_no = ?1")
            .firstRow([.text(no)]) { _ in true } ?? false
    }

    // MARK: Headers

    public func insertSegment(_ header: SegmentHeader) throws {
        try statement("INSERT INTO segments (\(Self.headerColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .run(Self.headerValues(header))
    }

    public func updateSegment(_ header: SegmentHeader) throws {
        try statement("""
            UPDATE segments SET description = ?2, interaction_template = ?3, subject = ?4, correspondence_type = ?5,
                ignore_contact_correspondence_type = ?6, language_code = ?7, salesperson_code = ?8, campaign_no = ?9,
                date = ?10, unit_cost = ?11, unit_duration = ?12, information_flow = ?13, initiated_by = ?14, campaign_target = ?15
            WHERE no = ?1
            """).run(Self.headerValues(header))
    }

    public func segment(_ no: String) throws -> SegmentHeader? {
        try statement("SELECT \(Self.headerColumns) FROM segments WHERE no = ?").firstRow([.text(no)], Self.readHeader)
    }

    /// Every open segment with its number of lines.
    public func segments() throws -> [(header: SegmentHeader, lines: Int)] {
        try statement("""
            SELECT \(Self.headerColumns), (SELECT count(*) FROM segment_lines l WHERE l.segment_no = s.no)
            FROM segments s ORDER BY no
            """).rows { (Self.readHeader($0), $0.integer(14)) }
    }

    /// Deletes an open segment with its lines, steps and undo records.
    public func deleteSegment(_ no: String) throws {
        let steps = try statement("SELECT DISTINCT step_no FROM segment_removed_lines WHERE segment_no = ?")
            .rows([.text(no)]) { $0.integer(0) }
        for step in steps {
            try deleteInBatches(from: "segment_removed_lines", where: "segment_no = ? AND step_no = ?", orderedBy: "line_no",
                                [.text(no), .integer(step)])
        }
        try statement("DELETE FROM segment_steps WHERE segment_no = ?").run([.text(no)])
        try deleteInBatches(from: "segment_lines", where: "segment_no = ?", orderedBy: "line_no", [.text(no)])
        try statement("DELETE FROM segments WHERE no = ?").run([.text(no)])
    }

    /// Deletes the rows of `table` that match `condition`, 10,000 at a time in the order of `key` (a
    /// column unique among those rows, in the order an index on the condition gives them): SQLite keeps
    /// the row ids of all the rows one `DELETE` removes, so memory stays flat only this way.
    /// - Returns: how many rows were deleted.
    @discardableResult
    private func deleteInBatches(from table: String, where condition: String, orderedBy key: String, _ values: [SQLValue]) throws -> Int {
        let size = 10_000
        let batch = try statement("""
            DELETE FROM \(table) WHERE \(condition)
                AND \(key) <= (SELECT \(key) FROM \(table) WHERE \(condition) ORDER BY \(key) LIMIT 1 OFFSET ?)
            """)
        var deleted = 0
        while true {
            try batch.run(values + values + [.integer(size - 1)])
            guard database.changes > 0 else { break }
            deleted += database.changes
        }
        // Fewer than `size` are left.
        try statement("DELETE FROM \(table) WHERE \(condition)").run(values)
        return deleted + database.changes
    }

    /// Reserves `count` line numbers (10000 apart) after the highest ever given in the segment.
    /// - Returns: the first of them.
    public func reserveLineNumbers(segment: String, count: Int) throws -> Int {
        let last = try statement("SELECT last_line_no FROM segments WHERE no = ?").firstRow([.text(segment)]) { $0.integer(0) } ?? 0
        try statement("UPDATE segments SET last_line_no = ? WHERE no = ?").run([.integer(last + 10_000 * count), .text(segment)])
        return last + 10_000
    }

    // MARK: Lines

    private static let lineColumns = """
        line_no, contact_no, description, subject, interaction_template, salesperson_code, campaign_no, date, cost,
        duration, correspondence_type, language_code, personal_note, overrides, added_by_step
        """

    private static func readLine(_ row: Statement) -> SegmentLine {
        var values = LineValues()
        values.description = row.text(2)
        values.subject = row.text(3)
        values.interactionTemplate = row.text(4)
        values.salespersonCode = row.text(5)
        values.campaignNo = row.text(6)
        values.date = row.text(7)
        values.cost = row.real(8)
        values.duration = row.real(9)
        values.correspondenceType = CorrespondenceType(rawValue: row.text(10))
        values.languageCode = row.text(11)
        values.personalNote = row.text(12)
        return SegmentLine(lineNo: row.integer(0), contactNo: row.text(1), values: values,
                           overrides: SegmentLine.overrides(fromMask: row.integer(13)), addedByStep: row.integer(14))
    }

    private static func lineValues(_ line: SegmentLine) -> [SQLValue] {
        let values = line.values
        return [.integer(line.lineNo), .text(line.contactNo), .text(values.description), .text(values.subject),
                .text(values.interactionTemplate), .text(values.salespersonCode), .text(values.campaignNo), .text(values.date),
                .real(values.cost), .real(values.duration), .text(values.correspondenceType?.rawValue ?? ""),
                .text(values.languageCode), .text(values.personalNote), .integer(line.overrideMask), .integer(line.addedByStep)]
    }

    /// The lines of a segment in line-number order.
    public func lines(of segment: String) throws -> [SegmentLine] {
        try statement("SELECT \(Self.lineColumns) FROM segment_lines WHERE segment_no = ? ORDER BY line_no")
            .rows([.text(segment)], Self.readLine)
    }

    /// A segment's lines in line order, `batch` at a time (one query per batch, so `body` may use the
    /// store, and no more than one batch is held): the memory stays flat however long the segment.
    public func forEachSegmentLine(segment: String, batch: Int, _ body: ([SegmentLine]) throws -> Void) throws {
        var after = Int.min
        while true {
            let lines = try statement("SELECT \(Self.lineColumns) FROM segment_lines WHERE segment_no = ? AND line_no > ? ORDER BY line_no LIMIT ?")
                .rows([.text(segment), .integer(after), .integer(max(1, batch))], Self.readLine)
            guard let last = lines.last else { return }
            try body(lines)
            if lines.count < batch { return }
            after = last.lineNo
        }
    }

    /// The lines of a segment whose contacts are numbered `first` through `last` in `No` order (a
    /// batch of `forEachContactBatch`), in that order.
    public func lines(of segment: String, contactsFrom first: String, through last: String) throws -> [SegmentLine] {
        try statement("""
            SELECT \(Self.lineColumns) FROM segment_lines WHERE segment_no = ? AND contact_no >= ? AND contact_no <= ?
            ORDER BY contact_no
            """).rows([.text(segment), .text(first), .text(last)], Self.readLine)
    }

    /// The contact on line `lineNo` of a segment.
    public func contactNo(ofLine lineNo: Int, segment: String) throws -> String? {
        try statement("SELECT contact_no FROM segment_lines WHERE segment_no = ? AND line_no = ?")
            .firstRow([.text(segment), .integer(lineNo)]) { $0.text(0) }
    }

    public func line(of segment: String, contact: String) throws -> SegmentLine? {
        try statement("SELECT \(Self.lineColumns) FROM segment_lines WHERE segment_no = ? AND contact_no = ?")
            .firstRow([.text(segment), .text(contact)], Self.readLine)
    }

    public func lineCount(of segment: String) throws -> Int {
        try statement("SELECT count(*) FROM segment_lines WHERE segment_no = ?").firstRow([.text(segment)]) { $0.integer(0) } ?? 0
    }

    /// The contacts on a segment's lines.
    public func contactNos(on segment: String) throws -> Set<String> {
        Set(try statement("SELECT contact_no FROM segment_lines WHERE segment_no = ?").rows([.text(segment)]) { $0.text(0) })
    }

    /// How many lines one `INSERT` of `insertLines` takes: 200 (3,200 values), fewer when this
    /// SQLite allows fewer parameters. Each statement costs a statement journal of the pages it
    /// changes: fewer, larger statements copy fewer pages.
    var linesPerInsert: Int { max(1, min(200, database.parameterLimit / 16)) }

    /// The `INSERT` of `count` lines.
    private static func insertLinesSQL(_ count: Int) -> String {
        let row = "(" + Array(repeating: "?", count: 16).joined(separator: ", ") + ")"
        return "INSERT INTO segment_lines (segment_no, \(lineColumns)) VALUES "
            + Array(repeating: row, count: count).joined(separator: ", ")
    }

    private static let insertOneLineSQL = insertLinesSQL(1)

    /// Inserts `lines` in their order, `linesPerInsert` to a statement (the rest one by one), each as
    /// `lineValues` gives it. The texts of a statement's lines are copied into one buffer and bound
    /// from there, not one by one.
    public func insertLines(_ lines: [SegmentLine], segment: String) throws {
        let perInsert = linesPerInsert
        let many = lines.count >= perInsert ? try statement(Self.insertLinesSQL(perInsert)) : nil
        let one = lines.count % perInsert != 0 ? try statement(Self.insertOneLineSQL) : nil
        // Never empty: an empty text still needs a pointer (a null one would bind SQL NULL).
        var texts: [UInt8] = [0]
        var spans: [(start: Int, count: Int)] = []
        var start = lines.startIndex
        while start < lines.endIndex {
            let count = lines.endIndex - start >= perInsert ? perInsert : 1
            guard let insert = count == 1 ? one : many else { preconditionFailure("no statement for \(count) lines") }
            let values = lines[start..<(start + count)].flatMap { [.text(segment)] + Self.lineValues($0) }
            texts.removeSubrange(1...)
            spans.removeAll(keepingCapacity: true)
            for case let .text(text) in values {
                spans.append((texts.count, text.utf8.count))
                texts.append(contentsOf: text.utf8)
            }
            try texts.withUnsafeBufferPointer { buffer in
                let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var span = 0
                for (index, value) in values.enumerated() {
                    let parameter = Int32(index + 1)
                    switch value {
                    case .text:
                        try insert.bind(parameter, unownedText: base + spans[span].start, count: spans[span].count)
                        span += 1
                    case let .integer(number): try insert.bind(parameter, integer: number)
                    case let .real(number): try insert.bind(parameter, real: number)
                    case .null, .blob: preconditionFailure("a line has no \(value) value")
                    }
                }
                try insert.execute()
            }
            start += count
        }
    }

    public func updateLine(_ line: SegmentLine, segment: String) throws {
        try statement("""
            UPDATE segment_lines SET contact_no = ?3, description = ?4, subject = ?5, interaction_template = ?6,
                salesperson_code = ?7, campaign_no = ?8, date = ?9, cost = ?10, duration = ?11, correspondence_type = ?12,
                language_code = ?13, personal_note = ?14, overrides = ?15, added_by_step = ?16
            WHERE segment_no = ?1 AND line_no = ?2
            """).run([.text(segment)] + Self.lineValues(line))
    }

    /// Deletes lines `lineNos` (a batch); with `keepFor`, keeps a copy of each, as stored, as removed by
    /// that step, for undo. One statement per batch (the numbers go in as a JSON array).
    public func removeLines(_ lineNos: [Int], segment: String, keepFor step: Int?) throws {
        guard !lineNos.isEmpty else { return }
        let numbers = "[" + lineNos.map(String.init).joined(separator: ",") + "]"
        if let step {
            try statement("""
                INSERT INTO segment_removed_lines (segment_no, step_no, \(Self.lineColumns))
                SELECT segment_no, ?3, \(Self.lineColumns) FROM segment_lines
                WHERE segment_no = ?1 AND line_no IN (SELECT value FROM json_each(?2))
                """).run([.text(segment), .text(numbers), .integer(step)])
        }
        try statement("DELETE FROM segment_lines WHERE segment_no = ? AND line_no IN (SELECT value FROM json_each(?))")
            .run([.text(segment), .text(numbers)])
    }

    /// The lines step `step` removed and keeps for undo, in line order, `batch` at a time (one query
    /// per batch, so `body` may use the store, and no more than one batch is held).
    public func forEachRemovedLine(segment: String, step: Int, batch: Int, _ body: ([SegmentLine]) throws -> Void) throws {
        let size = max(1, batch)
        var after = Int.min
        while true {
            let lines = try statement("""
                SELECT \(Self.lineColumns) FROM segment_removed_lines
                WHERE segment_no = ? AND step_no = ? AND line_no > ? ORDER BY line_no LIMIT ?
                """).rows([.text(segment), .integer(step), .integer(after), .integer(size)], Self.readLine)
            guard let last = lines.last else { return }
            try body(lines)
            if lines.count < size { return }
            after = last.lineNo
        }
    }

    /// Forgets that step `step` removed line `lineNo`: reverting the step leaves that line out.
    public func discardRemovedLine(_ lineNo: Int, step: Int, segment: String) throws {
        try statement("DELETE FROM segment_removed_lines WHERE segment_no = ? AND step_no = ? AND line_no = ?")
            .run([.text(segment), .integer(step), .integer(lineNo)])
    }

    // MARK: Steps

    public func steps(of segment: String) throws -> [SegmentStep] {
        var steps: [SegmentStep] = []
        try statement("""
            SELECT step_no, part_no, action, expression, options, contacts, added, removed
            FROM segment_steps WHERE segment_no = ? ORDER BY step_no, part_no
            """).forEachRow([.text(segment)]) { row in
            let definition = Self.readDefinition(row, from: 2)
            if row.integer(1) == 0 {
                steps.append(SegmentStep(stepNo: row.integer(0), definition: definition, added: row.integer(6), removed: row.integer(7)))
            } else {
                steps[steps.count - 1].replayed.append(definition)
            }
        }
        return steps
    }

    /// Records a step; an `add-criteria` step keeps the steps it replayed as its parts 1, 2, ….
    public func insertStep(_ step: SegmentStep, segment: String) throws {
        let insert = try statement("""
            INSERT INTO segment_steps (segment_no, step_no, part_no, action, expression, options, contacts, added, removed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (part, definition) in ([step.definition] + step.replayed).enumerated() {
            try insert.run([.text(segment), .integer(step.stepNo), .integer(part)] + Self.definitionValues(definition)
                           + [.integer(part == 0 ? step.added : 0), .integer(part == 0 ? step.removed : 0)])
        }
    }

    /// Undoes the bookkeeping of a step: deletes the lines it inserted, puts back the lines it
    /// removed exactly as they were, and forgets the step.
    /// - Returns: how many lines were deleted and restored.
    public func revertStep(_ stepNo: Int, segment: String) throws -> (deleted: Int, restored: Int) {
        let deleted = try deleteInBatches(from: "segment_lines", where: "segment_no = ? AND added_by_step = ?", orderedBy: "rowid",
                                          [.text(segment), .integer(stepNo)])
        try statement("""
            INSERT INTO segment_lines (segment_no, \(Self.lineColumns))
            SELECT segment_no, \(Self.lineColumns) FROM segment_removed_lines WHERE segment_no = ? AND step_no = ?
            """).run([.text(segment), .integer(stepNo)])
        let restored = database.changes
        try deleteInBatches(from: "segment_removed_lines", where: "segment_no = ? AND step_no = ?", orderedBy: "line_no",
                            [.text(segment), .integer(stepNo)])
        try statement("DELETE FROM segment_steps WHERE segment_no = ? AND step_no = ?").run([.text(segment), .integer(stepNo)])
        return (deleted, restored)
    }

    // MARK: Step definitions (shared with saved criteria)

    static func readDefinition(_ row: Statement, from column: Int32) -> StepDefinition {
        StepDefinition(
            action: StepAction(rawValue: row.text(column)) ?? .add,
            expression: row.text(column + 1),
            options: row.text(column + 2).split(separator: " ").compactMap { StepOption(rawValue: String($0)) },
            contacts: row.text(column + 3).split(separator: "\n", omittingEmptySubsequences: true).map(String.init))
    }

    static func definitionValues(_ definition: StepDefinition) -> [SQLValue] {
        [.text(definition.action.rawValue), .text(definition.expression),
         .text(definition.options.map(\.rawValue).joined(separator: " ")), .text(definition.contacts.joined(separator: "\n"))]
    }
}
