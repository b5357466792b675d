/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_SPACE_MAP_H
#define HEATMAP_SPACE_MAP_H

#include <stdint.h>
#include "common/grid.h"
#include "common/open-utils.h"
#include "common/scan.h"

enum space_map_sort {
	SORT_PHYSICAL,	/* device extents in device order */
	SORT_VIRTUAL,	/* chunks in address order */
};

extern const char * const space_map_sort_names[];

/* What to draw of a whole filesystem, as the show options give it. */
struct space_map_options {
	enum space_map_sort sort;
	enum curve_type curve;
	int order;		/* -1: choose */
	int size;		/* -1: choose */
	const uint64_t *devids;	/* NULL: all devices, in devid order */
	int nr_devids;
	struct scan *scan;	/* records what is drawn, when not NULL */
};

/* Bytes per pixel the automatic order aims at for a whole filesystem. */
#define SPACE_MAP_GRANULARITY	(32ULL * 1024 * 1024)

/*
 * Draw the raw space of the devices of @fs into @grid, as the reference's
 * walk_dev_extents() (physical) or walk_chunks() (virtual) does, printing
 * its "scope" and "grid" lines.  Return 0 or -errno: -EDOM when the given
 * size is smaller than the given order.  *@missing_devid points at the
 * entry of @opts->devids that is not in the filesystem when that made it
 * fail, else it is NULL: an -ENODEV from reading the trees is no device
 * filter's fault.
 */
int space_map_draw(const struct btrfs_fs *fs,
		   const struct space_map_options *opts, struct grid *grid,
		   const uint64_t **missing_devid);

#endif
