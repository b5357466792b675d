// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common/draw/png-io.h"
#include "common/draw/raster.h"
#include "common/draw/strip.h"
#include "common/scan.h"
#include "common/signals.h"
#include "kernel-lib/array-grow.h"

/*
 * A rectangle of grid pixels in one colour, kept small: memory grows with
 * the number of rectangles, so with what is drawn.  Grid coordinates fit
 * 16 bits (order 15 at most; w and h up to 32768).
 */
struct colored_rect {
	uint16_t x;
	uint16_t y;
	uint16_t w;
	uint16_t h;
	struct rgb color;
	uint32_t next;		/* next rect with the same top row */
};

#define NO_RECT		UINT32_MAX

struct raster {
	const struct grid *grid;
	struct colored_rect *rects;
	uint32_t nr_rects;
	size_t alloc_rects;
	uint32_t *first;	/* per grid row: first rect starting there */
	struct rgb current;	/* colour of the run being split */

	/* Row production. */
	uint32_t scale;
	uint32_t grid_y;	/* grid row being made */
	uint32_t repeats;	/* picture rows of grid_y made */
	uint32_t *active;
	uint32_t nr_active;
	size_t row_bytes;
};

static int add_rect(void *ctx, const struct curve_rect *rect)
{
	struct raster *r = ctx;
	struct colored_rect *cr;
	int err;

	/* Rects link to each other by 32-bit index, NO_RECT the end. */
	if (r->nr_rects >= NO_RECT - 1)
		return -ENOMEM;
	err = ARRAY_GROW(r->rects, r->alloc_rects, r->nr_rects + 1, 1024);
	if (err)
		return err;
	cr = &r->rects[r->nr_rects];
	cr->x = (uint16_t)rect->x;
	cr->y = (uint16_t)rect->y;
	cr->w = (uint16_t)rect->w;
	cr->h = (uint16_t)rect->h;
	cr->color = r->current;
	/* Bucket by top row: rows are painted top down, no sort needed. */
	cr->next = r->first[rect->y];
	r->first[rect->y] = r->nr_rects++;
	return 0;
}

/*
 * Make the rects that cover grid row @y the active ones: add those that
 * start there, drop those that ended.  Return whether any came or went:
 * if none did, the row has the pixels of the one above.
 */
static int activate_row(struct raster *r, uint32_t y)
{
	const struct colored_rect *cr;
	int changed = 0;
	uint32_t i;

	for (i = r->first[y]; i != NO_RECT; i = r->rects[i].next) {
		r->active[r->nr_active++] = i;
		changed = 1;
	}
	for (i = 0; i < r->nr_active;) {
		cr = &r->rects[r->active[i]];
		if ((uint32_t)cr->y + cr->h <= y) {
			r->active[i] = r->active[--r->nr_active];
			changed = 1;
			continue;
		}
		i++;
	}
	return changed;
}

static int next_row(void *ctx)
{
	struct raster *r = ctx;

	if (signal_received)
		return -EINTR;
	if (r->repeats == r->scale) {
		r->grid_y++;
		r->repeats = 0;
	}
	if (r->repeats++)
		return PNG_ROW_SAME;
	if (activate_row(r, r->grid_y) || r->grid_y == 0)
		return PNG_ROW_NEW;
	return PNG_ROW_SAME;
}

/* Paint the current grid row, scaled, into @row. */
static void paint_row(void *ctx, uint8_t *row)
{
	const struct raster *r = ctx;
	const struct colored_rect *cr;
	uint32_t i;

	memset(row, 0, r->row_bytes);
	for (i = 0; i < r->nr_active; i++) {
		cr = &r->rects[r->active[i]];
		rgb_fill(row + (size_t)cr->x * r->scale * 3,
			    (size_t)cr->w * r->scale, cr->color);
	}
}

static int after_rows(void *ctx, struct png_chunk *chunk)
{
	const struct raster *r = ctx;

	return grid_scan_chunk(r->grid, chunk);
}

int raster_write_png(const struct grid *grid, FILE *fp)
{
	uint32_t width, height = 1U << grid->order;
	struct raster r;
	const struct png_row_source src = {
		.next = next_row, .paint = paint_row, .after = after_rows,
		.ctx = &r,
	};
	size_t i;
	int err;

	if (strip_can_paint(grid))
		return strip_write_png(grid, fp);
	memset(&r, 0, sizeof(r));
	r.grid = grid;
	r.first = malloc(height * sizeof(*r.first));
	if (!r.first) {
		err = -ENOMEM;
		goto out;
	}
	memset(r.first, 0xff, height * sizeof(*r.first));
	for (i = 0; i < grid->nr_runs; i++) {
		r.current = grid->runs[i].color;
		err = curve_rects(grid->curve, grid->order, grid->runs[i].start,
				  grid->runs[i].count, add_rect, &r);
		if (err)
			goto out;
	}

	r.scale = 1U << (grid->size - grid->order);
	width = 1U << grid->size;
	r.row_bytes = (size_t)width * 3;
	r.active = malloc((r.nr_rects ? r.nr_rects : 1) * sizeof(*r.active));
	if (!r.active) {
		err = -ENOMEM;
		goto out;
	}
	err = png_write_rgb(fp, width, width, &src, NULL);
out:
	free(r.rects);
	free(r.first);
	free(r.active);
	return err;
}
