/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PICTURE_H
#define HEATMAP_PICTURE_H

#include "common/grid.h"

/*
 * Print the reference's "pngfile PATH" line, finish @grid's last pixel (in
 * that order, as the reference prints them) and write it to @path ("-" for
 * standard output) whole or not at all.  On failure print one error line
 * and return -errno.
 */
int picture_save(struct grid *grid, const char *path);

/* Commit the filesystem at @path (libbtrfsutil).  Return 0 or -errno. */
int picture_sync_fs(const char *path);

#endif
