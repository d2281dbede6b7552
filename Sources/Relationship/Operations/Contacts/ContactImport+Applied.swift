import DocxMerge

/// The columns of a contacts file that are not contact fields but records of their own, applied
/// after the row's contact is written:
///
/// - `OptOutEmail`, `OptOutHardCopy` (also `OptedOut…`, `…OptOut`): `true` opts the contact out of that channel, `false` opts it in
///   again, empty leaves it as it is (an opt-in is never made by an empty cell); `OptOutReason` and
///   `OptOutDate` (default: today) go with the records they make.
/// - `MailingGroups` (or `Groups`): the codes of the groups the contact belongs to, separated by
///   commas, semicolons or spaces; the contact's groups become exactly these (empty: none). Each
///   code must name an existing group.
struct AppliedColumns {
    /// The file column of each, when present.
    private var optOut: [(column: Int, channel: CorrespondenceType, name: String)] = []
    private var reasonColumn: Int?
    private var dateColumn: Int?
    private var groupsColumn: Int?
    /// The existing groups' codes by lowercased code.
    private var groupCodes: [String: String] = [:]

    /// The loose names of the columns this type handles.
    private static let optOutNames: [String: CorrespondenceType] = [
        FieldKey("OptOutEmail").normalized: .email, FieldKey("OptedOutEmail").normalized: .email,
        FieldKey("EmailOptOut").normalized: .email,
        FieldKey("OptOutHardCopy").normalized: .hardCopy, FieldKey("OptedOutHardCopy").normalized: .hardCopy,
        FieldKey("HardCopyOptOut").normalized: .hardCopy,
    ]
    private static let reasonName = FieldKey("OptOutReason").normalized
    private static let dateName = FieldKey("OptOutDate").normalized
    private static let groupNames: Set<String> = [FieldKey("MailingGroups").normalized, FieldKey("Groups").normalized]

    /// Finds the columns in `header`; with a groups column, reads the groups there are.
    init(header: [String], store: any RelationshipStore) throws {
        for (index, name) in header.enumerated() {
            let key = FieldKey(name).normalized
            if let channel = Self.optOutNames[key] { optOut.append((index, channel, name)) }
            if key == Self.reasonName { reasonColumn = index }
            if key == Self.dateName { dateColumn = index }
            if Self.groupNames.contains(key), groupsColumn == nil { groupsColumn = index }
        }
        if groupsColumn != nil {
            for (group, _) in try store.read({ try store.mailingGroups() }) { groupCodes[group.code.lowercased()] = group.code }
        }
    }

    /// Whether column `index` is one of these.
    func handles(_ index: Int) -> Bool {
        optOut.contains { $0.column == index } || index == reasonColumn || index == dateColumn || index == groupsColumn
    }

    var isEmpty: Bool { optOut.isEmpty && groupsColumn == nil }

    /// The problems of one row's values, each `Column: message`; the values are normalised in place.
    func check(_ values: inout [String]) -> [String] {
        var problems: [String] = []
        for (column, _, name) in optOut {
            let text = values[column]
            guard !text.isEmpty else { continue }
            if let flag = BooleanText.parse(text) {
                values[column] = BooleanText.text(flag)
            } else {
                problems.append("\(name): '\(text)' is not a boolean (true/false, yes/no, 1/0; empty leaves it)")
            }
        }
        if let dateColumn, !values[dateColumn].isEmpty, !CalendarDate.isValid(values[dateColumn]) {
            problems.append("OptOutDate: '\(values[dateColumn])' is not \(CalendarDate.expected)")
        }
        if let groupsColumn {
            var codes: [String] = []
            for code in Self.codes(values[groupsColumn]) {
                if let known = groupCodes[code.lowercased()] {
                    if !codes.contains(known) { codes.append(known) }
                } else {
                    problems.append("MailingGroups: unknown mailing group '\(code)' (create it first: groups create \(code))")
                }
            }
            values[groupsColumn] = codes.joined(separator: ",")
        }
        return problems
    }

    /// Records what the row's cells ask for contact `no` (already written).
    func apply(_ values: [String], to no: String, store: any RelationshipStore, today: String) throws {
        for (column, channel, _) in optOut where !values[column].isEmpty {
            let date = dateColumn.map { values[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? today
            _ = try OptOutRegister.record(no, channel: channel, optedOut: values[column] == "true",
                                          reason: reasonColumn.map { values[$0] } ?? "", date: date, in: store)
        }
        if let groupsColumn {
            let wanted = Self.codes(values[groupsColumn])
            let current = try store.mailingGroups(ofContact: no)
            for code in current where !wanted.contains(where: { $0.lowercased() == code.lowercased() }) {
                try store.removeFromMailingGroup(contactNo: no, group: code)
            }
            for code in wanted { try store.addToMailingGroup(contactNo: no, group: code) }
        }
    }

    /// The codes of a groups cell.
    private static func codes(_ cell: String) -> [String] {
        cell.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
    }
}
