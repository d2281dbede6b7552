import DocxMerge

/// The columns of a contacts file that are not contact fields but records of their own, applied
/// after the row's contact is written:
///
/// - `OptOutEmail`, `OptOutHardCopy`: `true` opts the contact out of that channel, `false` opts it in
///   again, empty leaves it as it is (an opt-in is never made by an empty cell); `OptOutReason` and
///   `OptOutDate` (default: today) go with the records they make.
struct AppliedColumns {
    /// The file column of each, when present.
    private var optOut: [(column: Int, channel: CorrespondenceType)] = []
    private var reasonColumn: Int?
    private var dateColumn: Int?

    /// The loose names of the columns this type handles.
    private static let optOutNames: [String: CorrespondenceType] = [
        FieldKey("OptOutEmail").normalized: .email, FieldKey("OptOutHardCopy").normalized: .hardCopy,
    ]
    private static let reasonName = FieldKey("OptOutReason").normalized
    private static let dateName = FieldKey("OptOutDate").normalized

    /// Finds the columns in `header`.
    init(header: [String]) {
        for (index, name) in header.enumerated() {
            let key = FieldKey(name).normalized
            if let channel = Self.optOutNames[key] { optOut.append((index, channel)) }
            if key == Self.reasonName { reasonColumn = index }
            if key == Self.dateName { dateColumn = index }
        }
    }

    /// Whether column `index` is one of these.
    func handles(_ index: Int) -> Bool {
        optOut.contains { $0.column == index } || index == reasonColumn || index == dateColumn
    }

    var isEmpty: Bool { optOut.isEmpty && reasonColumn == nil && dateColumn == nil }

    /// The problems of one row's values, each `Column: message`; the values are normalised in place.
    func check(_ values: inout [String]) -> [String] {
        var problems: [String] = []
        for (column, channel) in optOut {
            let text = values[column]
            guard !text.isEmpty else { continue }
            if let flag = BooleanText.parse(text) {
                values[column] = BooleanText.text(flag)
            } else {
                problems.append("\(Self.columnName(channel)): '\(text)' is not a boolean (true/false, yes/no, 1/0; empty leaves it)")
            }
        }
        if let dateColumn, !values[dateColumn].isEmpty, !CalendarDate.isValid(values[dateColumn]) {
            problems.append("OptOutDate: '\(values[dateColumn])' is not \(CalendarDate.expected)")
        }
        return problems
    }

    /// Records what the row's cells ask for contact `no` (already written).
    func apply(_ values: [String], to no: String, store: any RelationshipStore, today: String) throws {
        for (column, channel) in optOut where !values[column].isEmpty {
            let date = dateColumn.map { values[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? today
            _ = try OptOutRegister.record(no, channel: channel, optedOut: values[column] == "true",
                                          reason: reasonColumn.map { values[$0] } ?? "", date: date, in: store)
        }
    }

    private static func columnName(_ channel: CorrespondenceType) -> String {
        channel == .email ? "OptOutEmail" : "OptOutHardCopy"
    }
}
