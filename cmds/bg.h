/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_CMDS_BG_H
#define HEATMAP_CMDS_BG_H

#include <stdbool.h>
#include "common/bg-select.h"
#include "common/picture-options.h"

/*
 * Draw the extents of the block groups of the filesystem at @path that
 * @sel chooses and write the picture: the work of "bg" and of the
 * reference's --blockgroup.  @summary adds a line per block group at -v.
 * Return the exit status.
 */
int show_block_groups(const char *path, const struct picture_options *po,
		      const struct bg_selection *sel, bool summary);

#endif
