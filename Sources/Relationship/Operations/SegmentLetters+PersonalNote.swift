import DocxMerge

/// A line's personal note never disappears silently: when the document its letter comes from has no
/// `PersonalNote` field, the check says so (an error that stops `log` and `merge`, or a warning when the
/// user allows it). The note is stored on the interaction entry either way.
extension SegmentLetters {
    /// The merge column of the line's personal note, as a template names it (`PersonalNote`, `Personal Note`, …).
    static let personalNoteKey = FieldKey("PersonalNote")

    /// The code of the issue: `note-not-in-letter`.
    public static let unusedNoteCode = "note-not-in-letter"

    /// Why `line`'s note would not be in its letter (`plan`), or nil when it has no note or the letter shows it.
    static func unusedNoteMessage(line: SegmentLine, plan: Plan) -> String? {
        guard !line.values.personalNote.trimmingWhitespace().isEmpty, !plan.showsPersonalNote else { return nil }
        let document = plan.document
        let language = document.language.isEmpty ? "any language" : document.language
        return "the line has a personal note, but template \(document.templateCode) (\(language) v\(document.version)) "
            + "has no PersonalNote field, so the letter would not show it "
            + "(add a PersonalNote field to the document, clear the note with --clear Note, or pass --allow-unused-notes)"
    }
}
