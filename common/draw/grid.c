// SPDX-License-Identifier: MIT
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "common/draw/grid.h"
#include "common/draw/png-io.h"
#include "kernel-lib/array-grow.h"

int grid_choose_order_size(int *order, int *size, uint64_t total_bytes,
			   uint64_t granularity)
{
	bool order_was_auto = *order < 0;
	double blocks;
	int auto_order;

	if (order_was_auto) {
		/* math.log(x, 2) is log(x) / log(2), not log2(x): same digits. */
		blocks = (double)total_bytes / (double)granularity;
		auto_order = (int)ceil(log(sqrt(blocks)) / log(2.0));
		*order = auto_order < 10 ? auto_order : 10;
		/* Up to 32 MiB is one pixel, as in the reference. */
		if (*order < 0)
			*order = 0;
	}
	if (*size < 0)
		*size = *order > 10 ? *order : 10;
	if (*size < *order) {
		if (!order_was_auto)
			return -EINVAL;
		*order = *size;
	}
	return 0;
}

int grid_init(struct grid *grid, int order, int size, enum curve_type curve,
	      uint64_t total_bytes)
{
	memset(grid, 0, sizeof(*grid));
	if (order < 0 || order > GRID_MAX_ORDER || size < order ||
	    size > GRID_MAX_ORDER || !total_bytes)
		return -EINVAL;
	grid->order = order;
	grid->size = size;
	grid->curve = curve;
	grid->total_bytes = total_bytes;
	grid->num_steps = 1ULL << (2 * order);
	grid->bytes_per_pixel = (double)total_bytes / (double)grid->num_steps;
	if (grid->bytes_per_pixel < 9007199254740992.0 &&
	    grid->bytes_per_pixel == floor(grid->bytes_per_pixel))
		grid->bpp_int = (uint64_t)grid->bytes_per_pixel;
	grid->min_brightness = 0.1;
	return 0;
}

void grid_set_trace(struct grid *grid, const struct grid_trace_ops *ops,
		    void *ctx)
{
	grid->trace = ops;
	grid->trace_ctx = ctx;
}

/* Record @count pixels from @start as @color; a pixel set again wins. */
static int set_pixels(struct grid *grid, uint64_t start, uint64_t count,
		      struct rgb color)
{
	struct grid_run *last;
	int err;

	if (start >= grid->num_steps)
		return 0;
	if (count > grid->num_steps - start)
		count = grid->num_steps - start;
	last = grid->nr_runs ? &grid->runs[grid->nr_runs - 1] : NULL;
	if (last && last->start + last->count > start) {
		/* Only the reference's re-finish of one pixel lands here. */
		last->count = (uint32_t)(start - last->start);
		if (!last->count)
			grid->nr_runs--;
		last = grid->nr_runs ? &grid->runs[grid->nr_runs - 1] : NULL;
	}
	if (last && last->start + last->count == start &&
	    !memcmp(&last->color, &color, sizeof(color))) {
		last->count += (uint32_t)count;
		return 0;
	}
	err = ARRAY_GROW(grid->runs, grid->alloc_runs, grid->nr_runs + 1, 1024);
	if (err)
		return err;
	grid->runs[grid->nr_runs].start = (uint32_t)start;
	grid->runs[grid->nr_runs].count = (uint32_t)count;
	grid->runs[grid->nr_runs].color = color;
	grid->nr_runs++;
	return 0;
}

static void add_to_mix(struct grid *grid, struct rgb color, double usage,
		       double pixel_pct)
{
	grid->mix_r += color.r * pixel_pct;
	grid->mix_g += color.g * pixel_pct;
	grid->mix_b += color.b * pixel_pct;
	grid->mix_usage += usage * pixel_pct;
	grid->dirty = true;
}

static uint8_t round_channel(double val)
{
	/* Python's round(): half to even, which rint() does by default. */
	val = rint(val);
	return val > 255 ? 255 : val < 0 ? 0 : (uint8_t)val;
}

static struct rgb mix_color(struct grid *grid)
{
	double brightness;

	if (grid->memo_valid && grid->mix_r == grid->memo_r &&
	    grid->mix_g == grid->memo_g && grid->mix_b == grid->memo_b &&
	    grid->mix_usage == grid->memo_usage)
		return grid->memo_color;
	brightness = grid->min_brightness +
		     grid->mix_usage * (1 - grid->min_brightness);
	grid->memo_color = (struct rgb){
		round_channel(grid->mix_r * brightness),
		round_channel(grid->mix_g * brightness),
		round_channel(grid->mix_b * brightness),
	};
	grid->memo_r = grid->mix_r;
	grid->memo_g = grid->mix_g;
	grid->memo_b = grid->mix_b;
	grid->memo_usage = grid->mix_usage;
	grid->memo_valid = true;
	return grid->memo_color;
}

