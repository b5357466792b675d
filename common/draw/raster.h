/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_RASTER_H
#define HEATMAP_RASTER_H

#include <stdio.h>
#include "common/draw/grid.h"

/*
 * Write the finished @grid as a PNG of 2^size by 2^size pixels to @fp,
 * each grid pixel scaled up to a square of 2^(size - order).  Grids of up
 * to 4096 cells square are painted a strip of rows at a time (strip.h);
 * larger ones from rectangles of the runs, a row at a time.
 * Memory stays at a strip or a row of the picture plus the runs.  Return 0
 * or -errno.
 */
int raster_write_png(const struct grid *grid, FILE *fp);

#endif
