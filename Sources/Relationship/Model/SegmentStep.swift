/// What a criteria step does.
public enum StepAction: String, Sendable, CaseIterable {
    /// Adds the contacts matching the expression.
    case add
    /// Removes the lines whose contact matches.
    case reduce
    /// Removes the lines whose contact does not match.
    case refine
    /// Contacts added by number.
    case addContacts = "add-contacts"
    /// Contacts removed by number.
    case removeContacts = "remove-contacts"
    /// Saved criteria replayed.
    case addCriteria = "add-criteria"
    /// The contacts of a logged segment added.
    case addLogged = "add-logged"
}

/// A step option, as the command line spells it.
public enum StepOption: String, Sendable, CaseIterable {
    case expandCompanies = "expand-companies"
    case withCompanies = "with-companies"
    case ignoreExclusion = "ignore-exclusion"
    case entireCompanies = "entire-companies"
}

/// What a step is, apart from its effect: the definition saved criteria keep and replay.
public struct StepDefinition: Sendable, Equatable {
    public var action: StepAction
    /// The filter expression (`add`, `reduce`, `refine`), the criteria code (`add-criteria`) or the
    /// logged segment's number (`add-logged`); empty for contact steps.
    public var expression: String
    public var options: [StepOption]
    /// The contacts of `add-contacts` and `remove-contacts`.
    public var contacts: [String]

    public init(action: StepAction, expression: String = "", options: [StepOption] = [], contacts: [String] = []) {
        self.action = action
        self.expression = expression
        self.options = options
        self.contacts = contacts
    }

    /// The expression as shown to people: contact steps list their contacts.
    public var displayExpression: String {
        contacts.isEmpty ? expression : contacts.joined(separator: ", ")
    }

    /// One line: `refine City = Oslo`, `add-contacts CT000010 --ignore-exclusion`.
    public var summary: String {
        ([action.rawValue, displayExpression] + options.map { "--" + $0.rawValue })
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// One step of an open segment's criteria, with what it changed.
public struct SegmentStep: Sendable, Equatable {
    public var stepNo: Int
    public var definition: StepDefinition
    /// For `add-criteria`: the steps replayed (saving the segment's criteria saves these instead).
    public var replayed: [StepDefinition]
    public var added: Int
    public var removed: Int

    public init(stepNo: Int, definition: StepDefinition, replayed: [StepDefinition] = [], added: Int = 0, removed: Int = 0) {
        self.stepNo = stepNo
        self.definition = definition
        self.replayed = replayed
        self.added = added
        self.removed = removed
    }
}

/// Criteria saved under a code, replayed on other segments.
public struct SavedCriteria: Sendable, Equatable {
    public var code: String
    public var description: String
    public var steps: [StepDefinition]

    public init(code: String, description: String, steps: [StepDefinition]) {
        self.code = code
        self.description = description
        self.steps = steps
    }
}
