#ifndef ATTNSCOPE_NCURSES_SHIM_H
#define ATTNSCOPE_NCURSES_SHIM_H
// Wide-character ncurses: these must precede the include or cchar_t and friends are missing.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>

// Swift 6 rejects ncurses' mutable globals as not concurrency-safe; read them through functions.
static inline int attn_lines(void) { return LINES; }
static inline int attn_cols(void) { return COLS; }
static inline int attn_colors(void) { return COLORS; }
static inline int attn_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *attn_stdscr(void) { return stdscr; }

// Attribute and mouse masks are macros Swift cannot import.
static inline attr_t attn_a_bold(void) { return A_BOLD; }
static inline attr_t attn_a_dim(void) { return A_DIM; }
static inline attr_t attn_a_reverse(void) { return A_REVERSE; }
static inline attr_t attn_a_underline(void) { return A_UNDERLINE; }
static inline mmask_t attn_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t attn_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t attn_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t attn_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t attn_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t attn_button4_released(void) { return BUTTON4_RELEASED; }
static inline mmask_t attn_button5_released(void) { return BUTTON5_RELEASED; }
static inline mmask_t attn_button1_released(void) { return BUTTON1_RELEASED; }

// Glibc's stdin/stdout are mutable globals too.
static inline FILE *attn_stdout(void) { return stdout; }
static inline FILE *attn_stdin(void) { return stdin; }

// Whether the current terminal can address the cursor (TERM=dumb cannot).
static inline int attn_has_cursor_addressing(void) {
    const char *cup = tigetstr("cup");
    return cup != NULL && cup != (const char *)-1;
}

// Whether the terminal has an alternate screen (vt100 has none: the last frame would stay).
static inline int attn_has_alternate_screen(void) {
    const char *smcup = tigetstr("smcup");
    return smcup != NULL && smcup != (const char *)-1 && smcup[0] != 0;
}

// A fatal signal (a Swift trap is SIGILL/SIGTRAP) must not leave the terminal in raw mode:
// restore it, then die of the same signal with the default action.
static inline void attn_crash_handler(int sig) {
    if (!isendwin()) endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}
static inline void attn_install_crash_handlers(void) {
    int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], attn_crash_handler);
}

// atexit: covers exits that bypass the normal teardown.
static inline void attn_endwin_at_exit(void) { if (!isendwin()) endwin(); }
static inline void attn_register_atexit(void) { atexit(attn_endwin_at_exit); }

// Sets `handler` for `sig` with an empty mask; `flags` is 0 or SA_RESTART. Returns the previous action.
static inline struct sigaction attn_set_handler(int sig, void (*handler)(int), int flags) {
    struct sigaction sa, previous;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = flags;
    sigaction(sig, &sa, &previous);
    return previous;
}

// Termination requests (SIGTERM, SIGHUP, SIGINT) only set a flag; the main loop exits cleanly.
static volatile sig_atomic_t attn_termination_signal = 0;
static inline void attn_termination_handler(int sig) { attn_termination_signal = sig; }
static inline void attn_install_termination_handlers(void) {
    attn_set_handler(SIGTERM, attn_termination_handler, 0);
    attn_set_handler(SIGHUP, attn_termination_handler, 0);
    attn_set_handler(SIGINT, attn_termination_handler, 0);
}
static inline int attn_pending_termination_signal(void) { return attn_termination_signal; }

// SIGCONT after a suspension: the loop redraws everything.
static volatile sig_atomic_t attn_continued = 0;
static inline void attn_continue_handler(int sig) { (void)sig; attn_continued = 1; }
static inline void attn_install_continue_handler(void) { attn_set_handler(SIGCONT, attn_continue_handler, SA_RESTART); }
static inline int attn_take_continued(void) { int c = attn_continued; attn_continued = 0; return c; }

// A stop request (SIGTSTP from outside, e.g. `kill -TSTP`) only sets a flag: the loop then
// suspends the way Ctrl-Z does, with the terminal restored first. ncurses' own SIGTSTP handler
// is not relied on: a stop arriving mid-update was sometimes lost.
static volatile sig_atomic_t attn_stop_requested = 0;
static inline void attn_stop_handler(int sig) { (void)sig; attn_stop_requested = 1; }
static inline void attn_install_stop_handler(void) { attn_set_handler(SIGTSTP, attn_stop_handler, SA_RESTART); }
static inline int attn_take_stop_request(void) { int s = attn_stop_requested; attn_stop_requested = 0; return s; }

// Suspend (Ctrl-Z arrives as key 26 in raw mode, or a stop request): the caller has called
// endwin. Stops with the default action, and catches stop requests again once continued.
static inline void attn_suspend_self(void) {
    struct sigaction previous = attn_set_handler(SIGTSTP, SIG_DFL, 0);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &set, &old);
    raise(SIGTSTP);
    sigprocmask(SIG_SETMASK, &old, NULL);
    sigaction(SIGTSTP, &previous, NULL);
    attn_stop_requested = 0;
}

#endif
