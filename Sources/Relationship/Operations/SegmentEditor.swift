import DocxMerge

/// Open segments: create, change the header (propagated to the lines), edit one line, bulk notes,
/// show, list and delete.
public struct SegmentEditor {
    /// Header fields to set; nil leaves a field as it is. Setting the template first takes the
    /// template's defaults, then the other fields given here.
    public struct HeaderChanges: Sendable {
        public var description: String?
        public var interactionTemplate: String?
        public var subject: String?
        public var correspondenceType: CorrespondenceType?
        public var ignoreContactCorrespondenceType: Bool?
        public var languageCode: String?
        public var salespersonCode: String?
        public var campaignNo: String?
        public var date: String?
        public var unitCost: Double?
        public var unitDuration: Double?
        public var informationFlow: InformationFlow?
        public var initiatedBy: InitiatedBy?
        public var campaignTarget: Bool?

        public init() {}
    }

    /// Changes to one line: values to override, and fields to inherit again.
    public struct LineChanges: Sendable {
        public var values = LineValues()
        /// The fields `values` sets.
        public var set: [LineField] = []
        /// The fields that drop their override.
        public var clear: [LineField] = []

        public init() {}
    }

    /// The number series of open segments.
    public static let series = "SM"

    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// Creates an open segment numbered `no`, or the next free number of the series.
    /// - Throws: `RelationshipError.segmentNumberUsed` when an open or logged segment has `no`.
    public func create(no: String?, changes: HeaderChanges) throws -> SegmentHeader {
        try store.transaction {
            let number: String
            if let no {
                guard try !store.segmentNumberUsed(no) else { throw RelationshipError.segmentNumberUsed(no) }
                number = no
            } else {
                number = try store.nextNumber(series: Self.series) { try !store.segmentNumberUsed($0) }
            }
            var header = SegmentHeader(no: number, date: LocalClock.today())
            try apply(changes, to: &header)
            try store.insertSegment(header)
            return header
        }
    }

    /// Changes the header and updates every line that does not override a changed field; a line
    /// with its own template keeps the fields that template decides.
    /// - Returns: the new header and how many lines changed.
    public func set(_ no: String, changes: HeaderChanges) throws -> (header: SegmentHeader, linesChanged: Int) {
        try store.transaction {
            let old = try header(no)
            var header = old
            try apply(changes, to: &header)
            try store.updateSegment(header)
            let fields = Array(Set(HeaderField.changes(from: old, to: header).flatMap(\.lineFields)))
            guard !fields.isEmpty else { return (header, 0) }
            var inheritance = inheritance(for: header)
            var changed = 0
            let headerOnly = fields.filter { !LineInheritance.templateFields.contains($0) }
            try store.forEachSegmentLine(segment: header.no, batch: StoreBatch.size) { lines in
                for var line in lines {
                    guard let contact = try store.contact(line.contactNo) else { continue }
                    let before = line
                    let ownTemplate = line.overrides.contains(.interactionTemplate)
                    try inheritance.refresh(&line, contact: contact, fields: ownTemplate ? headerOnly : fields)
                    if line != before {
                        try store.updateLine(line, segment: header.no)
                        changed += 1
                    }
                }
            }
            return (header, changed)
        }
    }

    /// Overrides fields of the line of `contact`, or makes them inherit again. Setting or clearing
    /// the line's template also takes the fields that template decides (those the line does not override).
    /// - Throws: `RelationshipError` for an unknown segment or template, a contact not on the
    ///   segment, or a date that is not a calendar date.
    public func editLine(_ no: String, contact: String, changes: LineChanges) throws -> SegmentLine {
        try store.transaction {
            let header = try header(no)
            guard var line = try store.line(of: header.no, contact: contact) else {
                throw RelationshipError.notOnSegment(contact: contact, segment: header.no)
            }
            if let template = changes.set.contains(.interactionTemplate) ? changes.values.interactionTemplate : nil,
               !template.isEmpty, try store.template(template) == nil {
                throw RelationshipError.unknownTemplate(template)
            }
            if changes.set.contains(.date) { try Self.checkDate(changes.values.date) }
            if changes.set.contains(.campaignNo), !changes.values.campaignNo.isEmpty {
                try CampaignBook.requireExisting(changes.values.campaignNo, in: store)
            }
            for field in changes.set {
                line.values.take(field, from: changes.values)
                line.overrides.insert(field)
            }
            for field in changes.clear { line.overrides.remove(field) }
            var refreshed = changes.clear
            if changes.set.contains(.interactionTemplate) || changes.clear.contains(.interactionTemplate) {
                refreshed += LineInheritance.templateFields
            }
            if !refreshed.isEmpty, let contactRecord = try store.contact(contact) {
                var inheritance = inheritance(for: header)
                try inheritance.refresh(&line, contact: contactRecord, fields: refreshed)
            }
            if changes.set.contains(.languageCode) { try checkLanguage(of: line) }
            try store.updateLine(line, segment: header.no)
            return line
        }
    }

