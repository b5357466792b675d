// SPDX-License-Identifier: MIT
/*
 * The grid layer against the reference's Grid class.  Every expected pixel
 * and every expected order/size below is Python's output, not ours: it was
 * obtained by loading /usr/bin/btrfs-heatmap (btrfs-heatmap 9) as a module
 * with /usr/bin/python3 and running, for the pixels,
 *
 *	g = heatmap.Grid(order, None, total_bytes, 1, -1)
 *	for f in fills: g.fill(*f)
 *	if g._pixel_dirty: g._finish_pixel()
 *	['0x%02x%02x%02x' % tuple(g._grid[y][x])
 *	 for y, x, l in heatmap.curves['hilbert'](order)]
 *
 * (colours in curve order) and, for order and size,
 * heatmap.choose_order_size(order, size, total_bytes, granularity).
 */
#include <errno.h>
#include <stdint.h>
#include "common/draw/grid.h"
#include "kernel-lib/kernel.h"
#include "tests/unit/unit.h"

#define WHITE		{ 0xff, 0xff, 0xff }
#define BLUE		{ 0x00, 0x00, 0xff }
#define RED		{ 0xff, 0x00, 0x33 }
#define BLUE_WHITE	{ 0x99, 0xcc, 0xff }

struct fill {
	uint64_t first_byte;
	uint64_t length;
	double used;
	struct rgb color;
};

/* The colour of every curve position, from the grid's runs. */
static void grid_pixels(const struct grid *g, uint32_t *px)
{
	const struct grid_run *r;
	uint64_t i;
	size_t n;

	for (i = 0; i < g->num_steps; i++)
		px[i] = 0;
	for (n = 0; n < g->nr_runs; n++) {
		r = &g->runs[n];
		for (i = r->start; i < (uint64_t)r->start + r->count; i++)
			px[i] = (uint32_t)r->color.r << 16 |
				(uint32_t)r->color.g << 8 | r->color.b;
	}
}

/* Runs come in curve order, never overlap and stay inside the grid. */
static void check_runs_in_order(const struct grid *g)
{
	uint64_t end = 0;
	size_t n;

	for (n = 0; n < g->nr_runs; n++) {
		CHECK_MSG(g->runs[n].count > 0, "run %zu is empty", n);
		CHECK_MSG(g->runs[n].start >= end,
			  "run %zu starts at %u, before the end %" PRIu64 " of the one before",
			  n, g->runs[n].start, end);
		end = (uint64_t)g->runs[n].start + g->runs[n].count;
	}
	CHECK_MSG(end <= g->num_steps, "runs end at %" PRIu64 " of %" PRIu64,
		  end, g->num_steps);
}

static void check_grid(int order, uint64_t total, const struct fill *fills,
		       size_t nr_fills, const uint32_t *expected)
{
	static uint32_t px[1 << 12];
	struct grid g;
	uint64_t i;
	size_t f;

	CHECK_INT(grid_init(&g, order, 10, CURVE_HILBERT, total), 0);
	for (f = 0; f < nr_fills; f++) {
		if (grid_fill(&g, fills[f].first_byte, fills[f].length,
			      fills[f].used, fills[f].color)) {
			grid_release(&g);
			UNIT_FAIL("fill %zu failed", f);
		}
	}
	if (grid_finish(&g)) {
		grid_release(&g);
		UNIT_FAIL("grid_finish failed");
	}
	check_runs_in_order(&g);
	if (unit_current_failed) {
		grid_release(&g);
		return;
	}
	grid_pixels(&g, px);
	grid_release(&g);
	for (i = 0; i < 1ULL << (2 * order); i++)
		CHECK_MSG(px[i] == expected[i],
			  "pixel %" PRIu64 " is #%06x, the reference has #%06x",
			  i, px[i], expected[i]);
}


/* Whole pixels: round(channel * (0.1 + used * 0.9)), bytes_per_pixel 1000. */
static void test_whole_pixels_brightness(void)
{
	static const struct fill fills[] = {
		{ 0, 1000, 0.0, WHITE },
		{ 1000, 2000, 0.3, WHITE },
		{ 3000, 1000, 1.0, BLUE },
		{ 4000, 1000, 0.5, RED },
		{ 5000, 3000, 0.77, BLUE_WHITE },
		{ 8000, 1000, 0.123456, WHITE },
		{ 9000, 1000, 0.95, RED },
		{ 12000, 4000, 0.6, BLUE },
	};
	static const uint32_t expected[] = {
		0x1a1a1a, 0x5e5e5e, 0x5e5e5e, 0x0000ff, 0x8c001c, 0x79a2ca, 0x79a2ca, 0x79a2ca,
		0x363636, 0xf40031, 0x000000, 0x000000, 0x0000a3, 0x0000a3, 0x0000a3, 0x0000a3,
	};

	CHECK_SUB(check_grid(2, 16000, fills, ARRAY_SIZE(fills), expected));
}

/*
 * Half a pixel of mixed (0x99) and half of metadata (0x00), both full:
 * red is 153 * 0.5 = 76.5 exactly, which Python's round() takes to the
 * even 76 (0x4c), where rounding half up would give 77 (0x4d).
 */
