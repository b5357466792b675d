// SPDX-License-Identifier: MIT
/*
 * A picture of a grid of up to 4096 cells square is painted a strip of
 * STRIP_ROWS grid rows at a time, straight from the grid's runs, as the
 * encoder asks for its rows: painting goes on while the workers deflate
 * the bands before, and memory is one strip of the grid (48 KiB at 1024
 * cells), whatever the picture's size.  An upscaled picture's row is its
 * grid row widened, made once for each grid row that is not the same as
 * the one above; the other rows of a cell's square repeat it.
 *
 * The Hilbert curve crosses each block of 16 by 16 cells in one stretch
 * of 256 positions (hilbert_block()), so a block is painted by walking
 * those positions along the runs: a few instructions a cell, and a plain
 * fill where one run or free space covers the whole block.  A row of the
 * linear and snake curves is one stretch of positions too.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "common/draw/strip.h"
#include "common/signals.h"

#define STRIP_ROWS	CURVE_BLOCK_SIDE
/*
 * Above 4096 cells most rows are the same as the one above, which the
 * raster's rectangles know without painting or comparing them: there the
 * strip costs more (--order 13: 0.28 s of processor against 0.26).
 */
#define STRIP_MAX_ORDER	12

struct strip {
	const struct grid *grid;
	uint32_t width;		/* of the grid, in cells */
	uint32_t rows;		/* grid rows of a strip */
	size_t stride;		/* bytes of a grid row */
	uint8_t *above;		/* the grid row above the strip, then the strip */
	uint8_t *pixels;	/* the strip: above + stride */
	uint32_t scale;		/* picture pixels a cell, across and down */
	uint32_t y;		/* picture rows handed out */
};

