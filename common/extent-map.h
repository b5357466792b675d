/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_EXTENT_MAP_H
#define HEATMAP_EXTENT_MAP_H

#include <stdbool.h>
#include "common/grid.h"
#include "common/items.h"
#include "common/open-utils.h"

/* How to draw the inside of block groups. */
struct extent_map_options {
	enum curve_type curve;
	int order;		/* -1: choose */
	int size;		/* -1: choose */
	bool summary;		/* at -v, one summary line per block group */
};

/*
 * Draw every extent of the block groups @bgs, one after another in the
 * order given, into @grid, as the reference's walk_extents() does: data
 * white, tree blocks in the colour of their tree, all at full brightness,
 * about a sector a pixel.  Print its "scope block_group ..." and "grid ..."
 * lines, its -v lines (each block group, each extent) and, with
 * @opts->summary, after the grid line one line per block group:
 *
 *   block_group VADDR type DATA profile RAID1 length 1.00GiB used 150.00MiB used_pct 14.65
 *
 * Return 0 or -errno: -EDOM when the given size is smaller than the given
 * order, -EUCLEAN for an extent item too short to be one.
 */
int extent_map_draw(const struct btrfs_fs *fs,
		    const struct block_group_info *bgs, int nr,
		    const struct extent_map_options *opts, struct grid *grid);

#endif
