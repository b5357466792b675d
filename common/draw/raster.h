/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_RASTER_H
#define HEATMAP_RASTER_H

#include <stdio.h>
#include "common/draw/grid.h"

/*
 * Write the finished @grid as a PNG of 2^size by 2^size pixels to @fp,
 * each grid pixel scaled up to a square of 2^(size - order).  Grids of
 * up to 1024 by 1024 pixels, not upscaled, are painted whole first
 * (frame.h); for the others rows are made one at a time from the grid's runs, so memory stays
 * at one row of the picture plus the runs.  Return 0 or -errno.
 */
int raster_write_png(const struct grid *grid, FILE *fp);

#endif
