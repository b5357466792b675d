/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_STRIP_H
#define HEATMAP_STRIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "common/draw/grid.h"
#include "common/draw/png-io.h"

/*
 * Whether strip_write_png() draws @grid: of order 12 at most (4096 cells
 * square), its runs following each other along the curve.
 */
bool strip_can_paint(const struct grid *grid);

/*
 * Write @grid as raster_write_png() does, painted a strip of rows at a
 * time straight from its runs.  Return 0 or -errno.
 */
int strip_write_png(const struct grid *grid, FILE *fp);

#endif
