import DocxMerge

/// Interaction templates and their Word documents, versioned by SHA-256.
public struct TemplateLibrary {
    /// Template fields `templates add` may set; nil leaves a field as it is (or at its default).
    public struct Changes: Sendable {
        public var description: String?
        public var correspondenceType: CorrespondenceType?
        public var ignoreContactCorrespondenceType: Bool?
        public var unitCost: Double?
        public var unitDuration: Double?
        public var informationFlow: InformationFlow?
        public var initiatedBy: InitiatedBy?

        public init() {}
    }

    /// What `add` did.
    public struct AddResult: Sendable {
        public let template: InteractionTemplate
        public let created: Bool
        /// The version the document has now (a new one, or the stored version with the same bytes).
        public let document: TemplateDocument
        /// False when a version of that language already had the same bytes.
        public let addedVersion: Bool
        /// The newest version of that language (`document`'s, unless the bytes were an earlier one's).
        public let currentVersion: Int
    }

    private let store: any RelationshipStore

    public init(store: any RelationshipStore) { self.store = store }

    /// Adds a document (for `language`, or language-independent when empty) to the template `code`,
    /// creating the template or updating its fields from `changes`. Bytes that a version of that
    /// language already has add no version.
    /// - Throws: `MergeError` when the bytes are not a Word document Lettershop can merge.
    public func add(code: String, document bytes: [UInt8], fileName: String, language: String, changes: Changes) throws -> AddResult {
        _ = try MergeTemplate(bytes: bytes, name: fileName)
        let sha = SHA256.hex(bytes)
        return try store.transaction {
            let existing = try store.template(code)
            var template = existing ?? InteractionTemplate(code: code)
            Self.apply(changes, to: &template)
            let documents = existing == nil ? [] : try store.documents(of: code)
            if template.languageCode.isEmpty, !language.isEmpty, !documents.contains(where: { !$0.language.isEmpty }) {
                template.languageCode = language
            }
            try store.saveTemplate(template)
            let sameLanguage = documents.filter { $0.language.lowercased() == language.lowercased() }
            let newest = sameLanguage.map(\.version).max() ?? 0
            if let stored = sameLanguage.first(where: { $0.sha256 == sha }) {
                return AddResult(template: template, created: existing == nil, document: stored, addedVersion: false,
                                 currentVersion: newest)
            }
            let document = TemplateDocument(templateCode: template.code, language: language, version: newest + 1,
                                            sha256: sha, addedAt: LocalClock.now())
            try store.addDocument(document, bytes: bytes)
            return AddResult(template: template, created: existing == nil, document: document, addedVersion: true,
                             currentVersion: document.version)
        }
    }

    /// Creates or updates template `code` without adding a document: a template with no document
    /// records a call, a meeting or a visit.
    /// - Returns: the template and whether it was created.
    public func save(code: String, changes: Changes) throws -> (template: InteractionTemplate, created: Bool) {
        try store.transaction {
            let existing = try store.template(code)
            var template = existing ?? InteractionTemplate(code: code)
            Self.apply(changes, to: &template)
            try store.saveTemplate(template)
            return (template, existing == nil)
        }
    }

    private static func apply(_ changes: Changes, to template: inout InteractionTemplate) {
        if let value = changes.description { template.description = value }
        if let value = changes.correspondenceType { template.correspondenceType = value }
        if let value = changes.ignoreContactCorrespondenceType { template.ignoreContactCorrespondenceType = value }
        if let value = changes.unitCost { template.unitCost = value }
        if let value = changes.unitDuration { template.unitDuration = value }
        if let value = changes.informationFlow { template.informationFlow = value }
        if let value = changes.initiatedBy { template.initiatedBy = value }
    }

    /// Every template with its current documents.
    public func list() throws -> [(template: InteractionTemplate, documents: [TemplateDocument])] {
        try store.read {
            try store.templates().map { ($0, try store.documents(of: $0.code)) }
        }
    }

    /// A template, every version of its documents, and the merge fields each uses.
    public func show(_ code: String) throws -> (template: InteractionTemplate, documents: [(TemplateDocument, [String])]) {
        try store.read {
            guard let template = try store.template(code) else { throw RelationshipError.unknownTemplate(code) }
            let documents = try store.documents(of: template.code).map { document -> (TemplateDocument, [String]) in
                let bytes = try store.documentBytes(sha256: document.sha256) ?? []
                let name = "\(template.code) (\(document.language.isEmpty ? "any language" : document.language) v\(document.version))"
                return (document, try MergeTemplate(bytes: bytes, name: name).fieldNames)
            }
            return (template, documents)
        }
    }
}
