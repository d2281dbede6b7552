import DocxMerge

/// The letters of an open segment: one per line, from the template document of the line's
/// language, with the merge fields cli.md lists. Preparing them checks everything `log` would
/// refuse and reports every problem at once.
public struct SegmentLetters {
    /// One letter to write.
    public struct Letter: Sendable {
        public let lineNo: Int
        public let contactNo: String
        /// `<ContactNo>.docx`, made safe and unique.
        public let fileName: String
        /// Index into `plans`.
        public let plan: Int
        /// Values in `columns` order.
        public let values: [String]
    }

    /// The line fields a letter can use; they win over contact fields of the same name.
    public static let lineColumns = ["Description", "Subject", "Date", "SalespersonCode", "CampaignNo", "LanguageCode",
                                     "SegmentNo", "PersonalNote"]

    public let header: SegmentHeader
    /// The merge columns, in precedence order: line fields, `ContactNo`, standard contact fields, custom fields.
    public let columns: [String]
    /// One plan per template document used, with the SHA-256 of that document.
    public let plans: [(plan: LetterPlan, sha256: String)]
    public let letters: [Letter]

    /// Prepares the letters of segment `no`.
    /// - Throws: `RelationshipError.problems` listing every line that cannot be written.
    public init(store: any RelationshipStore, segment no: String, compressionLevel: Int = 6) throws {
        var plans: [(plan: LetterPlan, sha256: String)] = []
        var letters: [Letter] = []
        var columns: [String] = []
        let header: SegmentHeader = try store.read {
            guard let header = try store.segment(no) else { throw RelationshipError.unknownSegment(no) }
            let lines = try store.lines(of: header.no)
            var problems: [String] = []
            if header.description.isEmpty { problems.append("segment \(header.no) has no Description") }
            if lines.isEmpty { problems.append("segment \(header.no) has no lines") }
            let custom = try store.customFields()
            columns = Self.lineColumns + ["ContactNo"] + ContactField.allCases.map(\.rawValue) + custom.map(\.name)
            var planBySHA: [String: Int] = [:]
            var documentsByTemplate: [String: [TemplateDocument]] = [:]
            var namer = FileNamer()
            for line in lines {
                let at = "line \(line.lineNo) (\(line.contactNo))"
                var lineProblems: [String] = []
                let contact = try store.contact(line.contactNo)
                if contact == nil { lineProblems.append("\(at): the contact no longer exists") }
                if contact?.isPrivacyBlocked == true { lineProblems.append("\(at): the contact is privacy-blocked") }
                if line.values.date.isEmpty { lineProblems.append("\(at): no Date") }
                if line.values.correspondenceType == .email, let contact, contact[.email].isEmpty {
                    lineProblems.append("\(at): an e-mail line, but the contact has no Email")
                }
                let code = line.values.interactionTemplate
                var plan: Int?
                if code.isEmpty {
                    lineProblems.append("\(at): no InteractionTemplate")
                } else {
                    let key = code.lowercased()
                    if documentsByTemplate[key] == nil {
                        documentsByTemplate[key] = try store.template(code) == nil ? [] : try store.documents(of: code)
                    }
                    if let document = documentsByTemplate[key]!.serving(line.values.languageCode) {
                        if let known = planBySHA[document.sha256] {
                            plan = known
                        } else {
                            do {
                                let bytes = try store.documentBytes(sha256: document.sha256) ?? []
                                let name = "template \(document.templateCode) (\(document.language.isEmpty ? "any language" : document.language) v\(document.version))"
                                let template = try MergeTemplate(bytes: bytes, name: name)
                                plans.append((try LetterPlan(template: template, columns: columns, missing: .error,
                                                             compressionLevel: compressionLevel), document.sha256))
                                planBySHA[document.sha256] = plans.count - 1
                                plan = plans.count - 1
                            } catch let error as MergeError {
                                lineProblems.append("\(at): template \(code): \(error)")
                            }
                        }
                    } else if documentsByTemplate[key]!.isEmpty {
                        lineProblems.append("\(at): unknown interaction template '\(code)' or it has no document")
                    } else {
                        let language = line.values.languageCode.isEmpty ? "no language" : "language '\(line.values.languageCode)'"
                        lineProblems.append("\(at): template \(code) has no document for \(language) and no language-independent one")
                    }
                }
                problems += lineProblems
                guard lineProblems.isEmpty, let contact, let plan else { continue }
                letters.append(Letter(lineNo: line.lineNo, contactNo: line.contactNo,
                                      fileName: namer.name(for: line.contactNo, fallback: String(line.lineNo), extension: "docx"),
                                      plan: plan, values: Self.values(line: line, header: header, contact: contact, custom: custom)))
            }
            guard problems.isEmpty else { throw RelationshipError.problems(problems) }
            return header
        }
        self.header = header
        self.columns = columns
        self.plans = plans
        self.letters = letters
    }

    private static func values(line: SegmentLine, header: SegmentHeader, contact: Contact, custom: [CustomField]) -> [String] {
        let values = line.values
        return [values.description, values.subject, values.date, values.salespersonCode, values.campaignNo, values.languageCode,
                header.no, values.personalNote, contact.no]
            + contact.fields + custom.map { contact.custom[$0.key] ?? "" }
    }

    /// Renders every letter into `output` (not committed), `jobs` at a time; `progress` gets the
    /// number written so far.
    /// - Throws: the first letter's error, naming its line.
    public func render(into output: OutputFolder, jobs: Int, progress: (Int) -> Void = { _ in }) throws {
        var done = 0
        for (index, entry) in plans.enumerated() {
            let batch = letters.filter { $0.plan == index }
            let renderer = ParallelRenderer(plan: entry.plan, jobs: jobs)
            var start = 0
            while start < batch.count {
                let slice = Array(batch[start..<min(batch.count, start + 64 * jobs)])
                do {
                    try renderer.render(slice.map(\.values)) { position, bytes in
                        try output.write(name: slice[position].fileName, bytes: bytes)
                    }
                } catch let failure as RecordFailure {
                    let letter = slice[failure.index]
                    throw RelationshipError.problems(["line \(letter.lineNo) (\(letter.contactNo)): \(failure.error)"])
                }
                start += slice.count
                done += slice.count
                progress(done)
            }
        }
    }
}
