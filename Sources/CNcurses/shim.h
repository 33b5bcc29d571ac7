#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/ncurses.h>

/* ncurses keeps its screen, colour counts and the standard streams in C globals, which Swift 6
   will not read unguarded; these accessors read them on the one thread that draws. */
static inline WINDOW *aelab_stdscr(void) { return stdscr; }
static inline int aelab_colors(void) { return COLORS; }
static inline int aelab_color_pairs(void) { return COLOR_PAIRS; }
static inline SCREEN *aelab_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline attr_t aelab_reverse(void) { return A_REVERSE; }
