#ifndef ATTNSCOPE_NCURSES_SHIM_H
#define ATTNSCOPE_NCURSES_SHIM_H
// Wide-character ncurses: these must precede the include or cchar_t and friends are missing.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
// Linux and Homebrew (through pkg-config) have <ncursesw/curses.h>; macOS's SDK has only <curses.h>.
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>

// Swift 6 rejects ncurses' mutable globals as not concurrency-safe; read them through functions.
static inline int attn_colors(void) { return COLORS; }
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
// Mouse version 1 (macOS's 5.7) has no button 5: ncurses reports a wheel-down there as bare
// REPORT_MOUSE_POSITION, the same as a motion, so it cannot be told apart; 0 matches nothing.
#ifdef BUTTON5_PRESSED
static inline mmask_t attn_button5_pressed(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t attn_button5_pressed(void) { return 0; }
#endif

// Colour pairs. ncurses ≥ 6.1 with extended colours holds pairs as ints: init_extended_pair, and
// setcchar's last argument carries the int pair. Older APIs (macOS's 5.7, 6.0, or this build with
// ATTN_LEGACY_CURSES, see Sources/CNcursesLegacy) have short pairs kept in the attribute's 8
// colour bits: at most 256, set with init_pair, with COLOR_PAIR(n) in the attributes and a NULL
// last argument (5.7's setcchar fails on anything else, leaving the cell blank).
#if !defined(ATTN_LEGACY_CURSES) && defined(NCURSES_EXT_COLORS) && NCURSES_EXT_COLORS \
    && (NCURSES_VERSION_MAJOR > 6 || (NCURSES_VERSION_MAJOR == 6 && NCURSES_VERSION_MINOR >= 1))
#define ATTN_EXTENDED_PAIRS 1
#else
#define ATTN_EXTENDED_PAIRS 0
#endif

// The pairs this API can address: COLOR_PAIRS, and never more than 256 on the legacy API
// (a larger number would wrap in the attribute bits and pick up stray attributes).
static inline int attn_pair_limit(void) {
    int pairs = COLOR_PAIRS;
    if (!ATTN_EXTENDED_PAIRS && pairs > 256) pairs = 256;
    return pairs;
}

// Defines pair `pair` (1 ..< attn_pair_limit()) as `foreground` on `background` (-1: default).
static inline int attn_init_pair(int pair, int foreground, int background) {
#if ATTN_EXTENDED_PAIRS
    return init_extended_pair(pair, foreground, background);
#else
    if (pair < 0 || pair >= attn_pair_limit() || foreground > 32767 || background > 32767) return ERR;
    return init_pair((short)pair, (short)foreground, (short)background);
#endif
}

// Fills `cell` with up to CCHARW_MAX-1 characters (NUL-terminated) drawn with `attributes` in `pair`.
static inline int attn_setcchar(cchar_t *cell, const wchar_t *characters, attr_t attributes, int pair) {
#if ATTN_EXTENDED_PAIRS
    return setcchar(cell, characters, attributes, 0, &pair);
#else
    return setcchar(cell, characters, attributes | COLOR_PAIR(pair), (short)pair, NULL);
#endif
}

// The C library's stdin/stdout are mutable globals too.
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

// The terminal restored from an exit handler or a fatal signal (idempotent).
static inline void attn_restore_terminal(void) { if (!isendwin()) endwin(); }

#endif
