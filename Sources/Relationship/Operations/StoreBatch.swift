/// How many contacts or lines an operation holds at a time when it goes through a whole table or
/// segment: enough to keep the queries few, few enough to keep memory flat however large the data.
enum StoreBatch {
    static let size = 1000
}
