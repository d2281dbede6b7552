import Dispatch

extension SQLiteStore {
    /// Whether a second connection reading now sees the contacts exactly as this one does: this
    /// connection holds the write lock in a transaction of its own (so nobody else commits, and it
    /// has changed nothing but what its caller promises not to read), in WAL mode (so the reader is
    /// not blocked by the writer).
    func canReadBeside() throws -> Bool {
        guard database.holdsOwnWriteTransaction else { return false }
        return try statement("PRAGMA journal_mode").firstRow { $0.text(0) } == "wal"
    }

    /// Reads batches of contacts on another thread, through a read-only connection of its own, and
    /// chooses among them there, while the caller works on the batch before: the reading and the
    /// caller's work overlap on two cores.
    ///
    /// At most `ahead` batches wait to be taken, so memory stays flat. The reader's error is thrown
    /// to the caller; when the caller's `body` throws, the reader stops and the error goes on. The
    /// reader's connection is closed before `run` returns.
    enum ContactReadAhead {
        static let ahead = 2

        /// Calls `body` with the contacts `choose` picks of each batch `read` gives (`read(store,
        /// after)`: up to `batch` contacts after the last of the batch before, nil for the first),
        /// until a batch is short; empty choices are skipped.
        static func run(path: String, batch: Int, read: @escaping @Sendable (SQLiteStore, String?) throws -> [Contact],
                        choose: @escaping @Sendable ([Contact], any RelationshipStore) throws -> [Contact],
                        _ body: ([Contact]) throws -> Void) throws {
            let handOver = HandOver()
            // A queue of its own, as the renderer's threads have: the global queue runs at most a block
            // per core, and a caller blocked in `take()` on one of them (a test, a task) could wait for
            // a reader that never starts.
            DispatchQueue(label: "lettershop.read-ahead").async {
                defer { handOver.readerFinished() }
                do {
                    let store = try SQLiteStore(readingBeside: path)
                    try store.read {
                        var after: String?
                        while true {
                            let contacts = try read(store, after)
                            let isLast = contacts.count < batch
                            let chosen = contacts.isEmpty ? [] : try choose(contacts, store)
                            guard handOver.put(.success((chosen, isLast))), !isLast, let last = contacts.last else { return }
                            after = last.no
                        }
                    }
                } catch {
                    _ = handOver.put(.failure(error))
                }
            }
            defer { handOver.stop() }
            while true {
                let (chosen, isLast) = try handOver.take().get()
                if !chosen.isEmpty { try body(chosen) }
                if isLast { return }
            }
        }
    }

    /// The batches between the reader and the caller, behind a lock.
    private final class HandOver: @unchecked Sendable {
        private let lock = DispatchSemaphore(value: 1)
        /// Counts the free places for batches. Made at 0 and signalled: libdispatch traps when a
        /// semaphore goes away with a value below the one it was made with.
        private let free = DispatchSemaphore(value: 0)
        /// Counts the batches waiting.
        private let waiting = DispatchSemaphore(value: 0)
        private let finished = DispatchSemaphore(value: 0)
        private var batches: [Result<(chosen: [Contact], isLast: Bool), any Error>] = []
        private var stopped = false

        init() {
            for _ in 0..<ContactReadAhead.ahead { free.signal() }
        }

        /// Hands `batch` over, waiting for a free place; false when the caller has stopped.
        func put(_ batch: Result<(chosen: [Contact], isLast: Bool), any Error>) -> Bool {
            free.wait()
            lock.wait()
            defer { lock.signal() }
            guard !stopped else { return false }
            batches.append(batch)
            waiting.signal()
            return true
        }

        /// The next batch, waiting for it.
        func take() -> Result<(chosen: [Contact], isLast: Bool), any Error> {
            waiting.wait()
            lock.wait()
            let batch = batches.removeFirst()
            lock.signal()
            free.signal()
            return batch
        }

        /// Tells the reader to stop, and waits until it has.
        func stop() {
            lock.wait()
            stopped = true
            batches.removeAll()
            lock.signal()
            free.signal()
            finished.wait()
        }

        func readerFinished() { finished.signal() }
    }
}
