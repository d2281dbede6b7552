/// Word's field markup for test templates, as Word writes it: complex fields run by run, a
/// MERGEFIELD nested in an instruction with its cached result, and the same as a `w:fldSimple`.
/// A test suite that conforms gets these as its own static functions.
public protocol WordFieldMarkup {}

extension WordFieldMarkup {
    public static func begin(_ rPr: String = "") -> String { #"<w:r>\#(rPr)<w:fldChar w:fldCharType="begin"/></w:r>"# }
    public static func separate() -> String { #"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"# }
    public static func end() -> String { #"<w:r><w:fldChar w:fldCharType="end"/></w:r>"# }
    public static func instr(_ text: String, _ rPr: String = "") -> String {
        #"<w:r>\#(rPr)<w:instrText xml:space="preserve">\#(text)</w:instrText></w:r>"#
    }
    public static func result(_ text: String) -> String { #"<w:r><w:rPr><w:noProof/></w:rPr><w:t>\#(text)</w:t></w:r>"# }
    /// A MERGEFIELD nested in an instruction, with its cached result as Word leaves it.
    public static func nested(_ name: String) -> String {
        begin() + instr(" MERGEFIELD \(name) ") + separate() + #"<w:r><w:rPr><w:noProof/></w:rPr><w:instrText>«\#(name)»</w:instrText></w:r>"# + end()
    }
    public static func simpleNested(_ name: String) -> String {
        #"<w:fldSimple w:instr=" MERGEFIELD \#(name) \* MERGEFORMAT "><w:r><w:rPr><w:noProof/></w:rPr><w:instrText>«\#(name)»</w:instrText></w:r></w:fldSimple>"#
    }
}