static int finish_pixel(struct grid *grid)
{
	struct rgb c = mix_color(grid);
	struct grid_run *last = NULL;
	int err = 0;

	if (grid->nr_runs)
		last = &grid->runs[grid->nr_runs - 1];
	/* Most often the pixel goes on the end of the last run. */
	if (last && last->start + last->count == grid->linear &&
	    grid->linear < grid->num_steps && last->color.r == c.r &&
	    last->color.g == c.g && last->color.b == c.b)
		last->count++;
	else
		err = set_pixels(grid, grid->linear, 1, c);
	if (grid->trace)
		grid->trace->pixel(grid->trace_ctx, grid, grid->linear, c);

	grid->mix_r = grid->mix_g = grid->mix_b = grid->mix_usage = 0;
	grid->dirty = false;
	return err;
}

static int next_pixel(struct grid *grid)
{
	int err = 0;

	if (grid->dirty)
		err = finish_pixel(grid);
	grid->linear++;
	return err;
}

/*
 * Python's float(@byte) % bytes_per_pixel.  fmod() is exact, so for whole
 * numbers below 2^53 the integer remainder is the same number, and much
 * cheaper than libm's fmod().
 */
static double byte_mod(const struct grid *grid, uint64_t byte)
{
	if (grid->bpp_int && byte < (1ULL << 53))
		return (double)(byte % grid->bpp_int);
	return fmod((double)byte, grid->bytes_per_pixel);
}

int grid_fill(struct grid *grid, uint64_t first_byte, uint64_t length,
	      double usage, struct rgb color)
{
	double bpp = grid->bytes_per_pixel;
	uint64_t first_pixel, last_pixel;
	double pct_first, pct_last;
	struct rgb full;
	int err;

	if (!length)
		return 0;
	first_pixel = (uint64_t)((double)first_byte / bpp);
	last_pixel = (uint64_t)((double)(first_byte + length - 1) / bpp);

	if (grid->linear < first_pixel) {
		/* Only the first pixel skipped can be dirty: go straight on. */
		err = next_pixel(grid);
		if (err)
			return err;
		grid->linear = first_pixel;
	}
	if (first_pixel == last_pixel) {
		pct_first = (double)length / bpp;
		if (grid->trace)
			grid->trace->in_pixel(grid->trace_ctx, first_pixel,
					      pct_first);
		add_to_mix(grid, color, usage, pct_first);
		return 0;
	}

	pct_first = (bpp - byte_mod(grid, first_byte)) / bpp;
	pct_last = byte_mod(grid, first_byte + length) / bpp;
	if (pct_last == 0)
		pct_last = 1;
	if (grid->trace)
		grid->trace->pixels(grid->trace_ctx, first_pixel, pct_first,
				    last_pixel, pct_last);
	add_to_mix(grid, color, usage, pct_first);
	if (grid->linear + 1 < last_pixel) {
		/* The pixels in between are ours alone. */
		err = next_pixel(grid);
		if (err)
			return err;
		add_to_mix(grid, color, usage, 1);
		full = mix_color(grid);
		if (grid->trace)
			grid->trace->pixel_range(grid->trace_ctx, grid->linear,
						 last_pixel - 1, full);
		err = set_pixels(grid, grid->linear,
				 last_pixel - grid->linear, full);
		if (err)
			return err;
		/* The reference finishes the first of them once more. */
		if (grid->trace)
			grid->trace->pixel(grid->trace_ctx, grid, grid->linear,
					   full);
		grid->mix_r = grid->mix_g = grid->mix_b = grid->mix_usage = 0;
		grid->dirty = false;
		grid->linear = last_pixel - 1;
	}
	err = next_pixel(grid);
	if (err)
		return err;
	add_to_mix(grid, color, usage, pct_last);
	return 0;
}

int grid_finish(struct grid *grid)
{
	if (grid->dirty)
		return finish_pixel(grid);
	return 0;
}

void grid_release(struct grid *grid)
{
	scan_job_free(grid->scan_job);
	grid->scan_job = NULL;
	free(grid->runs);
	grid->runs = NULL;
	grid->nr_runs = grid->alloc_runs = 0;
}

int grid_scan_chunk(const struct grid *grid, struct png_chunk *chunk)
{
	chunk->name = SCAN_CHUNK_NAME;
	chunk->data = NULL;
	chunk->len = 0;
	if (!grid->scan_job)
		return 0;
	return scan_job_result(grid->scan_job, &chunk->data, &chunk->len);
}
