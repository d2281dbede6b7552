extension SQLiteStore {
    private static let templateSelect = """
        SELECT code, description, information_flow, initiated_by, unit_cost, unit_duration, correspondence_type,
               ignore_contact_correspondence_type, language_code FROM interaction_templates
        """

    private static func readTemplate(_ row: Statement) -> InteractionTemplate {
        InteractionTemplate(
            code: row.text(0), description: row.text(1),
            informationFlow: InformationFlow(rawValue: row.text(2)) ?? .outbound,
            initiatedBy: InitiatedBy(rawValue: row.text(3)) ?? .us,
            unitCost: row.real(4), unitDuration: row.real(5),
            correspondenceType: CorrespondenceType(rawValue: row.text(6)) ?? .hardCopy,
            ignoreContactCorrespondenceType: row.bool(7), languageCode: row.text(8))
    }

    public func template(_ code: String) throws -> InteractionTemplate? {
        try statement(Self.templateSelect + " WHERE code = ?").firstRow([.text(code)], Self.readTemplate)
    }

    public func templates() throws -> [InteractionTemplate] {
        try statement(Self.templateSelect + " ORDER BY code").rows([], Self.readTemplate)
    }

    /// Inserts the template, or replaces the fields of the one with the same code.
    public func saveTemplate(_ template: InteractionTemplate) throws {
        try statement("""
            INSERT INTO interaction_templates (code, description, information_flow, initiated_by, unit_cost, unit_duration,
                correspondence_type, ignore_contact_correspondence_type, language_code)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            ON CONFLICT (code) DO UPDATE SET description = ?2, information_flow = ?3, initiated_by = ?4, unit_cost = ?5,
                unit_duration = ?6, correspondence_type = ?7, ignore_contact_correspondence_type = ?8, language_code = ?9
            """).run([
                .text(template.code), .text(template.description), .text(template.informationFlow.rawValue),
                .text(template.initiatedBy.rawValue), .real(template.unitCost), .real(template.unitDuration),
                .text(template.correspondenceType.rawValue), .integer(template.ignoreContactCorrespondenceType ? 1 : 0),
                .text(template.languageCode),
            ])
    }

    /// Every stored document version of a template, by language (in the order first added) and version.
    public func documents(of templateCode: String) throws -> [TemplateDocument] {
        try statement("""
            SELECT template_code, language, version, sha256, added_at FROM template_documents d WHERE template_code = ?
            ORDER BY (SELECT min(rowid) FROM template_documents f WHERE f.template_code = d.template_code AND f.language = d.language),
                     version
            """).rows([.text(templateCode)]) {
            TemplateDocument(templateCode: $0.text(0), language: $0.text(1), version: $0.integer(2), sha256: $0.text(3), addedAt: $0.text(4))
        }
    }

    /// Stores a document version; the bytes are kept once per SHA-256.
    public func addDocument(_ document: TemplateDocument, bytes: [UInt8]) throws {
        try statement("INSERT INTO documents (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING")
            .run([.text(document.sha256), .blob(bytes)])
        try statement("INSERT INTO template_documents (template_code, language, version, sha256, added_at) VALUES (?, ?, ?, ?, ?)")
            .run([.text(document.templateCode), .text(document.language), .integer(document.version),
                  .text(document.sha256), .text(document.addedAt)])
    }

    /// The bytes of a stored document, by SHA-256.
    public func documentBytes(sha256: String) throws -> [UInt8]? {
        try statement("SELECT bytes FROM documents WHERE sha256 = ?").firstRow([.text(sha256)]) { $0.blob(0) }
    }
}
