/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PICTURE_H
#define HEATMAP_PICTURE_H

#include <stdbool.h>
#include <stdint.h>
#include "common/btrfs/bg-select.h"
#include "common/draw/grid.h"
#include "common/btrfs/open-utils.h"
#include "common/picture/picture-options.h"
#include "common/picture/reference-lines.h"
#include "common/picture/space-map.h"
#include "common/scan.h"

/*
 * The picture layer, read top to bottom in each command:
 *
 *	if (picture_begin(&pic, path, &po))
 *		return 1;
 *	err = picture_draw_filesystem(&pic, ..., &grid);	(or another)
 *	return picture_finish(&pic, err, &grid, "_chunks");
 *
 * The drawing records what it draws into the picture's scan, which
 * picture_finish() writes into the picture (clear with_scan after
 * picture_begin() for a bare picture).
 */
struct picture {
	const char *path;
	const struct picture_options *po;
	struct btrfs_fs fs;
	struct ref_lines lines;		/* what the drawing prints */
	bool with_scan;			/* record the scan (the default) */
	bool has_scan;			/* @scan holds what was drawn */
	struct scan scan;
};

/*
 * Set the verbosity, catch SIGINT and SIGTERM, open the filesystem at
 * @path and commit it first with --sync.  Return 0, or 1 after printing
 * the one error line.
 */
int picture_begin(struct picture *pic, const char *path,
		  const struct picture_options *po);

/*
 * Draw the raw space of the devices (show, the reference's overview):
 * all devices or the @nr_devids @devids, in @sort order.  Return 0 or
 * -errno after printing the one error line (none after a signal).
 */
int picture_draw_filesystem(struct picture *pic, enum space_map_sort sort,
			    const uint64_t *devids, int nr_devids,
			    struct grid *grid);

/*
 * Draw the extents of the block groups @sel chooses (bg, the reference's
 * --blockgroup); @summary adds a line per block group at -v.  Write the
 * end of the automatic file name that says which ones into @suffix.
 * Return 0 or -errno after printing the one error line.
 */
int picture_draw_block_groups(struct picture *pic,
			      const struct bg_selection *sel, bool summary,
			      struct grid *grid, char *suffix, size_t len);

/*
 * Print the one error line for drawing @path that failed with @err: the
 * size and order of @po for -EDOM, nothing for -EINTR (a signal); what
 * @fs knows of its failure when it is an image.
 */
void picture_report_error(const struct btrfs_fs *fs, const char *path,
			  int err, const struct picture_options *po);

/*
 * After the drawing returned @err: when it failed, only close the
 * filesystem; else attach the scan the drawing recorded, name the picture "fsid_<uuid>[_<curve>]@name_suffix"
 * unless --output names it, close the filesystem and write @grid there,
 * whole or not at all; with --format json, then print the picture's JSON
 * document (picture-json.h).  Return the exit status: 0, 1 after one error
 * line, 128 + signal after SIGINT/SIGTERM.
 */
int picture_finish(struct picture *pic, int err, struct grid *grid,
		   const char *name_suffix);

/*
 * Print the reference's "pngfile PATH" line through @lines, finish
 * @grid's last pixel (in that order, as the reference prints them) and
 * write it to @path ("-" for standard output) whole or not at all.  On
 * failure print one error line and return -errno.
 */
int picture_save(struct grid *grid, const char *path,
		 const struct ref_lines *lines);

#endif
