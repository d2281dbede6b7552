/// Which way an interaction goes.
public enum InformationFlow: String, Sendable, CaseIterable {
    case outbound
    case inbound
}

/// Who started an interaction.
public enum InitiatedBy: String, Sendable, CaseIterable {
    case us
    case them
}

/// An interaction template: the defaults a segment takes from it, and its Word documents.
public struct InteractionTemplate: Sendable, Equatable {
    public var code: String
    public var description: String
    public var informationFlow: InformationFlow
    public var initiatedBy: InitiatedBy
    public var unitCost: Double
    /// Minutes.
    public var unitDuration: Double
    public var correspondenceType: CorrespondenceType
    public var ignoreContactCorrespondenceType: Bool
    /// The default language: the first one a document was added for.
    public var languageCode: String

    public init(code: String, description: String = "", informationFlow: InformationFlow = .outbound,
                initiatedBy: InitiatedBy = .us, unitCost: Double = 0, unitDuration: Double = 0,
                correspondenceType: CorrespondenceType = .hardCopy, ignoreContactCorrespondenceType: Bool = false,
                languageCode: String = "") {
        self.code = code
        self.description = description
        self.informationFlow = informationFlow
        self.initiatedBy = initiatedBy
        self.unitCost = unitCost
        self.unitDuration = unitDuration
        self.correspondenceType = correspondenceType
        self.ignoreContactCorrespondenceType = ignoreContactCorrespondenceType
        self.languageCode = languageCode
    }
}

/// One stored version of a template's document for one language (`""`: language-independent).
public struct TemplateDocument: Sendable, Equatable {
    public var templateCode: String
    public var language: String
    public var version: Int
    /// Hex SHA-256 of the document's bytes.
    public var sha256: String
    /// When the version was added, ISO 8601 (`2026-11-29T14:30:00`).
    public var addedAt: String

    public init(templateCode: String, language: String, version: Int, sha256: String, addedAt: String) {
        self.templateCode = templateCode
        self.language = language
        self.version = version
        self.sha256 = sha256
        self.addedAt = addedAt
    }
}

extension Array where Element == TemplateDocument {
    /// The newest version for each language, in the order languages were first added.
    public var current: [TemplateDocument] {
        var latest: [String: TemplateDocument] = [:]
        var order: [String] = []
        for document in self {
            let key = document.language.lowercased()
            if latest[key] == nil { order.append(key) }
            if (latest[key]?.version ?? 0) < document.version { latest[key] = document }
        }
        return order.compactMap { latest[$0] }
    }

    /// The current document serving `language`: the matching language's, else the
    /// language-independent one.
    public func serving(_ language: String) -> TemplateDocument? {
        let current = self.current
        if let match = LanguageMatch.best(for: language, in: current.map(\.language)) {
            return current.first { $0.language == match }
        }
        return current.first { $0.language.isEmpty }
    }
}