/* The first run that ends after position @d (nr_runs if none). */
static size_t run_after(const struct grid *grid, uint64_t d)
{
	size_t lo = 0, hi = grid->nr_runs, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((uint64_t)grid->runs[mid].start + grid->runs[mid].count <= d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Whether the runs follow each other along the curve without overlap, as
 * grid_fill() makes them; the strip paints them in that order only.
 */
bool strip_can_paint(const struct grid *grid)
{
	size_t i;

	if (grid->order > STRIP_MAX_ORDER)
		return false;
	for (i = 1; i < grid->nr_runs; i++)
		if ((uint64_t)grid->runs[i - 1].start +
		    grid->runs[i - 1].count > grid->runs[i].start)
			return false;
	return true;
}

static void fill_square(uint8_t *p, size_t stride, struct rgb c)
{
	uint32_t i;

	rgb_fill(p, CURVE_BLOCK_SIDE, c);
	for (i = 1; i < CURVE_BLOCK_SIDE; i++)
		memcpy(p + i * stride, p, CURVE_BLOCK_SIDE * 3);
}

/* The Hilbert block at column @bx of the strip's row of blocks @by. */
static void paint_block(const struct strip *s, uint32_t bx, uint32_t by)
{
	const struct grid_run *runs = s->grid->runs;
	size_t nr = s->grid->nr_runs, r;
	const struct curve_cell *cells, *cell;
	uint8_t *corner = s->pixels + (size_t)bx * CURVE_BLOCK_SIDE * 3, *p;
	uint64_t first, start, end;
	uint32_t i = 0, stop;
	struct rgb c;

	hilbert_block(s->grid->order, bx, by, &first, &cells);
	r = run_after(s->grid, first);
	while (i < CURVE_BLOCK_CELLS) {
		start = r < nr ? runs[r].start : UINT64_MAX;
		end = r < nr ? start + runs[r].count : UINT64_MAX;
		if (start > first + i) {
			/* Free space up to the next run. */
			c = color_black;
			stop = start - first < CURVE_BLOCK_CELLS ?
			       (uint32_t)(start - first) : CURVE_BLOCK_CELLS;
		} else {
			c = runs[r++].color;
			stop = end - first < CURVE_BLOCK_CELLS ?
			       (uint32_t)(end - first) : CURVE_BLOCK_CELLS;
		}
		if (i == 0 && stop == CURVE_BLOCK_CELLS) {
			fill_square(corner, s->stride, c);
			return;
		}
		for (; i < stop; i++) {
			cell = &cells[i];
			p = corner + cell->y * s->stride + cell->x * 3;
			p[0] = c.r;
			p[1] = c.g;
			p[2] = c.b;
		}
	}
}

/* Row @y of a linear or snake curve into @row. */
static void paint_curve_row(const struct strip *s, uint32_t y, uint8_t *row)
{
	const struct grid *grid = s->grid;
	uint64_t from = (uint64_t)y * s->width, to = from + s->width, a, b;
	size_t r = run_after(grid, from);
	uint64_t x;

	memset(row, 0, s->stride);
	for (; r < grid->nr_runs && grid->runs[r].start < to; r++) {
		a = grid->runs[r].start > from ? grid->runs[r].start : from;
		b = (uint64_t)grid->runs[r].start + grid->runs[r].count;
		if (b > to)
			b = to;
		x = a - from;
		if (grid->curve == CURVE_SNAKE && (y & 1))
			x = s->width - (b - from);
		rgb_fill(row + x * 3, b - a, grid->runs[r].color);
	}
}

/* Pictures smaller than a block: each position on its own. */
static void paint_small(const struct strip *s)
{
	const struct grid *grid = s->grid;
	uint32_t x, y;
	uint64_t d;
	size_t r;
	uint8_t *p;

	memset(s->pixels, 0, (size_t)s->rows * s->stride);
	for (r = 0; r < grid->nr_runs; r++)
		for (d = grid->runs[r].start;
		     d < (uint64_t)grid->runs[r].start + grid->runs[r].count;
		     d++) {
			curve_d2xy(grid->curve, grid->order, d, &x, &y);
			p = s->pixels + (size_t)y * s->stride + (size_t)x * 3;
			p[0] = grid->runs[r].color.r;
			p[1] = grid->runs[r].color.g;
			p[2] = grid->runs[r].color.b;
		}
}

/* The strip of rows from @y. */
static void paint_strip(const struct strip *s, uint32_t y)
{
	uint32_t bx, i;

	if (s->grid->order < CURVE_BLOCK_LOG) {
		paint_small(s);
		return;
	}
	if (s->grid->curve == CURVE_HILBERT) {
		for (bx = 0; bx < s->width / CURVE_BLOCK_SIDE; bx++)
			paint_block(s, bx, y / CURVE_BLOCK_SIDE);
		return;
	}
	for (i = 0; i < s->rows; i++)
		paint_curve_row(s, y + i, s->pixels + (size_t)i * s->stride);
}

static int next_row(void *ctx)
{
	struct strip *s = ctx;
	uint32_t gy, i;
	const uint8_t *row;

	if (signal_received)
		return -EINTR;
	/* The rest of a cell's square repeats its first row. */
	if (s->y++ % s->scale)
		return PNG_ROW_SAME;
	gy = (s->y - 1) / s->scale;
	i = gy % s->rows;
	if (i == 0) {
		if (gy)
			memcpy(s->above, s->pixels +
			       (size_t)(s->rows - 1) * s->stride, s->stride);
		paint_strip(s, gy);
	}
	row = s->pixels + (size_t)i * s->stride;
	if (gy == 0)
		return PNG_ROW_NEW;
	return memcmp(row, row - s->stride, s->stride) ? PNG_ROW_NEW :
							  PNG_ROW_SAME;
}

static void paint_row(void *ctx, uint8_t *out)
{
	const struct strip *s = ctx;
	const uint8_t *row = s->pixels + (size_t)((s->y - 1) / s->scale %
						  s->rows) * s->stride;
	uint32_t x, run;
	struct rgb c;

	if (s->scale == 1) {
		memcpy(out, row, s->stride);
		return;
	}
	/* Each cell @scale pixels wide, a run of equal cells at a time. */
	for (x = 0; x < s->width; x += run) {
		c = (struct rgb){ row[x * 3], row[x * 3 + 1], row[x * 3 + 2] };
		for (run = 1; x + run < s->width &&
		     !memcmp(row + (x + run) * 3, row + x * 3, 3); run++)
			;
		rgb_fill(out + (size_t)x * s->scale * 3,
			 (size_t)run * s->scale, c);
	}
}

static int after_rows(void *ctx, struct png_chunk *chunk)
{
	const struct strip *s = ctx;

	return grid_scan_chunk(s->grid, chunk);
}

int strip_write_png(const struct grid *grid, FILE *fp)
{
	uint32_t width = 1U << grid->order;
	struct strip s = {
		.grid = grid,
		.width = width,
		.rows = width < STRIP_ROWS ? width : STRIP_ROWS,
		.stride = (size_t)width * 3,
		.scale = 1U << (grid->size - grid->order),
	};
	const struct png_row_source src = {
		.next = next_row, .paint = paint_row, .after = after_rows,
		.ctx = &s,
	};
	int err;

	s.above = malloc((size_t)(s.rows + 1) * s.stride);
	if (!s.above)
		return -ENOMEM;
	s.pixels = s.above + s.stride;
	err = png_write_rgb(fp, width * s.scale, width * s.scale, &src, NULL);
	free(s.above);
	return err;
}
