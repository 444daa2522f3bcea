// The one definition of the explorer's signal flags and handlers (see TerminalSignals.h).
#include "TerminalSignals.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t termination_signal = 0;
static volatile sig_atomic_t stop_requested = 0;
static volatile sig_atomic_t continued = 0;
static volatile sig_atomic_t restoring = 0;
static int wake_pipe[2] = { -1, -1 };
static void (*restore_terminal)(void) = NULL;

/// One byte into the self-pipe; a full pipe already wakes the loop, so EAGAIN is fine.
static void wake(void) {
    int saved = errno;
    if (wake_pipe[1] >= 0) {
        char byte = 1;
        ssize_t ignored = write(wake_pipe[1], &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

static void on_termination(int sig) {
    if (termination_signal == 0) termination_signal = sig;
    wake();
}

static void on_stop(int sig) {
    (void)sig;
    stop_requested = 1;
    wake();
}

static void on_continue(int sig) {
    (void)sig;
    continued = 1;
    wake();
}

/// SIGWINCH keeps ncurses' own handler (it records the new size); this one only wakes the loop.
static struct sigaction curses_winch;
static void on_window_change(int sig) {
    if (curses_winch.sa_handler != SIG_DFL && curses_winch.sa_handler != SIG_IGN && curses_winch.sa_handler != NULL) {
        curses_winch.sa_handler(sig);
    }
    wake();
}

/// A crash must not leave the terminal in raw mode. Restoring is not async-signal-safe, but the
/// process is dying anyway: the alternative is a terminal the user has to `reset` by hand.
static void on_fatal(int sig) {
    if (!restoring && restore_terminal != NULL) {
        restoring = 1;
        restore_terminal();
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void set_handler(int sig, void (*handler)(int), int flags, struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags;
    sigaction(sig, &action, previous);
}

static int make_pipe(void) {
    if (wake_pipe[0] >= 0) return 0;
    int ends[2];
    if (pipe(ends) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        int flags = fcntl(ends[i], F_GETFL);
        if (flags < 0 || fcntl(ends[i], F_SETFL, flags | O_NONBLOCK) != 0 || fcntl(ends[i], F_SETFD, FD_CLOEXEC) != 0) {
            close(ends[0]);
            close(ends[1]);
            return -1;
        }
    }
    wake_pipe[0] = ends[0];
    wake_pipe[1] = ends[1];
    return 0;
}

static void restore_at_exit(void) {
    if (restore_terminal != NULL) restore_terminal();
}

int attn_signals_install(void (*restore)(void)) {
    if (make_pipe() != 0) return -1;
    static int registered = 0;
    restore_terminal = restore;
    if (!registered) {
        atexit(restore_at_exit);
        registered = 1;
    }
    // SA_RESTART everywhere: the self-pipe, not EINTR, is what wakes the loop, and reads and
    // writes elsewhere (a session file, the recording) must not fail because a signal came.
    set_handler(SIGTERM, on_termination, SA_RESTART, NULL);
    set_handler(SIGHUP, on_termination, SA_RESTART, NULL);
    set_handler(SIGINT, on_termination, SA_RESTART, NULL);
    set_handler(SIGTSTP, on_stop, SA_RESTART, NULL);
    set_handler(SIGCONT, on_continue, SA_RESTART, NULL);
    const int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT };
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) set_handler(fatal[i], on_fatal, SA_RESETHAND, NULL);
    return 0;
}

void attn_signals_chain_window_change(void) {
    struct sigaction current;
    if (sigaction(SIGWINCH, NULL, &current) != 0 || current.sa_handler == on_window_change) return;
    if (current.sa_flags & SA_SIGINFO) return;  // not a plain handler: leave it alone
    curses_winch = current;
    set_handler(SIGWINCH, on_window_change, SA_RESTART, NULL);
}

int attn_signals_wake_descriptor(void) { return wake_pipe[0]; }

void attn_signals_drain(void) {
    if (wake_pipe[0] < 0) return;
    char buffer[64];
    while (read(wake_pipe[0], buffer, sizeof buffer) > 0) {}
}

int attn_signals_pending_termination(void) { return termination_signal; }

int attn_signals_take_stop_request(void) {
    int requested = stop_requested;
    stop_requested = 0;
    return requested;
}

int attn_signals_take_continued(void) {
    int value = continued;
    continued = 0;
    return value;
}

void attn_signals_suspend_self(void) {
    struct sigaction previous;
    set_handler(SIGTSTP, SIG_DFL, 0, &previous);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &set, &old);
    raise(SIGTSTP);  // stops here until SIGCONT
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    sigaction(SIGTSTP, &previous, NULL);
    stop_requested = 0;
}

_Noreturn void attn_signals_die_of(int sig) {
    fflush(NULL);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}
