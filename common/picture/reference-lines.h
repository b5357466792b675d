/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_REFERENCE_LINES_H
#define HEATMAP_REFERENCE_LINES_H

#include "common/picture/draw-trace.h"

/*
 * The output lines of btrfs-heatmap 9, word for word, and ours beside
 * them: the one place that prints what a drawing does.  The drawing
 * layers tell it through @trace; it prints at the reference's levels
 * (scope, grid and pngfile by default, block groups, chunks, device
 * extents and extents at -v, pixels at -vv and -vvv), each @shift levels
 * higher (the frames of balance-least-used print show's lines at -v).
 */
struct ref_lines {
	int shift;
	struct draw_trace trace;
};

/*
 * Set up @rl for the verbosity now in force: with no pixel trace at all
 * below -vv, so that drawing pays nothing for it.
 */
void ref_lines_init(struct ref_lines *rl, int shift);

/* The reference's "pngfile PATH" line. */
void ref_lines_pngfile(const struct ref_lines *rl, const char *path);

#endif
