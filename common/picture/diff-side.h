/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_DIFF_SIDE_H
#define HEATMAP_DIFF_SIDE_H

#include <stdbool.h>
#include <stdio.h>
#include "common/draw/png-read.h"
#include "common/picture/scan-redraw.h"
#include "common/scan.h"

/*
 * One side of a diff: a PNG, with the scan it carries when it has one, or
 * a mounted filesystem drawn now into a PNG in memory.  The pixels are
 * read twice, a row at a time: once to check the file whole and find the
 * scan after the image data, once while drawing the diff.
 */
struct diff_side {
	const char *arg;
	bool live;
	bool has_scan;
	struct scan scan;
	uint32_t width;
	uint32_t height;
	FILE *fp;
	char *mem;		/* live: the PNG drawn */
	size_t mem_len;
	struct png_reader rd;
};

/*
 * Read the PNG at the start of @fp (taken over) for @side: its size and
 * scan.  Return 0 or -errno: -EINVAL not a PNG or a damaged one, -EBADMSG
 * a scan that does not decode, -ENOTSUP one of a later format.
 */
int diff_side_load(struct diff_side *side, FILE *fp);

/*
 * Draw the mounted filesystem at @side->arg now, as @like was drawn (its
 * scan's command, scope and geometry; show's defaults when NULL) and load
 * the picture.  Print one error line on failure.  Return 0 or -errno.
 */
int diff_side_scan_live(struct diff_side *side, const struct diff_side *like);

/*
 * Draw @side's picture again from its scan, in layout @l: both sides of a
 * diff in one geometry when a device grew.  With @extent, draw into @out
 * (a fresh side) instead the raw space @side's scan had, white on black.
 * Return 0, -EBADMSG for a scan whose ranges do not fit its devices, or
 * -errno.
 */
int diff_side_redraw(struct diff_side *side, const struct scan_layout *l,
		     bool extent, struct diff_side *out);

/* Start reading the pixels again.  Return 0 or -errno. */
int diff_side_rewind(struct diff_side *side);

void diff_side_release(struct diff_side *side);

#endif
