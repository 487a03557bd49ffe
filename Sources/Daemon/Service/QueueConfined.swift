import Dispatch

/// A value that belongs to one serial queue: every access checks, with
/// `dispatchPrecondition`, that it runs on that queue, so a change of threading that
/// breaks the confinement stops at the first wrong access instead of racing.
final class QueueConfined<Value>: @unchecked Sendable {
    // @unchecked: `value` is read and written only inside `withValue`, which first
    // checks that it runs on `queue`; `queue` is serial, so no two accesses overlap.
    private let queue: DispatchQueue
    private var value: Value

    init(_ value: Value, on queue: DispatchQueue) {
        self.value = value
        self.queue = queue
    }

    func withValue<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        dispatchPrecondition(condition: .onQueue(queue))
        return try body(&value)
    }
}