static void test_round_half_to_even(void)
{
	static const struct fill fills[] = {
		{ 0, 500, 1.0, BLUE_WHITE },
		{ 500, 500, 1.0, BLUE },
	};
	static const uint32_t expected[] = {
		0x4c66ff, 0x000000, 0x000000, 0x000000,
	};

	CHECK_SUB(check_grid(1, 4000, fills, ARRAY_SIZE(fills), expected));
}

/* Fills sharing pixels blend by the share of the pixel each covers. */
static void test_shared_pixels_blend(void)
{
	static const struct fill fills[] = {
		{ 0, 1500, 1.0, WHITE },
		{ 1500, 1000, 0.0, BLUE },
		{ 2500, 250, 0.5, RED },
		{ 2750, 5000, 0.25, BLUE_WHITE },
		{ 7750, 100, 1.0, WHITE },
		{ 7850, 8150, 0.9, RED },
	};
	static const uint32_t expected[] = {
		0xffffff, 0x46468c, 0x1b0e37, 0x324253, 0x324253, 0x324253, 0x324253, 0x56566c,
		0xe8002e, 0xe8002e, 0xe8002e, 0xe8002e, 0xe8002e, 0xe8002e, 0xe8002e, 0xe8002e,
	};

	CHECK_SUB(check_grid(2, 16000, fills, ARRAY_SIZE(fills), expected));
}

/*
 * Fills made with Python's random.seed(42) over 1 GiB + 12345 bytes, so
 * bytes_per_pixel is not whole: gaps, runs inside one pixel, runs over many.
 */
static void test_random_fills(void)
{
	static const struct fill fills[] = {
		{ 0, 1153557, 0.0, BLUE_WHITE },
		{ 1153557, 124908868, 1.0, BLUE_WHITE },
		{ 140855945, 2471560, 0.6981393949882269, BLUE },
		{ 143327505, 428701, 0.3589793804846284, WHITE },
		{ 143756206, 5288192, 0.8294046642529949, BLUE },
		{ 149044398, 2773540, 0.0, BLUE_WHITE },
		{ 170472431, 2666254, 0.37018096711688264, WHITE },
		{ 173138685, 31021758, 1.0, RED },
		{ 204160443, 54025710, 0.26774087597570273, BLUE },
		{ 291688996, 30793027, 0.1396303195255063, BLUE_WHITE },
		{ 361642255, 74266289, 0.0, WHITE },
		{ 435908544, 28330676, 0.38161928650653676, WHITE },
		{ 464239220, 22828790, 0.0, RED },
		{ 487068010, 160226326, 1.0, RED },
		{ 647294336, 2512156, 0.11186772532089506, BLUE },
		{ 649806492, 45984846, 1.0, BLUE },
		{ 695791338, 1111729, 1.0, RED },
		{ 696903067, 1837525, 0.24790561366600794, WHITE },
		{ 698740592, 2468097, 1.0, WHITE },
		{ 701208689, 34504434, 1.0, BLUE_WHITE },
		{ 752020392, 1707334, 0.362, BLUE_WHITE },
		{ 753727726, 2824296, 0.0, BLUE },
		{ 756552022, 30105946, 1.0, WHITE },
		{ 786657968, 212183, 1.0, BLUE },
		{ 814144137, 2018964, 0.002, RED },
	};
	static const uint32_t expected[] = {
		0x90bfef, 0x99ccff, 0x99ccff, 0x99ccff, 0x99ccff, 0x99ccff, 0x99ccff, 0x2c3b4a,
		0x0b0d43, 0x010101, 0xa41f3a, 0xff0033, 0x130064, 0x000057, 0x000057, 0x000013,
		0x000000, 0x11161c, 0x232e3a, 0x040607, 0x000000, 0x0b0b0b, 0x1a1a1a, 0x1a1a1a,
		0x1a1a1a, 0x1b1b1b, 0x717171, 0x54383e, 0x1a0005, 0xf80032, 0xff0033, 0xff0033,
		0xff0033, 0xff0033, 0xff0033, 0xff0033, 0xff0033, 0xff0033, 0x820078, 0x0000ff,
		0x0000ff, 0x6963e0, 0x99ccff, 0x7196bc, 0x020306, 0xd4d4ea, 0xceced1, 0x000000,
		0x030001, 0x000000, 0x000000, 0x000000, 0x000000, 0x000000, 0x000000, 0x000000,
		0x000000, 0x000000, 0x000000, 0x000000, 0x000000, 0x000000, 0x000000, 0x000000,
	};

	CHECK_SUB(check_grid(3, 1073741824ULL + 12345, fills, ARRAY_SIZE(fills),
			     expected));
}

/*
 * A filesystem of 24 MiB (mkfs.btrfs --mixed makes one) is drawn at order
 * 0: one pixel, the blend of everything, scaled up to the picture size.
 */
