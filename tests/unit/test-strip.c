// SPDX-License-Identifier: MIT
/*
 * The painters (strip.c, and raster.c for grids larger than a strip takes)
 * on synthetic grids: runs of random colours and lengths with gaps of free
 * space between them, short runs and ones longer than a block, on every
 * curve, from a single cell to 1024 cells square, upscaled and not.  Each
 * picture is written through raster_write_png() and read back with
 * libpng; every pixel must be the colour of the run at its curve position
 * (curve_d2xy(), which test-curve holds to the reference's walk), or
 * black where no run is.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/draw/grid.h"
#include "common/draw/png-read.h"
#include "common/draw/raster.h"
#include "common/draw/strip.h"
#include "tests/unit/unit.h"

static uint64_t rng_state = 42;

static uint32_t rng(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33);
}

/*
 * Runs over the @order grid, one after the other along the curve: each a
 * gap then a run, lengths up to @max_len.
 */
static int make_runs(struct grid *grid, uint32_t max_len)
{
	uint64_t d = 0, n = grid->num_steps;
	struct grid_run *run;
	uint32_t gap, len;

	grid->runs = calloc(n ? n : 1, sizeof(*grid->runs));
	if (!grid->runs)
		return -ENOMEM;
	while (d < n) {
		gap = rng() % 3 ? 0 : rng() % max_len;
		len = 1 + rng() % max_len;
		d += gap;
		if (d >= n)
			break;
		if (len > n - d)
			len = (uint32_t)(n - d);
		run = &grid->runs[grid->nr_runs++];
		run->start = (uint32_t)d;
		run->count = len;
		run->color = (struct rgb){ (uint8_t)rng(), (uint8_t)rng(),
					   (uint8_t)rng() };
		d += len;
	}
	return 0;
}

/* What each grid cell should be, by curve_d2xy(); black where no run is. */
static uint8_t *expected_cells(const struct grid *grid)
{
	uint32_t width = 1U << grid->order, x, y;
	uint8_t *cells = calloc((size_t)width * width, 3), *p;
	const struct grid_run *run;
	uint64_t d;
	size_t i;

	if (!cells)
		return NULL;
	for (i = 0; i < grid->nr_runs; i++) {
		run = &grid->runs[i];
		for (d = run->start; d < (uint64_t)run->start + run->count;
		     d++) {
			curve_d2xy(grid->curve, grid->order, d, &x, &y);
			p = cells + ((size_t)y * width + x) * 3;
			p[0] = run->color.r;
			p[1] = run->color.g;
			p[2] = run->color.b;
		}
	}
	return cells;
}

static void check_picture(enum curve_type curve, int order, int size,
			  uint32_t max_len)
{
	uint32_t width = 1U << size, scale = 1U << (size - order), x, y;
	uint32_t cells_wide = 1U << order;
	struct png_reader reader;
	uint8_t *cells = NULL;
	const uint8_t *row, *want;
	char what[128] = "";
	struct grid grid;
	bool bad = false;
	FILE *fp = NULL;
	int err;

	CHECK_INT(grid_init(&grid, order, size, curve, 1ULL << 40), 0);
	CHECK_INT(make_runs(&grid, max_len), 0);
	cells = expected_cells(&grid);
	CHECK(cells != NULL);
	fp = tmpfile();
	CHECK(fp != NULL);
	err = raster_write_png(&grid, fp);
	CHECK_MSG(err == 0, "%s order %d size %d: write %d",
		  curve_names[curve], order, size, err);
	rewind(fp);
	err = png_reader_open(&reader, fp);
	CHECK_MSG(err == 0, "%s order %d size %d: read %d",
		  curve_names[curve], order, size, err);
	CHECK_INT(reader.width, width);
	CHECK_INT(reader.height, width);
	for (y = 0; y < width && !err && !bad; y++) {
		err = png_reader_next_row(&reader, &row);
		for (x = 0; x < width && !err && !bad; x++) {
			want = cells + ((size_t)(y / scale) * cells_wide +
					x / scale) * 3;
			if (memcmp(row + (size_t)x * 3, want, 3)) {
				bad = true;
				snprintf(what, sizeof(what),
					 "pixel (%u, %u) is %02x%02x%02x, not %02x%02x%02x",
					 x, y, row[x * 3], row[x * 3 + 1],
					 row[x * 3 + 2], want[0], want[1],
					 want[2]);
			}
		}
	}
	png_reader_close(&reader);
	fclose(fp);
	free(cells);
	grid_release(&grid);
	CHECK_MSG(!err && !bad, "%s order %d size %d, runs up to %u: %s (%d)",
		  curve_names[curve], order, size, max_len, what, err);
}

static void test_every_curve_order_and_scale(void)
{
	enum curve_type curve;
	int order, up;

	for (curve = CURVE_HILBERT; curve <= CURVE_SNAKE; curve++)
		for (order = 0; order <= 7; order++)
			for (up = 0; up <= 2 && order + up <= 8; up++) {
				CHECK_SUB(check_picture(curve, order,
							order + up, 5));
				CHECK_SUB(check_picture(curve, order,
							order + up, 300));
			}
}

/* Blocks of one run, runs across many blocks, on a larger grid. */
static void test_long_runs(void)
{
	enum curve_type curve;

	for (curve = CURVE_HILBERT; curve <= CURVE_SNAKE; curve++) {
		CHECK_SUB(check_picture(curve, 10, 10, 4000));
		CHECK_SUB(check_picture(curve, 9, 10, 70));
	}
}

/* Runs out of order (grid_fill() never makes them) go to the raster. */
static void test_runs_out_of_order_not_for_the_strip(void)
{
	struct grid grid;

	CHECK_INT(grid_init(&grid, 4, 4, CURVE_HILBERT, 1ULL << 30), 0);
	CHECK_INT(make_runs(&grid, 5), 0);
	CHECK(grid.nr_runs > 2);
	CHECK(strip_can_paint(&grid));
	grid.runs[1].start = grid.runs[0].start;
	CHECK(!strip_can_paint(&grid));
	grid_release(&grid);
}

int main(void)
{
	RUN_TEST(test_every_curve_order_and_scale);
	RUN_TEST(test_long_runs);
	RUN_TEST(test_runs_out_of_order_not_for_the_strip);
	return UNIT_DONE("test-strip");
}
