import CSystemd
import Glibc

/// Tells the service manager how the daemon is doing, over the sd_notify protocol.
///
/// Without `NOTIFY_SOCKET` (a foreground run) every call is a no-op, so the daemon
/// code never asks whether it runs under systemd.
struct ServiceNotifier: Sendable {
    /// The watchdog interval systemd asked for (`WatchdogSec=`), in seconds, if any.
    let watchdogInterval: Double?

    init() {
        var usec: UInt64 = 0
        watchdogInterval = sd_watchdog_enabled(0, &usec) > 0 && usec > 0 ? Double(usec) / 1_000_000 : nil
    }

    func ready(status: String) {
        send("READY=1\nSTATUS=\(status)")
    }

    func status(_ text: String) {
        send("STATUS=\(text)")
    }

    func watchdog() {
        send("WATCHDOG=1")
    }

    func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let usec = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
        send("RELOADING=1\nMONOTONIC_USEC=\(usec)")
    }

    func stopping() {
        send("STOPPING=1")
    }

    private func send(_ state: String) {
        // One line per field; a newline inside a STATUS text would start a new field.
        _ = sd_notify(0, state)
    }
}
