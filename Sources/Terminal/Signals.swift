import CNcurses

/// The process signals the explorer handles: termination requests become a flag the loop polls,
/// fatal signals restore the terminal first, a stop request suspends like Ctrl-Z, SIGCONT asks
/// for a redraw.
///
/// The flags live in static C variables of the shim; every access stays in this one file because
/// each Swift file's object may get its own copy of a header's static data.
public enum Signals {
    /// Installs the handlers; call before curses starts so ncurses keeps them.
    public static func install() {
        attn_install_termination_handlers()
        attn_install_continue_handler()
        // Installed before curses starts, so ncurses leaves SIGTSTP to us (its own handler
        // sometimes lost a stop arriving mid-update).
        attn_install_stop_handler()
        attn_install_crash_handlers()
        attn_register_atexit()
    }

    /// The termination signal received (SIGTERM, SIGHUP, SIGINT), if any.
    public static var pendingTermination: Int32? {
        let sig = attn_pending_termination_signal()
        return sig == 0 ? nil : sig
    }

    /// Whether SIGCONT arrived since the last call (the screen must be redrawn).
    public static func takeContinued() -> Bool { attn_take_continued() != 0 }

    /// Whether a stop (SIGTSTP) was requested since the last call: the loop should suspend.
    public static func takeStopRequest() -> Bool { attn_take_stop_request() != 0 }

    /// Stops the process as Ctrl-Z would (the caller must have left curses mode).
    static func suspendSelf() { attn_suspend_self() }
}
