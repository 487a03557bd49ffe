import Dispatch
import Glibc

/// A repeating Dispatch timer that a `Sendable` service can own: made in `init`, armed
/// by `start` (once), stopped by `cancel`.
final class RepeatingTimer: @unchecked Sendable {
    // @unchecked: the only stored property is the Dispatch source, which is not marked
    // Sendable on Linux; it is created here and afterwards only given its handler and
    // schedule and resumed, once (`start`, by the service's `run()`), and cancelled —
    // calls Dispatch makes safe from any thread.
    private let source: any DispatchSourceTimer

    init(queue: DispatchQueue) {
        source = DispatchSource.makeTimerSource(queue: queue)
    }

    /// Runs `handler` on the queue after `delay` seconds, then every `interval` seconds.
    func start(after delay: Double, every interval: Double, leeway: DispatchTimeInterval,
               handler: @escaping @Sendable () -> Void) {
        source.setEventHandler(handler: handler)
        source.schedule(deadline: .now() + delay, repeating: interval, leeway: leeway)
        source.resume()
    }

    func cancel() {
        source.cancel()
    }
}

/// A signal delivered as a Dispatch event on a queue, with the default action turned off.
final class SignalSource: @unchecked Sendable {
    // @unchecked: as `RepeatingTimer`: the source is made and resumed here, then only
    // cancelled.
    private let source: any DispatchSourceSignal

    init(_ signo: Int32, queue: DispatchQueue, handler: @escaping @Sendable () -> Void) {
        // The default disposition must be off first, or the process would die before
        // the source sees the signal.
        signal(signo, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: signo, queue: queue)
        source.setEventHandler(handler: handler)
        source.resume()
    }

    func cancel() {
        source.cancel()
    }
}
