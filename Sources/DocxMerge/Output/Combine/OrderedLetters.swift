/// The prepared letters of one batch, each put in its place by the thread that prepared it, then
/// taken in order by the thread appending them to a `LetterCombiner`.
public final class OrderedLetters: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<CombinedLetter?>

    public init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Puts letter `index` of the batch in its place; each index from one thread only.
    public func set(_ index: Int, _ letter: CombinedLetter) { slots[index] = letter }

    /// Appends the batch's letters to `combiner`, in order, freeing each.
    public func append(to combiner: LetterCombiner) throws {
        for index in slots.indices {
            guard let letter = slots[index] else { preconditionFailure("letter \(index) of a finished batch was not prepared") }
            slots[index] = nil
            try combiner.append(letter)
        }
    }
}
