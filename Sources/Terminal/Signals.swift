import CNcurses
import TerminalSignals

/// The process signals the explorer handles, from any source (keyboard, `kill`, a process
/// manager) at any moment:
///
/// - SIGTERM, SIGHUP, SIGINT: a termination request. The loop restores the terminal and the
///   process then dies of the same signal with its default action (`dieOf`), so the parent sees
///   "killed by SIGTERM" (a shell's `$?` is 128 + the signal number).
/// - SIGTSTP from outside: a stop request. The loop restores the terminal and stops for real
///   (`suspendSelf`), as Ctrl-Z does; after SIGCONT it redraws everything.
/// - SIGCONT, SIGWINCH: wake the loop (ncurses' own SIGWINCH handler still records the size).
/// - Fatal signals (a Swift trap is SIGILL or SIGTRAP): restore the terminal, then die of them.
///
/// The flags and handlers are C (Sources/TerminalSignals), defined once; every handler also
/// writes to a self-pipe that `Screen.nextEvent` waits on, so a signal is noticed at once even
/// while the loop waits for a key.
public enum Signals {
    /// Installs the handlers; call before curses starts so that ncurses keeps them instead of
    /// installing its own (it only replaces default dispositions).
    static func install() throws(TerminalError) {
        guard attn_signals_install(attn_restore_terminal) == 0 else { throw TerminalError.noSignalPipe }
    }

    /// After `newterm`: put the wake-up in front of ncurses' SIGWINCH handler.
    static func chainWindowChange() { attn_signals_chain_window_change() }

    /// The termination signal received (SIGTERM, SIGHUP, SIGINT), if any.
    public static var pendingTermination: Int32? {
        let sig = attn_signals_pending_termination()
        return sig == 0 ? nil : sig
    }

    /// Whether SIGCONT arrived since the last call (the screen must be redrawn).
    public static func takeContinued() -> Bool { attn_signals_take_continued() != 0 }

    /// Whether a stop (SIGTSTP) was requested since the last call: the loop should suspend.
    public static func takeStopRequest() -> Bool { attn_signals_take_stop_request() != 0 }

    /// Ends the process by `signal` with its default action; the terminal must be restored first.
    public static func dieOf(_ signal: Int32) -> Never { attn_signals_die_of(signal) }

    /// The descriptor that becomes readable when a handled signal arrives.
    static var wakeDescriptor: Int32 { attn_signals_wake_descriptor() }

    /// Empties the wake-up pipe once the loop has looked at the flags.
    static func drainWakeups() { attn_signals_drain() }

    /// Stops the process as Ctrl-Z would (the caller must have left curses mode).
    static func suspendSelf() { attn_signals_suspend_self() }
}
