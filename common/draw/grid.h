/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_GRID_H
#define HEATMAP_GRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "common/draw/colors.h"
#include "common/draw/curve.h"
#include "common/scan-job.h"

/* Largest --order and --size accepted: a 32768 x 32768 picture. */
#define GRID_MAX_ORDER		15

/*
 * A run of consecutive curve positions with one colour.  The grid keeps
 * only these, never a pixel array: memory follows what is drawn, not the
 * size of the picture.
 */
struct grid_run {
	uint32_t start;
	uint32_t count;
	struct rgb color;
};

struct grid;

/*
 * What the grid tells of each fill and pixel as it goes, for the
 * reference's -vv and -vvv lines (common/picture/reference-lines.c).
 */
struct grid_trace_ops {
	/* A fill inside one pixel, covering @pct of it. */
	void (*in_pixel)(void *ctx, uint64_t pixel, double pct);
	/* A fill from @first to @last, covering those parts of them. */
	void (*pixels)(void *ctx, uint64_t first, double pct_first,
		       uint64_t last, double pct_last);
	/* Pixel @linear is finished in @c. */
	void (*pixel)(void *ctx, const struct grid *grid, uint64_t linear,
		      struct rgb c);
	/* Pixels @first to @last are filled whole in @c. */
	void (*pixel_range)(void *ctx, uint64_t first, uint64_t last,
			    struct rgb c);
};

/*
 * The reference's Grid: bytes laid along a curve, each pixel the blend of
 * what falls into it, weighted by the share of the pixel each fill covers,
 * and brighter the more used.  Same arithmetic, same rounding.
 */
struct grid {
	int order;
	int size;
	enum curve_type curve;
	uint64_t total_bytes;
	uint64_t num_steps;
	double bytes_per_pixel;
	uint64_t bpp_int;	/* bytes_per_pixel when a whole number, else 0 */
	double min_brightness;

	/* The pixel being mixed and what has gone into it so far. */
	uint64_t linear;
	double mix_r, mix_g, mix_b, mix_usage;
	bool dirty;

	/* The last mix turned into a colour: the same mix comes again often. */
	double memo_r, memo_g, memo_b, memo_usage;
	struct rgb memo_color;
	bool memo_valid;

	struct grid_run *runs;
	size_t nr_runs;
	size_t alloc_runs;

	const struct grid_trace_ops *trace;	/* NULL: nothing to tell */
	void *trace_ctx;
	/* The scan the picture carries, being encoded (scan-job.h), or NULL. */
	struct scan_job *scan_job;
};

/*
 * Choose order and size as the reference does: order from the number of
 * @granularity-sized blocks in @total_bytes (at most 10), size 10 or the
 * order if larger.  -1 means not given.  Return 0, or -EINVAL when a given
 * size is smaller than a given order (the caller names both).
 */
int grid_choose_order_size(int *order, int *size, uint64_t total_bytes,
			   uint64_t granularity);

/*
 * Set up an empty grid for @total_bytes (order and size already chosen).
 * Return 0 or -errno.
 */
int grid_init(struct grid *grid, int order, int size, enum curve_type curve,
	      uint64_t total_bytes);

/* Tell @ops (with @ctx) about every fill and pixel from now on. */
void grid_set_trace(struct grid *grid, const struct grid_trace_ops *ops,
		    void *ctx);

/*
 * Draw @length bytes from @first_byte in @color at @usage (0..1).  Fills
 * must come in increasing order of @first_byte.  Return 0 or -ENOMEM.
 */
int grid_fill(struct grid *grid, uint64_t first_byte, uint64_t length,
	      double usage, struct rgb color);

/* Finish the last pixel; call before reading the runs. */
int grid_finish(struct grid *grid);

void grid_release(struct grid *grid);

struct png_chunk;

/*
 * The chunk of the scan @grid carries, once encoded (chunk->data NULL if
 * it carries none).  Return 0 or the -errno encoding it failed with.
 */
int grid_scan_chunk(const struct grid *grid, struct png_chunk *chunk);

#endif
