/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_EXTENT_MAP_H
#define HEATMAP_EXTENT_MAP_H

#include <stdbool.h>
#include "common/btrfs/block-group-items.h"
#include "common/picture/draw-trace.h"
#include "common/draw/grid.h"
#include "common/btrfs/open-utils.h"

/* How to draw the inside of block groups. */
struct extent_map_options {
	enum curve_type curve;
	int order;		/* -1: choose */
	int size;		/* -1: choose */
	bool summary;		/* tell of the block groups before drawing */
	const struct draw_trace *trace;	/* NULL: tell nothing */
};

/*
 * Draw every extent of the block groups @bgs, one after another in the
 * order given, into @grid, as the reference's walk_extents() does: data
 * white, tree blocks in the colour of their tree, all at full brightness,
 * about a sector a pixel, telling @opts->trace of the scope, the grid,
 * each block group and each extent, and with @opts->summary of all the
 * block groups after the grid.
 *
 * Return 0 or -errno: -EDOM when the given size is smaller than the given
 * order, -EUCLEAN for an extent item too short to be one.
 */
int extent_map_draw(const struct btrfs_fs *fs,
		    const struct block_group_info *bgs, int nr,
		    const struct extent_map_options *opts, struct grid *grid);

#endif
