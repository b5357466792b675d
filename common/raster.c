// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common/png-io.h"
#include "common/raster.h"
#include "common/signals.h"

struct colored_rect {
	struct curve_rect rect;
	struct rgb color;
};

struct raster {
	const struct grid *grid;
	struct colored_rect *rects;
	size_t nr_rects;
	size_t alloc_rects;
	struct rgb current;	/* colour of the run being split */

	/* Row production. */
	uint32_t scale;
	uint32_t grid_y;	/* grid row in the row buffer */
	uint32_t repeats;	/* times the buffer was handed out */
	size_t next_rect;	/* first rect not yet active */
	size_t *active;
	size_t nr_active;
	uint8_t *row;
	size_t row_bytes;
};

static int add_rect(void *ctx, const struct curve_rect *rect)
{
	struct raster *r = ctx;
	struct colored_rect *rects;
	size_t alloc;

	if (r->nr_rects == r->alloc_rects) {
		alloc = r->alloc_rects ? r->alloc_rects * 2 : 1024;
		rects = realloc(r->rects, alloc * sizeof(*rects));
		if (!rects)
			return -ENOMEM;
		r->rects = rects;
		r->alloc_rects = alloc;
	}
	r->rects[r->nr_rects].rect = *rect;
	r->rects[r->nr_rects].color = r->current;
	r->nr_rects++;
	return 0;
}

static int cmp_rect_top(const void *a, const void *b)
{
	const struct colored_rect *ra = a, *rb = b;

	if (ra->rect.y != rb->rect.y)
		return ra->rect.y < rb->rect.y ? -1 : 1;
	return 0;
}

/* Paint grid row @y into the row buffer from the rects that cover it. */
static void paint_row(struct raster *r, uint32_t y)
{
	const struct colored_rect *cr;
	uint8_t *p, *end;
	size_t i;

	memset(r->row, 0, r->row_bytes);
	while (r->next_rect < r->nr_rects &&
	       r->rects[r->next_rect].rect.y <= y)
		r->active[r->nr_active++] = r->next_rect++;
	for (i = 0; i < r->nr_active;) {
		cr = &r->rects[r->active[i]];
		if (cr->rect.y + cr->rect.h <= y) {
			r->active[i] = r->active[--r->nr_active];
			continue;
		}
		p = r->row + (size_t)cr->rect.x * r->scale * 3;
		end = p + (size_t)cr->rect.w * r->scale * 3;
		for (; p < end; p += 3) {
			p[0] = cr->color.r;
			p[1] = cr->color.g;
			p[2] = cr->color.b;
		}
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
	struct raster r;
	uint32_t width;
	size_t i;
	int err;

	memset(&r, 0, sizeof(r));
	r.grid = grid;
	for (i = 0; i < grid->nr_runs; i++) {
		r.current = grid->runs[i].color;
		err = curve_rects(grid->curve, grid->order, grid->runs[i].start,
				  grid->runs[i].count, add_rect, &r);
		if (err)
			goto out;
	}
	qsort(r.rects, r.nr_rects, sizeof(*r.rects), cmp_rect_top);

	r.scale = 1U << (grid->size - grid->order);
	width = 1U << grid->size;
	r.row_bytes = (size_t)width * 3;
	r.row = malloc(r.row_bytes);
	r.active = malloc((r.nr_rects ? r.nr_rects : 1) * sizeof(*r.active));
	if (!r.row || !r.active) {
		err = -ENOMEM;
		goto out;
	}
	err = png_write_rgb(fp, width, width, next_row, &r);
out:
	free(r.rects);
	free(r.active);
	free(r.row);
	return err;
}
