#ifndef ATTNSCOPE_NCURSES_SHIM_H
#define ATTNSCOPE_NCURSES_SHIM_H
// Wide-character ncurses: these must precede the include or cchar_t and friends are missing.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>

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

#endif
