/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_CURVE_H
#define HEATMAP_CURVE_H

#include <stdint.h>

/*
 * Space-filling curves over a square of 2^order by 2^order pixels, walked
 * exactly as the reference walks them.  Pixel (x, y) has y = 0 at the top.
 * hilbert starts bottom-left and goes up; linear and snake start top-left
 * and go right, snake turning back on every odd row.
 */
enum curve_type {
	CURVE_HILBERT,
	CURVE_LINEAR,
	CURVE_SNAKE,
};

/* Names as the command line spells them, NULL-terminated. */
extern const char * const curve_names[];

/* The pixel at position @d along the curve. */
void curve_d2xy(enum curve_type type, int order, uint64_t d, uint32_t *x,
		uint32_t *y);

/*
 * The Hilbert curve of order 4 and more crosses each aligned square of
 * CURVE_BLOCK_SIDE pixels in one stretch of CURVE_BLOCK_CELLS positions.
 */
#define CURVE_BLOCK_LOG		4
#define CURVE_BLOCK_SIDE	(1U << CURVE_BLOCK_LOG)
#define CURVE_BLOCK_CELLS	(CURVE_BLOCK_SIDE * CURVE_BLOCK_SIDE)

/* Where a position lies in its block, from the block's top-left pixel. */
struct curve_cell {
	uint8_t x;
	uint8_t y;
	uint8_t pattern;	/* the curve's own: its way on from there */
};

/*
 * The block at column @bx, row @by of blocks of a Hilbert curve of @order
 * (at least CURVE_BLOCK_LOG): the curve enters it at position *@first, and
 * position *@first + i lies at (*@cells)[i], i < CURVE_BLOCK_CELLS.
 */
void hilbert_block(int order, uint32_t bx, uint32_t by, uint64_t *first,
		   const struct curve_cell **cells);

/* A rectangle of pixels: columns [x, x + w), rows [y, y + h). */
struct curve_rect {
	uint32_t x;
	uint32_t y;
	uint32_t w;
	uint32_t h;
};

/*
 * Cover the pixels at positions [@start, @start + @count) with as few
 * rectangles as the curve allows (O(order) for hilbert, at most three for
 * linear and snake), calling @fn for each.  Return the first non-zero
 * value @fn returns, else 0.
 */
int curve_rects(enum curve_type type, int order, uint64_t start,
		uint64_t count,
		int (*fn)(void *ctx, const struct curve_rect *rect), void *ctx);

#endif
