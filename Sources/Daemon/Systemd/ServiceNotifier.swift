import CSystemd
import Dispatch
import Glibc
import Synchronization

/// Tells the service manager how the daemon is doing, over the sd_notify protocol.
///
/// Without `NOTIFY_SOCKET` (a foreground run) every call is a no-op, so the daemon
/// code never asks whether it runs under systemd. Messages go out on a queue of their
/// own: `sd_notify` blocks while the manager's socket is full, and a manager that stops
/// reading must never stall the daemon's signal handling. While a message is still on
/// its way, further STATUS and WATCHDOG messages are dropped (the next ones say the same,
/// newer); READY, RELOADING and STOPPING always go.
final class ServiceNotifier: Sendable {
    /// The watchdog interval systemd asked for (`WatchdogSec=`), in seconds, if any.
    let watchdogInterval: Double?
    private let queue = DispatchQueue(label: "gleaner.notify")
    private let inFlight = Atomic<Int>(0)

    init() {
        var usec: UInt64 = 0
        watchdogInterval = sd_watchdog_enabled(0, &usec) > 0 && usec > 0 ? Double(usec) / 1_000_000 : nil
    }

    func ready(status: String) {
        send("READY=1\nSTATUS=\(status)", droppable: false)
    }

    func status(_ text: String) {
        send("STATUS=\(text)", droppable: true)
    }

    func watchdog() {
        send("WATCHDOG=1", droppable: true)
    }

    func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let usec = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
        send("RELOADING=1\nMONOTONIC_USEC=\(usec)", droppable: false)
    }

    func stopping() {
        send("STOPPING=1", droppable: false)
    }

    private func send(_ state: String, droppable: Bool) {
        if droppable, inFlight.load(ordering: .acquiring) > 0 { return }
        inFlight.add(1, ordering: .acquiringAndReleasing)
        queue.async { [self] in
            // One line per field: a newline inside a STATUS text would start a new field.
            _ = sd_notify(0, state)
            inFlight.subtract(1, ordering: .acquiringAndReleasing)
        }
    }
}
