/// The command line of one command, parsed against its `ArgumentSpec`.
///
/// Options are `--name value` or `--name=value`; flags are `--name`. Anything else is a positional
/// argument. A mistake is a `UsageError` (exit status 2).
struct Arguments {
    private(set) var positionals: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    init(_ arguments: [String], spec: ArgumentSpec) throws {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard !onlyPositionals, argument.hasPrefix("--"), argument.count > 2 else {
                if argument == "--" && !onlyPositionals { onlyPositionals = true; continue }
                positionals.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if spec.flags.contains(name) {
                guard inlineValue == nil else { throw UsageError("--\(name) takes no value") }
                flags.insert(name)
            } else if spec.options.contains(name) {
                if let inlineValue {
                    values[name, default: []].append(inlineValue)
                } else {
                    guard index < arguments.count else { throw UsageError("--\(name) needs a value") }
                    values[name, default: []].append(arguments[index])
                    index += 1
                }
            } else {
                throw UsageError("unknown option --\(name)")
            }
        }
        guard positionals.count >= spec.positionals.count - spec.optionalPositionals else {
            let missing = spec.positionals[positionals.count]
            throw UsageError("missing argument \(missing)")
        }
        guard positionals.count <= spec.positionals.count else {
            throw UsageError("unexpected argument '\(positionals[spec.positionals.count])'")
        }
        for name in spec.options where !spec.repeatable.contains(name) && (values[name]?.count ?? 0) > 1 {
            throw UsageError("--\(name) given more than once")
        }
    }

    /// The value of `--name`, if given.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable `--name`, in order.
    func allValues(_ name: String) -> [String] { values[name] ?? [] }

    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The positional argument at `index`, if given.
    func positional(_ index: Int) -> String? { index < positionals.count ? positionals[index] : nil }

    /// Whether the option `--name` was given at all.
    func has(_ name: String) -> Bool { values[name] != nil || flags.contains(name) }

    /// The value of `--name` read as an integer in `range`.
    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return number
    }

    /// The value of `--name`, which must be one of `choices`.
    func choice(_ name: String, _ choices: [String]) throws -> String? {
        guard let text = value(name) else { return nil }
        guard choices.contains(text) else {
            throw UsageError("--\(name) must be \(choices.joined(separator: " or ")), not '\(text)'")
        }
        return text
    }
}

/// What a command accepts.
struct ArgumentSpec {
    /// Names of the positional arguments, as the usage shows them.
    var positionals: [String] = []
    /// How many of the last positionals may be left out.
    var optionalPositionals = 0
    /// Options taking a value.
    var options: Set<String> = []
    /// Options that may be given several times.
    var repeatable: Set<String> = []
    /// Options without a value.
    var flags: Set<String> = []
}

/// The command line itself is wrong: exit status 2. Each message is printed as an `error:` line.
struct UsageError: Error, CustomStringConvertible {
    let messages: [String]
    init(_ message: String) { messages = [message] }
    init(_ messages: [String]) { self.messages = messages }
    var description: String { messages.joined(separator: "\n") }
}

/// Reads the option values of one command line, keeping every mistake, so that all of them are
/// reported at once.
///
/// ```swift
/// var problems = UsageProblems()
/// let cost = try problems.read { try arguments.amount("cost") }
/// let date = try problems.read { try arguments.date("date") }
/// try problems.check()   // throws one UsageError listing both, if both are wrong
/// ```
struct UsageProblems {
    private(set) var messages: [String] = []

    /// The value `read` gives, or nil when it throws a `UsageError` (kept for `check()`).
    mutating func read<T>(_ read: () throws -> T?) throws -> T? {
        do {
            return try read()
        } catch let error as UsageError {
            messages += error.messages
            return nil
        }
    }

    mutating func add(_ message: String) { messages.append(message) }

    /// - Throws: a `UsageError` with every message kept, if any.
    func check() throws {
        if !messages.isEmpty { throw UsageError(messages) }
    }
}

/// The work failed: each message is printed as an `error:` line; exit status 1.
struct CommandFailure: Error {
    let messages: [String]
    init(_ messages: [String]) { self.messages = messages }
    init(_ message: String) { self.messages = [message] }
}
