import Synchronization

/// Prints outcomes in input order although the pipeline delivers them in commit order.
final class OrderedPrinter: Sendable {
    private struct State: ~Copyable {
        var next = 0
        var held: [Int: String?] = [:]
    }

    private let state = Mutex(State())
    private let write: @Sendable (String) -> Void

    init(write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Records what sequence number `sequence` prints (`nil`: nothing) and prints every
    /// line whose turn has come.
    func deliver(_ sequence: Int, _ line: String?) {
        state.withLock { state in
            state.held[sequence] = .some(line)
            while let ready = state.held.removeValue(forKey: state.next) {
                if let ready { write(ready) }
                state.next += 1
            }
        }
    }
}
