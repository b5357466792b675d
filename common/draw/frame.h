/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_FRAME_H
#define HEATMAP_FRAME_H

#include <stdio.h>
#include "common/draw/grid.h"
#include "common/draw/png-io.h"

/* Grids up to this order, not upscaled, are painted whole (3 MiB at most). */
#define FRAME_MAX_ORDER	10

/*
 * Write @grid (of order FRAME_MAX_ORDER at most, its size its order) as
 * raster_write_png() does, painted first into a frame.  Return 0 or
 * -errno.
 */
int frame_write_png(const struct grid *grid, FILE *fp);

/* Fill @n pixels at @p with @c. */
void frame_fill_pixels(uint8_t *p, size_t n, struct rgb c);

#endif
