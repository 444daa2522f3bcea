// The CNcurses module as macOS's system curses (5.7) sees it, built on Linux's ncursesw:
// `ATTNSCOPE_LEGACY_CURSES=1 swift build --scratch-path .build-legacy` picks this module map
// (see Package.swift and docs/terminal.md). Only the colour-pair path changes: at most 256 pairs,
// init_pair, the pair in the attributes and a NULL last argument to setcchar.
#define ATTN_LEGACY_CURSES 1
#include "../CNcurses/shim.h"
