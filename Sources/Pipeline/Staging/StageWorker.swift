import Dispatch
import Synchronization

/// Runs one stage's work on its own lanes, at most `width` items at a time, holding at
/// most `capacity` items (running and waiting) before `submit` blocks its caller.
///
/// The blocking `submit` is the pipeline's backpressure: a stage that cannot keep up
/// stalls the workers of the stage before it, and so on back to intake, so a backlog
/// of files never becomes a backlog of documents in memory.
///
/// Each lane is a serial queue of its own. Serial queues are served by Dispatch's
/// overcommitting thread pool, so a lane blocked by the next stage's backpressure keeps
/// its thread without taking one from anyone else. On a concurrent queue the blocked lanes
/// would hold the pool's few threads (one per core on Linux) and every stage would wait
/// until Dispatch's monitor noticed, about a second later: the pipeline then used a
/// fraction of the machine.
final class StageWorker<Item: Sendable>: Sendable {
    private struct State: ~Copyable {
        var waiting: [Item] = []
        var head = 0
        /// Lanes with nothing to do, by index into `lanes`.
        var idleLanes: [Int]

        mutating func popFirst() -> Item? {
            guard head < waiting.count else { return nil }
            let item = waiting[head]
            head += 1
            if head > 64, head * 2 > waiting.count {
                waiting.removeFirst(head)
                head = 0
            }
            return item
        }
    }

    let name: String
    private let lanes: [DispatchQueue]
    private let slots: DispatchSemaphore
    private let state: Mutex<State>
    private let body: @Sendable (Item) -> Void

    /// - Parameters:
    ///   - width: how many items run at once (1 makes the stage serial).
    ///   - capacity: how many items the stage holds before `submit` blocks; at least `width`.
    init(name: String, width: Int, capacity: Int, qos: DispatchQoS = .userInitiated,
         body: @escaping @Sendable (Item) -> Void) {
        self.name = name
        let width = max(1, width)
        self.lanes = (0..<width).map { DispatchQueue(label: "gleaner.stage.\(name).\($0)", qos: qos) }
        self.slots = DispatchSemaphore(value: max(capacity, width, 1))
        self.state = Mutex(State(idleLanes: Array((0..<width).reversed())))
        self.body = body
    }

    /// Hands an item to the stage, blocking while the stage is full.
    func submit(_ item: Item) {
        slots.wait()
        let lane = state.withLock { state -> Int? in
            if let lane = state.idleLanes.popLast() { return lane }
            state.waiting.append(item)
            return nil
        }
        if let lane {
            lanes[lane].async { self.drain(lane: lane, startingWith: item) }
        }
    }

    /// Processes `item`, then whatever is waiting, until nothing is left; then the lane is idle.
    private func drain(lane: Int, startingWith item: Item) {
        var next: Item? = item
        while let current = next {
            body(current)
            slots.signal()
            next = state.withLock { state -> Item? in
                if let item = state.popFirst() { return item }
                state.idleLanes.append(lane)
                return nil
            }
        }
    }
}

/// A serial stage that hands everything waiting to its body at once, up to `maxBatch`:
/// the store's many-documents-per-transaction writer.
///
/// Gathering: when fewer items wait than a batch can hold and more are on their way
/// (`expect`ed and not yet submitted), the worker waits for them, up to `gatherSeconds`
/// from when it looked, before it calls its body; never longer, and not at all once
/// nothing is on its way (a lone item, the end of a drain), so waiting can make a batch
/// larger but never makes the last item of a run later. A batch can hold at most
/// `capacity` items (the most `submit` lets wait), so a full buffer ends the wait too.
final class BatchingWorker<Item: Sendable>: Sendable {
    private struct State: ~Copyable {
        var waiting: [Item] = []
        var running = false
        /// Items `expect`ed and not yet submitted: still in the stages before this one.
        var onTheirWay = 0
        /// The drainer is waiting on `arrivals` for the batch to fill.
        var gathering = false

        /// Whether waiting longer cannot make the next batch larger.
        func isReady(batch: Int) -> Bool {
            waiting.isEmpty || waiting.count >= batch || onTheirWay <= 0
        }
    }

    private let queue: DispatchQueue
    private let slots: DispatchSemaphore
    private let maxBatch: Int
    /// The largest batch gathering waits for: `maxBatch`, or the capacity when smaller.
    private let gatherTarget: Int
    private let gatherNanoseconds: UInt64
    /// Signalled once when a `submit` ends a gather (`State.gathering`).
    private let arrivals = DispatchSemaphore(value: 0)
    private let state = Mutex(State())
    private let body: @Sendable ([Item]) -> Void

    /// - Parameters:
    ///   - gatherSeconds: how long the worker may wait for expected items to fill a batch
    ///     (0: never; at most `PipelineConfiguration.longestStoreGather`).
    init(name: String, capacity: Int, maxBatch: Int, gatherSeconds: Double = 0, qos: DispatchQoS = .userInitiated,
         body: @escaping @Sendable ([Item]) -> Void) {
        self.queue = DispatchQueue(label: "gleaner.stage.\(name)", qos: qos)
        self.slots = DispatchSemaphore(value: max(capacity, 1))
        self.maxBatch = max(1, maxBatch)
        self.gatherTarget = min(self.maxBatch, max(capacity, 1))
        self.gatherNanoseconds = UInt64(min(max(0, gatherSeconds), PipelineConfiguration.longestStoreGather) * 1e9)
        self.body = body
    }

    /// Tells the worker one more item is on its way to `submit`: call it when the item
    /// enters the pipeline, once for each item later submitted.
    func expect() {
        state.withLock { $0.onTheirWay += 1 }
    }

    /// Hands over an item announced by `expect`, blocking while the worker holds `capacity`.
    func submit(_ item: Item) {
        slots.wait()
        let (start, wake) = state.withLock { state -> (Bool, Bool) in
            state.waiting.append(item)
            state.onTheirWay -= 1
            var wake = false
            if state.gathering, state.isReady(batch: gatherTarget) {
                state.gathering = false
                wake = true
            }
            if state.running { return (false, wake) }
            state.running = true
            return (true, wake)
        }
        if wake { arrivals.signal() }
        if start {
            queue.async { self.drain() }
        }
    }

    private func drain() {
        while true {
            gather()
            let batch = state.withLock { state -> [Item] in
                let n = min(state.waiting.count, maxBatch)
                if n == 0 {
                    state.running = false
                    return []
                }
                let batch = Array(state.waiting.prefix(n))
                state.waiting.removeFirst(n)
                return batch
            }
            if batch.isEmpty { return }
            body(batch)
            for _ in batch { slots.signal() }
        }
    }

    /// Waits until the next batch is ready (`State.isReady`) or the gather time is up.
    private func gather() {
        guard gatherNanoseconds > 0 else { return }
        let deadline = DispatchTime.now() + .nanoseconds(Int(clamping: gatherNanoseconds))
        while true {
            let wait = state.withLock { state -> Bool in
                if state.isReady(batch: gatherTarget) { return false }
                state.gathering = true
                return true
            }
            if !wait { return }
            if arrivals.wait(timeout: deadline) == .timedOut {
                let signalled = state.withLock { state -> Bool in
                    defer { state.gathering = false }
                    return !state.gathering
                }
                // A submit ended the gather as the time ran out: take its signal, so the
                // next gather does not wake for it.
                if signalled { arrivals.wait() }
                return
            }
        }
    }
}
