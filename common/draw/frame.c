// SPDX-License-Identifier: MIT
/*
 * Small pictures, not upscaled (up to FRAME_MAX_ORDER), are painted whole
 * into a frame, at most 3 MiB, by two threads each taking half the runs
 * (runs do not overlap, so neither writes a pixel of the other); the
 * picture's rows are then copied out of it.
 * Painting the runs' squares once costs less than keeping rectangles and
 * painting every row from the ones over it.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "common/draw/frame.h"
#include "common/draw/png-io.h"
#include "common/signals.h"

/* Below this many runs one thread is as fast. */
#define PARALLEL_MIN_RUNS	512

struct frame {
	const struct grid *grid;
	uint8_t *pixels;	/* width x width grid pixels, RGB */
	size_t stride;		/* bytes of a row */
	uint32_t y;		/* the row being made, +1 */
};

/* The runs [from, to) of a frame's grid, painted by one thread. */
struct frame_part {
	struct frame *frame;
	size_t from;
	size_t to;
	struct rgb color;
	int err;
};

/* Fill @n pixels at @p with @c; long runs double what is done. */
void frame_fill_pixels(uint8_t *p, size_t n, struct rgb c)
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

static int paint_rect(void *ctx, const struct curve_rect *rect)
{
	const struct frame_part *part = ctx;
	const struct frame *f = part->frame;
	uint8_t *p = f->pixels + (size_t)rect->y * f->stride +
		     (size_t)rect->x * 3;
	uint32_t i;

	frame_fill_pixels(p, rect->w, part->color);
	for (i = 1; i < rect->h; i++)
		memcpy(p + (size_t)i * f->stride, p, (size_t)rect->w * 3);
	return 0;
}

static void *paint_part(void *arg)
{
	struct frame_part *part = arg;
	const struct grid *grid = part->frame->grid;
	size_t i;

	for (i = part->from; i < part->to && !part->err; i++) {
		part->color = grid->runs[i].color;
		part->err = curve_rects(grid->curve, grid->order,
					grid->runs[i].start,
					grid->runs[i].count, paint_rect, part);
	}
	return NULL;
}

/* Paint every run, half of them on a second thread. */
static int paint_runs(struct frame *f)
{
	size_t n = f->grid->nr_runs;
	struct frame_part parts[2] = {
		{ .frame = f, .from = 0, .to = n },
		{ .frame = f, .from = n, .to = n },
	};
	pthread_t thread;
	int started = 0;

	if (n >= PARALLEL_MIN_RUNS) {
		parts[0].to = parts[1].from = n / 2;
		started = !pthread_create(&thread, NULL, paint_part, &parts[1]);
		if (!started)
			parts[0].to = n;
	}
	paint_part(&parts[0]);
	if (started)
		pthread_join(thread, NULL);
	return parts[0].err ? parts[0].err : parts[1].err;
}

static int next_row(void *ctx)
{
	struct frame *f = ctx;
	const uint8_t *row;

	if (signal_received)
		return -EINTR;
	if (f->y++ == 0)
		return PNG_ROW_NEW;
	row = f->pixels + (size_t)(f->y - 1) * f->stride;
	return memcmp(row, row - f->stride, f->stride) ? PNG_ROW_NEW :
							  PNG_ROW_SAME;
}

static void paint_row(void *ctx, uint8_t *out)
{
	const struct frame *f = ctx;

	memcpy(out, f->pixels + (size_t)(f->y - 1) * f->stride, f->stride);
}

static int after_rows(void *ctx, struct png_chunk *chunk)
{
	const struct frame *f = ctx;

	return grid_scan_chunk(f->grid, chunk);
}

int frame_write_png(const struct grid *grid, FILE *fp)
{
	uint32_t width = 1U << grid->order;
	struct frame f = {
		.grid = grid,
		.stride = (size_t)width * 3,
	};
	const struct png_row_source src = {
		.next = next_row, .paint = paint_row, .after = after_rows,
		.ctx = &f,
	};
	int err;

	f.pixels = calloc(width, f.stride);
	if (!f.pixels)
		return -ENOMEM;
	err = paint_runs(&f);
	if (!err)
		err = png_write_rgb(fp, width, width, &src, NULL);
	free(f.pixels);
	return err;
}
