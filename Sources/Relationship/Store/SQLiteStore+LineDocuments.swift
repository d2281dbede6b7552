extension SQLiteStore {
    /// Stores document bytes by their SHA-256 (once per SHA-256).
    public func storeDocument(sha256: String, bytes: [UInt8]) throws {
        try statement("INSERT INTO documents (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING")
            .run([.text(sha256), .blob(bytes)])
    }

    /// Makes the document of that SHA-256 (stored already) the letter of the line of `contactNo`.
    public func attachLineDocument(segment: String, contactNo: String, sha256: String, at moment: String) throws {
        try statement("""
            INSERT INTO segment_line_documents (segment_no, contact_no, sha256, attached_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (segment_no, contact_no) DO UPDATE SET sha256 = ?3, attached_at = ?4
            """).run([.text(segment), .text(contactNo), .text(sha256), .text(moment)])
    }

    /// - Returns: false when the line had no document attached.
    @discardableResult
    public func detachLineDocument(segment: String, contactNo: String) throws -> Bool {
        try statement("DELETE FROM segment_line_documents WHERE segment_no = ? AND contact_no = ?").run([.text(segment), .text(contactNo)])
        return database.changes > 0
    }

    /// The SHA-256 of the document attached to the line of `contactNo`, if any.
    public func lineDocument(segment: String, contactNo: String) throws -> String? {
        try statement("SELECT sha256 FROM segment_line_documents WHERE segment_no = ? AND contact_no = ?")
            .firstRow([.text(segment), .text(contactNo)]) { $0.text(0) }
    }

    /// The attached documents of a segment's lines: SHA-256 by contact.
    public func lineDocuments(segment: String) throws -> [String: String] {
        var found: [String: String] = [:]
        try statement("SELECT contact_no, sha256 FROM segment_line_documents WHERE segment_no = ?").forEachRow([.text(segment)]) {
            found[$0.text(0)] = $0.text(1)
        }
        return found
    }
}
