/// The explorer's process signals, kept in one C file so that every part of the program sees the
/// same flags (a `static` variable in a header gives each translation unit its own copy).
///
/// The handlers are async-signal-safe: they store a `volatile sig_atomic_t` and write one byte to a
/// non-blocking self-pipe, nothing else. The main loop waits on the pipe's read end together with
/// the terminal, so a signal wakes it at once whichever thread the kernel delivered it to.
#ifndef ATTNSCOPE_TERMINAL_SIGNALS_H
#define ATTNSCOPE_TERMINAL_SIGNALS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Installs the handlers for SIGTERM, SIGHUP, SIGINT (termination requests), SIGTSTP (a stop
/// request), SIGCONT and SIGWINCH (wake-ups), and the fatal signals (SIGSEGV, SIGBUS, SIGILL,
/// SIGTRAP, SIGFPE, SIGABRT: `restore` runs, then the process dies of the same signal).
/// `restore` is also registered with atexit. Call once, before curses starts; returns 0, or -1
/// when the self-pipe cannot be made (errno says why).
int attn_signals_install(void (*restore)(void));

/// Puts a handler in front of the current SIGWINCH handler (ncurses' own, installed by `newterm`)
/// that calls it and then wakes the loop, so a resize is noticed while the loop waits on the pipe.
void attn_signals_chain_window_change(void);

/// The read end of the self-pipe (-1 before `attn_signals_install`): readable after any handled signal.
int attn_signals_wake_descriptor(void);

/// Empties the self-pipe (the flags stay as they are).
void attn_signals_drain(void);

/// The first termination signal received (SIGTERM, SIGHUP or SIGINT), or 0.
int attn_signals_pending_termination(void);

/// Whether a stop (SIGTSTP) was requested since the last call.
int attn_signals_take_stop_request(void);

/// Whether SIGCONT arrived since the last call.
int attn_signals_take_continued(void);

/// Stops the process with SIGTSTP's default action (the caller has restored the terminal), and
/// catches stop requests again once continued. Stop requests that arrived meanwhile are dropped.
void attn_signals_suspend_self(void);

/// Ends the process by `sig` with its default action (the caller has restored the terminal), so
/// that the parent sees it killed by that signal; exits with 128 + `sig` if the signal did not end it.
_Noreturn void attn_signals_die_of(int sig);

#ifdef __cplusplus
}
#endif

#endif
