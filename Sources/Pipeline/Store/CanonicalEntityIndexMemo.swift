import Foundation

/// Holds the writer's `CanonicalEntityIndex` between batches.
///
/// Promises: `take()` hands out the stored resolver and leaves an empty one, so two
/// callers can never share (and corrupt) one memo; `put` stores it back.
///
/// `@unchecked Sendable` is safe: the only stored property is read and written under
/// `lock`, and `CanonicalEntityIndex` is a value type that leaves the lock as a copy.
final class CanonicalEntityIndexMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var resolver = CanonicalEntityIndex()

    func take() -> CanonicalEntityIndex {
        lock.lock()
        defer { lock.unlock() }
        let taken = resolver
        resolver = CanonicalEntityIndex()
        return taken
    }

    func put(_ resolver: CanonicalEntityIndex) {
        lock.lock()
        defer { lock.unlock() }
        self.resolver = resolver
    }
}
