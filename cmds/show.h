/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_CMDS_SHOW_H
#define HEATMAP_CMDS_SHOW_H

#include <stdbool.h>
#include "common/picture-options.h"
#include "common/space-map.h"

/*
 * Draw the whole filesystem at @path and write the picture: the work of
 * "show" and of the reference command line, carrying the scan it was
 * drawn from unless @with_scan is false.  Return the exit status.
 */
int show_filesystem(const char *path, const struct picture_options *po,
		    enum space_map_sort sort, const uint64_t *devids,
		    int nr_devids, bool with_scan);

#endif
