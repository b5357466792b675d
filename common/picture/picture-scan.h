/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PICTURE_SCAN_H
#define HEATMAP_PICTURE_SCAN_H

#include "common/draw/grid.h"
#include "common/btrfs/block-group-items.h"
#include "common/btrfs/open-utils.h"
#include "common/scan.h"
#include "common/picture/space-map.h"

/*
 * Draw @fs as space_map_draw() does, recording into @scan (initialised
 * here, released on failure) what is drawn and the options that chose it.
 */
int space_map_draw_scan(const struct btrfs_fs *fs,
			const struct space_map_options *opts,
			struct grid *grid, const uint64_t **missing_devid,
			struct scan *scan);

/*
 * Record in @scan (initialised here) the block groups @bgs that bg drew
 * into @grid, chosen by the options @scope, and the devices of @fs.
 * Return 0 or -errno, with @scan released.
 */
int scan_block_groups(const struct btrfs_fs *fs,
		      const struct block_group_info *bgs, int nr,
		      const struct grid *grid, const char *scope,
		      struct scan *scan);

/*
 * Encode @scan into @grid, whose picture then carries it in its scAN
 * chunk: on a thread of its own (scan-job.h) while the picture is painted,
 * an error of encoding it comes from writing the picture.  @scan is left
 * released.  Return 0 or -ENOMEM.
 */
int picture_attach_scan(struct grid *grid, struct scan *scan);

#endif