static void test_order_zero(void)
{
	static const struct fill fills[] = {
		{ 1048576, 4194304, 0.004, RED },
		{ 5242880, 8388608, 0.37, BLUE_WHITE },
		{ 13631488, 8388608, 0.02, BLUE_WHITE },
	};
	static const uint32_t expected[] = { 0x1f1e27 };

	CHECK_SUB(check_grid(0, 25165824, fills, ARRAY_SIZE(fills), expected));
}

static void test_grid_init(void)
{
	struct grid g;

	CHECK_INT(grid_init(&g, 3, 10, CURVE_SNAKE, 1073741824), 0);
	CHECK_U64(g.num_steps, 64);
	CHECK(g.bytes_per_pixel == 16777216.0);
	CHECK_INT(g.nr_runs, 0);
	grid_release(&g);
	CHECK_INT(grid_init(&g, 4, 3, CURVE_HILBERT, 1 << 20), -EINVAL);
	CHECK_INT(grid_init(&g, GRID_MAX_ORDER + 1, GRID_MAX_ORDER + 1,
			    CURVE_HILBERT, 1 << 20), -EINVAL);
	CHECK_INT(grid_init(&g, 3, 10, CURVE_HILBERT, 0), -EINVAL);
}

struct order_case {
	int order, size;	/* given, -1 for not given */
	uint64_t total, granularity;
	int want_order, want_size;
};

#define GIB		(1ULL << 30)
#define GRAN		(32ULL << 20)

static void test_choose_order_size(void)
{
	static const struct order_case cases[] = {
		/* automatic order: ceil(log2(sqrt(total / granularity))) */
		{ -1, -1, GIB, GRAN, 3, 10 },
		{ -1, -1, 2 * GIB, GRAN, 3, 10 },
		{ -1, -1, 2 * GIB + 1, GRAN, 4, 10 },
		{ -1, -1, 3 * GIB, GRAN, 4, 10 },
		{ -1, -1, 250ULL << 20, GRAN, 2, 10 },
		{ -1, -1, GIB, 4096, 9, 10 },
		{ -1, -1, 128ULL << 20, 4096, 8, 10 },
		/* at most 10 */
		{ -1, -1, (1ULL << 20) * GRAN, GRAN, 10, 10 },
		{ -1, -1, (1ULL << 20) * GRAN + 1, GRAN, 10, 10 },
		{ -1, -1, 1ULL << 50, GRAN, 10, 10 },
		/* a filesystem of at most 32 MiB gets order 0: one pixel */
		{ -1, -1, 32ULL << 20, GRAN, 0, 10 },
		{ -1, -1, (32ULL << 20) + 1, GRAN, 1, 10 },
		{ -1, -1, 24ULL << 20, GRAN, 0, 10 },
		{ -1, -1, 16ULL << 20, GRAN, 0, 10 },
		/* the automatic order gives way to a smaller size */
		{ -1, 5, 1ULL << 40, GRAN, 5, 5 },
		{ -1, 12, 1ULL << 40, GRAN, 8, 12 },
		/* a given order: size 10, or the order when larger */
		{ 4, -1, GIB, GRAN, 4, 10 },
		{ 10, -1, GIB, GRAN, 10, 10 },
		{ 11, -1, GIB, GRAN, 11, 11 },
		{ 12, -1, GIB, GRAN, 12, 12 },
		{ 6, 8, GIB, GRAN, 6, 8 },
		{ 15, 15, GIB, GRAN, 15, 15 },
	};
	size_t i;
	int order, size, ret;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		order = cases[i].order;
		size = cases[i].size;
		ret = grid_choose_order_size(&order, &size, cases[i].total,
					     cases[i].granularity);
		CHECK_MSG(ret == 0 && order == cases[i].want_order &&
			  size == cases[i].want_size,
			  "case %zu (order %d size %d total %" PRIu64 "): got %d, order %d size %d, the reference has order %d size %d",
			  i, cases[i].order, cases[i].size, cases[i].total, ret,
			  order, size, cases[i].want_order, cases[i].want_size);
	}
}

/* Python: HeatmapError "size (3) cannot be smaller than order (5)". */
static void test_size_smaller_than_order(void)
{
	static const int given[][2] = { { 5, 3 }, { 11, 10 }, { 2, 1 } };
	int order, size;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(given); i++) {
		order = given[i][0];
		size = given[i][1];
		CHECK_INT(grid_choose_order_size(&order, &size, GIB, GRAN),
			  -EINVAL);
	}
	/* order 11 alone is fine: size follows it */
	order = 11;
	size = -1;
	CHECK_INT(grid_choose_order_size(&order, &size, GIB, GRAN), 0);
	CHECK_INT(size, 11);
}

int main(void)
{
	RUN_TEST(test_whole_pixels_brightness);
	RUN_TEST(test_round_half_to_even);
	RUN_TEST(test_shared_pixels_blend);
	RUN_TEST(test_random_fills);
	RUN_TEST(test_order_zero);
	RUN_TEST(test_grid_init);
	RUN_TEST(test_choose_order_size);
	RUN_TEST(test_size_smaller_than_order);
	return UNIT_DONE("test-grid");
}
