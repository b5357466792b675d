/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PICTURE_RUN_H
#define HEATMAP_PICTURE_RUN_H

#include <stddef.h>
#include "common/grid.h"
#include "common/open-utils.h"
#include "common/picture-options.h"

/*
 * Draw @fs into @grid.  Return 0, or -errno after printing the one error
 * line (none after SIGINT/SIGTERM), with @grid released.
 */
typedef int (*picture_draw_fn)(void *ctx, const struct btrfs_fs *fs,
			       struct grid *grid);

/*
 * After a drawing, write what follows "fsid_<uuid>[_<curve>]" in the
 * automatic file name ("_chunks", "_blockgroup_<vaddr>", "").
 */
typedef void (*picture_name_fn)(void *ctx, char *buf, size_t len);

/*
 * The work of show and bg: open the filesystem at @path, commit it first
 * with --sync, @draw it and write the picture where @po->output says, under
 * the reference's automatic name that @name_suffix ends when it gives none.
 * @ctx goes to both.  Return the exit status: 0, 1 after printing one error
 * line, 128 + signal after SIGINT/SIGTERM.
 */
int picture_run(const char *path, const struct picture_options *po,
		picture_draw_fn draw, picture_name_fn name_suffix, void *ctx);

/*
 * Print the error line for drawing the filesystem at @path that failed
 * with @err: the size and order of @po for -EDOM, nothing for -EINTR (a
 * signal), else what btrfs_fs_report_error() says; an -ENOENT is the
 * trees', not the path's, which is open already.
 */
void picture_report_error(const struct btrfs_fs *fs, const char *path,
			  int err, const struct picture_options *po);

#endif
