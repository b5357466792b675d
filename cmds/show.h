/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_CMDS_SHOW_H
#define HEATMAP_CMDS_SHOW_H

#include "common/picture-options.h"
#include "common/space-map.h"

/*
 * Draw the whole filesystem at @path and write the picture: the work of
 * "show" and of the reference command line.  Return the exit status.
 */
int show_filesystem(const char *path, const struct picture_options *po,
		    enum space_map_sort sort, const uint64_t *devids,
		    int nr_devids);

#endif
