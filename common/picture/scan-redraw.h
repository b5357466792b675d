/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_SCAN_REDRAW_H
#define HEATMAP_SCAN_REDRAW_H

#include <stdint.h>
#include "common/draw/grid.h"
#include "common/scan.h"

/*
 * One geometry for two show scans of one filesystem whose devices differ
 * (a device grew, shrank, was added or removed): every device drawn by
 * either at the larger of its two sizes, in drawing order, on the curve,
 * order and size of the newer scan.
 */
struct scan_layout {
	enum scan_kind kind;
	uint8_t curve;
	uint8_t order;
	uint8_t size;
	uint64_t total_bytes;
	uint32_t nr;
	uint64_t *devids;
	uint64_t *bytes;	/* on the curve */
	uint64_t *offset;	/* where on the curve */
};

/*
 * Lay out @old and @new (show scans of one kind and scope) together.
 * Return 0, -EINVAL when they do not lay out together (other kinds,
 * scopes that differ), -ENOMEM.
 */
int scan_layout_union(const struct scan *old, const struct scan *new,
		      struct scan_layout *l);

void scan_layout_release(struct scan_layout *l);

/*
 * Draw @scan's ranges into @grid (set up here) as show drew them, each
 * device where @l puts it.  With @extent, draw instead the raw space the
 * scan had, allocated or not, at full brightness: black is then space it
 * did not have.  Return 0, -EBADMSG for a range outside its scan's
 * devices, -EINVAL, -ENOMEM.
 */
int scan_redraw(const struct scan *scan, const struct scan_layout *l,
		bool extent, struct grid *grid);

#endif
