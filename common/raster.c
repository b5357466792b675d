// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common/png-io.h"
#include "common/raster.h"
#include "common/scan.h"
#include "common/signals.h"

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
	uint32_t alloc_rects;
	uint32_t *first;	/* per grid row: first rect starting there */
	struct rgb current;	/* colour of the run being split */

	/* Row production. */
	uint32_t scale;
	uint32_t grid_y;	/* grid row in the row buffer */
	uint32_t repeats;	/* times the buffer was handed out */
	uint32_t *active;
	uint32_t nr_active;
	uint8_t *row;
	size_t row_bytes;
};

static int add_rect(void *ctx, const struct curve_rect *rect)
{
	struct raster *r = ctx;
	struct colored_rect *rects, *cr;
	uint32_t alloc;

	if (r->nr_rects == r->alloc_rects) {
		if (r->alloc_rects >= NO_RECT / 2)
			return -ENOMEM;
		alloc = r->alloc_rects ? r->alloc_rects * 2 : 1024;
		rects = realloc(r->rects, (size_t)alloc * sizeof(*rects));
		if (!rects)
			return -ENOMEM;
		r->rects = rects;
		r->alloc_rects = alloc;
	}
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

/* Fill @n pixels at @p with @c; long runs double what is done. */
static void fill_pixels(uint8_t *p, size_t n, struct rgb c)
{
	size_t done, len = n * 3;

	if (n <= 16) {
		for (; n; n--, p += 3) {
			p[0] = c.r;
			p[1] = c.g;
			p[2] = c.b;
		}
		return;
	}
	p[0] = c.r;
	p[1] = c.g;
	p[2] = c.b;
	for (done = 3; done < len; done *= 2)
		memcpy(p + done, p, done < len - done ? done : len - done);
}

/* Paint grid row @y into the row buffer from the rects that cover it. */
static void paint_row(struct raster *r, uint32_t y)
{
	const struct colored_rect *cr;
	uint32_t i;

	memset(r->row, 0, r->row_bytes);
	for (i = r->first[y]; i != NO_RECT; i = r->rects[i].next)
		r->active[r->nr_active++] = i;
	for (i = 0; i < r->nr_active;) {
		cr = &r->rects[r->active[i]];
		if ((uint32_t)cr->y + cr->h <= y) {
			r->active[i] = r->active[--r->nr_active];
			continue;
		}
		fill_pixels(r->row + (size_t)cr->x * r->scale * 3,
			    (size_t)cr->w * r->scale, cr->color);
		i++;
	}
}

static int next_row(void *ctx, const uint8_t **row)
{
	struct raster *r = ctx;

	if (signal_received)
		return -EINTR;
	if (r->repeats == r->scale) {
		r->grid_y++;
		r->repeats = 0;
	}
	if (r->repeats == 0)
		paint_row(r, r->grid_y);
	r->repeats++;
	*row = r->row;
	return 0;
}

int raster_write_png(const struct grid *grid, FILE *fp)
{
	uint32_t width, height = 1U << grid->order;
	struct png_chunk chunk = { SCAN_CHUNK_NAME, NULL, 0 };
	struct raster r;
	size_t i;
	int err;

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
	r.row = malloc(r.row_bytes);
	r.active = malloc((r.nr_rects ? r.nr_rects : 1) * sizeof(*r.active));
	if (!r.row || !r.active) {
		err = -ENOMEM;
		goto out;
	}
	chunk.data = grid->scan_chunk;
	chunk.len = grid->scan_chunk_len;
	err = png_write_rgb(fp, width, width, next_row, &r,
			    grid->scan_chunk ? &chunk : NULL);
out:
	free(r.rects);
	free(r.first);
	free(r.active);
	free(r.row);
	return err;
}
