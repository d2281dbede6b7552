/// A field or column name compared loosely: case-insensitive (Unicode lowercased), spaces and underscores ignored.
///
/// Merge fields, CSV columns and contact fields all meet through this key, so `First Name`, `first_name` and
/// `FirstName` name the same thing:
///
/// ```swift
/// FieldKey("First Name") == FieldKey("first_name")   // true
/// FieldKey("FirstName") == FieldKey("FIRST NAME")    // true
/// ```
///
/// Every kind of Unicode white space counts as a space (a no-break space typed in Word included).
public struct FieldKey: Hashable, Sendable, CustomStringConvertible {
    /// The name lower-cased with its spaces and underscores removed; two keys are equal when this is.
    public let normalized: String

    /// Makes the key of a field or column name.
    /// - Parameter name: the name as written in the template or the data.
    public init(_ name: String) {
        var needsFiltering = false
        for scalar in name.unicodeScalars where scalar == "_" || scalar.properties.isWhitespace {
            needsFiltering = true
            break
        }
        let lowered = name.lowercased()
        if needsFiltering {
            var kept = String.UnicodeScalarView()
            for scalar in lowered.unicodeScalars where !(scalar == "_" || scalar.properties.isWhitespace) {
                kept.append(scalar)
            }
            normalized = String(kept)
        } else {
            normalized = lowered
        }
    }

    /// The normalized form, as used for comparison.
    public var description: String { normalized }
}