    /// A language set on a line must be one a document of the line's template serves (a
    /// language-independent document serves every language).
    /// - Throws: `RelationshipError.problems` listing the languages the template has.
    private func checkLanguage(of line: SegmentLine) throws {
        let language = line.values.languageCode
        let code = line.values.interactionTemplate
        guard !language.isEmpty, !code.isEmpty, try store.template(code) != nil else { return }
        let documents = try store.documents(of: code).current
        guard !documents.isEmpty, documents.serving(language) == nil else { return }
        let languages = documents.map(\.language).sorted().joined(separator: ", ")
        throw RelationshipError.problems([
            "line of \(line.contactNo): template \(code) has no document for language '\(language)' (its languages: \(languages))",
        ])
    }

    /// Sets personal notes from a CSV with columns `ContactNo` and `Note`; all or none. Every problem
    /// of the file is reported (a row with a wrong value count does not hide the rows after it).
    /// - Returns: how many lines got a note.
    public func importNotes(_ no: String, csv: CSVReader) throws -> Int {
        let keys = csv.header.map { FieldKey($0) }
        guard let contactColumn = keys.firstIndex(of: FieldKey("ContactNo")) ?? keys.firstIndex(of: FieldKey("No")),
              let noteColumn = keys.firstIndex(of: FieldKey("Note")) ?? keys.firstIndex(of: FieldKey("PersonalNote")) else {
            throw RelationshipError.problems(["\(csv.name):1: the file needs the columns ContactNo and Note"])
        }
        return try store.transaction {
            let header = try header(no)
            var problems: [String] = []
            var seen: [String: Int] = [:]
            var updates: [SegmentLine] = []
            var lastError: CSVError?
            while true {
                let record: CSVRecord
                do {
                    guard let next = try csv.next() else { break }
                    record = next
                } catch let error as CSVError {
                    // A wrong value count lets reading go on; a quoting or read error repeats itself.
                    guard error != lastError else { break }
                    problems.append(error.description)
                    lastError = error
                    continue
                }
                let contact = record.values[contactColumn]
                if let first = seen[contact] {
                    problems.append("\(csv.name):\(record.line): contact \(contact) appears twice (first on line \(first))")
                    continue
                }
                seen[contact] = record.line
                guard var line = try store.line(of: header.no, contact: contact) else {
                    problems.append("\(csv.name):\(record.line): contact \(contact.isEmpty ? "(empty)" : contact) is not on segment \(header.no)")
                    continue
                }
                line.values.personalNote = record.values[noteColumn]
                if line.values.personalNote.isEmpty { line.overrides.remove(.personalNote) } else { line.overrides.insert(.personalNote) }
                updates.append(line)
            }
            guard problems.isEmpty else { throw RelationshipError.problems(problems) }
            for line in updates { try store.updateLine(line, segment: header.no) }
            return updates.count
        }
    }

    /// A segment's header, lines and steps.
    public func show(_ no: String) throws -> (header: SegmentHeader, lines: [SegmentLine], steps: [SegmentStep]) {
        try store.read {
            let header = try header(no)
            return (header, try store.lines(of: header.no), try store.steps(of: header.no))
        }
    }

    /// Every open segment and its number of lines.
    public func list() throws -> [(header: SegmentHeader, lines: Int)] {
        try store.read { try store.segments() }
    }

    /// Deletes an open segment with its lines and steps.
    public func delete(_ no: String) throws {
        try store.transaction {
            try store.deleteSegment(try header(no).no)
        }
    }

    private func header(_ no: String) throws -> SegmentHeader {
        guard let header = try store.segment(no) else { throw RelationshipError.unknownSegment(no) }
        return header
    }

    private func inheritance(for header: SegmentHeader) -> LineInheritance {
        LineInheritance(header: header, store: store)
    }

    /// - Throws: `RelationshipError.invalidValue` unless `date` is a calendar date (`2026-11-29`).
    private static func checkDate(_ date: String) throws {
        guard CalendarDate.isValid(date) else {
            throw RelationshipError.invalidValue(field: "Date", value: date, expected: CalendarDate.expected)
        }
    }

    private func apply(_ changes: HeaderChanges, to header: inout SegmentHeader) throws {
        if let code = changes.interactionTemplate {
            if code.isEmpty {
                header.interactionTemplate = ""
            } else {
                guard let template = try store.template(code) else { throw RelationshipError.unknownTemplate(code) }
                header.adopt(template)
            }
        }
        if let value = changes.description { header.description = value }
        if let value = changes.subject { header.subject = value }
        if let value = changes.correspondenceType { header.correspondenceType = value }
        if let value = changes.ignoreContactCorrespondenceType { header.ignoreContactCorrespondenceType = value }
        if let value = changes.languageCode { header.languageCode = value }
        if let value = changes.salespersonCode { header.salespersonCode = value }
        if let value = changes.campaignNo {
            if !value.isEmpty { try CampaignBook.requireExisting(value, in: store) }
            header.campaignNo = value
        }
        if let value = changes.campaignTarget { header.campaignTarget = value }
        if header.campaignTarget, header.campaignNo.isEmpty {
            throw RelationshipError.problems(["segment \(header.no): CampaignTarget needs the segment's campaign (--campaign NO)"])
        }
        if let value = changes.date {
            try Self.checkDate(value)
            header.date = value
        }
        if let value = changes.unitCost { header.unitCost = value }
        if let value = changes.unitDuration { header.unitDuration = value }
        if let value = changes.informationFlow { header.informationFlow = value }
        if let value = changes.initiatedBy { header.initiatedBy = value }
    }
}
