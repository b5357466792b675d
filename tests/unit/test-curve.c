// SPDX-License-Identifier: MIT
/*
 * The curve layer against the reference's curves.  The expected positions
 * come from a literal port of btrfs-heatmap 9's generators (hilbert(),
 * linear(), snake() in /usr/bin/btrfs-heatmap), written here on purpose in
 * the reference's own shape, not in the shape of common/draw/curve.c.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include "common/draw/curve-tables.h"
#include "common/draw/curve.h"
#include "kernel-lib/kernel.h"
#include "tests/unit/unit.h"

/* From 8 on, the Hilbert walk takes two steps of four levels. */
#define REF_MAX_ORDER	8

/* --- The reference's hilbert(): recursion over named step patterns. --- */

struct ref_pattern {
	const char *steps;
	const char *inception[4];
};

static const struct ref_pattern ref_patterns[] = {
	{ "URDR", { "RULU", "URDR", "URDD", "LDRR" } },
	{ "RULU", { "URDR", "RULU", "RULL", "DLUU" } },
	{ "URDD", { "RULU", "URDR", "URDD", "LDRD" } },
	{ "LDRR", { "DLUL", "LDRD", "LDRR", "URDR" } },
	{ "RULL", { "URDR", "RULU", "RULL", "DLUL" } },
	{ "DLUU", { "LDRD", "DLUL", "DLUU", "RULU" } },
	{ "LDRD", { "DLUL", "LDRD", "LDRR", "URDD" } },
	{ "DLUL", { "LDRD", "DLUL", "DLUU", "RULL" } },
};

/* pos = [y, x, linear], as in the reference. */
struct ref_walk {
	long pos[3];
	uint32_t *xs;
	uint32_t *ys;
};

static const struct ref_pattern *ref_find(const char *steps)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ref_patterns); i++)
		if (!strcmp(ref_patterns[i].steps, steps))
			return &ref_patterns[i];
	abort();
}

static void ref_step(char step, long *dy, long *dx)
{
	/* U = (-1, 0), R = (0, 1), D = (1, 0), L = (0, -1): (y, x) */
	*dy = step == 'U' ? -1 : step == 'D' ? 1 : 0;
	*dx = step == 'L' ? -1 : step == 'R' ? 1 : 0;
}

static void ref_hilbert_walk(struct ref_walk *w, const char *steps, int level)
{
	const struct ref_pattern *p = ref_find(steps);
	long dy, dx;
	int i;

	if (level > 1) {
		for (i = 0; i < 4; i++)
			ref_hilbert_walk(w, p->inception[i], level - 1);
		return;
	}
	for (i = 0; i < 4; i++) {
		/* yield pos */
		w->ys[w->pos[2]] = (uint32_t)w->pos[0];
		w->xs[w->pos[2]] = (uint32_t)w->pos[1];
		ref_step(steps[i], &dy, &dx);
		w->pos[0] += dy;
		w->pos[1] += dx;
		w->pos[2] += 1;
	}
}

static void ref_hilbert(int order, uint32_t *xs, uint32_t *ys)
{
	struct ref_walk w = {
		.pos = { (1L << order) - 1, 0, 0 },
		.xs = xs,
		.ys = ys,
	};

	ref_hilbert_walk(&w, "URDR", order);
}

static void ref_linear(int order, uint32_t *xs, uint32_t *ys)
{
	long edge_len = 1L << order, l = 0, y, x;

	for (y = 0; y < edge_len; y++)
		for (x = 0; x < edge_len; x++) {
			ys[l] = (uint32_t)y;
			xs[l] = (uint32_t)x;
			l++;
		}
}

static void ref_snake(int order, uint32_t *xs, uint32_t *ys)
{
	long edge_len = 1L << order, l = 0, y, x;

	for (y = 0; y < edge_len; y += 2) {
		for (x = 0; x < edge_len; x++) {
			ys[l] = (uint32_t)y;
			xs[l] = (uint32_t)x;
			l++;
		}
		for (x = edge_len - 1; x > -1; x--) {
			ys[l] = (uint32_t)(y + 1);
			xs[l] = (uint32_t)x;
			l++;
		}
	}
}

/* --- Tests. --- */

/*
 * The tables of common/draw/curve-tables.h, which common/draw/mkcurvetables.c
 * generates, as they follow from the reference's patterns, derived here
 * once more.
 */
static void test_tables_follow_from_the_patterns(void)
{
	int qx[NR_PATTERNS][4], qy[NR_PATTERNS][4], inc[NR_PATTERNS][4];
	int p, i, b, level, digit, pat, x, y, min_x, min_y;
	const struct curve_cell *s;
	const char *steps;
	long dy, dx;

	CHECK_INT(ARRAY_SIZE(ref_patterns), NR_PATTERNS);
	for (p = 0; p < NR_PATTERNS; p++) {
		steps = ref_patterns[p].steps;
		for (i = 0; i < 4; i++) {
			inc[p][i] = ref_find(ref_patterns[p].inception[i]) -
				    ref_patterns;
			CHECK_MSG(inception[p][i] == inc[p][i],
				  "inception of %s, %d", steps, i);
		}
		/* The point before each step, then shifted to the least 0. */
		x = y = min_x = min_y = 0;
		for (i = 0; i < 4; i++) {
			qx[p][i] = x;
			qy[p][i] = y;
			min_x = x < min_x ? x : min_x;
			min_y = y < min_y ? y : min_y;
			ref_step(steps[i], &dy, &dx);
			x += dx;
			y += dy;
		}
		for (i = 0; i < 4; i++) {
			qx[p][i] -= min_x;
			qy[p][i] -= min_y;
			CHECK_MSG(quad_x[p][i] == qx[p][i] &&
				  quad_y[p][i] == qy[p][i],
				  "quadrant of %s, step %d", steps, i);
		}
	}
	for (p = 0; p < NR_PATTERNS; p++) {
		for (b = 0; b < 256; b++) {
			pat = p;
			x = y = 0;
			for (level = 3; level >= 0; level--) {
				digit = (b >> (2 * level)) & 3;
				x |= qx[pat][digit] << level;
				y |= qy[pat][digit] << level;
				pat = inc[pat][digit];
			}
			s = &step4[p][b];
			CHECK_MSG(s->x == x && s->y == y && s->pattern == pat,
				  "step4 of %s, %d: { %d, %d, %d }, derived { %d, %d, %d }",
				  ref_patterns[p].steps, b, s->x, s->y,
				  s->pattern, x, y, pat);
		}
	}
}

static void check_against_reference(enum curve_type type,
				    void (*ref)(int, uint32_t *, uint32_t *))
{
	static uint32_t xs[1 << (2 * REF_MAX_ORDER)], ys[1 << (2 * REF_MAX_ORDER)];
	uint32_t x, y;
	uint64_t d;
	int order;

	for (order = 1; order <= REF_MAX_ORDER; order++) {
		ref(order, xs, ys);
		for (d = 0; d < 1ULL << (2 * order); d++) {
			curve_d2xy(type, order, d, &x, &y);
			CHECK_MSG(x == xs[d] && y == ys[d],
				  "%s order %d d %" PRIu64 ": got x %u y %u, reference x %u y %u",
				  curve_names[type], order, d, x, y, xs[d], ys[d]);
		}
	}
}

static void test_hilbert_is_the_reference_walk(void)
{
	CHECK_SUB(check_against_reference(CURVE_HILBERT, ref_hilbert));
}

static void test_linear_is_the_reference_walk(void)
{
	CHECK_SUB(check_against_reference(CURVE_LINEAR, ref_linear));
}

static void test_snake_is_the_reference_walk(void)
{
	CHECK_SUB(check_against_reference(CURVE_SNAKE, ref_snake));
}

static void test_every_pixel_once(void)
{
	enum curve_type type;
	uint8_t *seen;
	uint32_t x, y, w;
	uint64_t d, n;
	int order;

	for (type = CURVE_HILBERT; type <= CURVE_SNAKE; type++) {
		for (order = 1; order <= 10; order++) {
			w = 1U << order;
			n = (uint64_t)w * w;
			seen = calloc(n, 1);
			CHECK(seen);
			for (d = 0; d < n; d++) {
				curve_d2xy(type, order, d, &x, &y);
				if (x >= w || y >= w || seen[(uint64_t)y * w + x]) {
					free(seen);
					UNIT_FAIL("%s order %d d %" PRIu64 " gives x %u y %u: outside or seen before",
						  curve_names[type], order, d, x, y);
				}
				seen[(uint64_t)y * w + x] = 1;
			}
			free(seen);
		}
	}
}

static void test_neighbours(void)
{
	static const enum curve_type types[] = { CURVE_HILBERT, CURVE_SNAKE };
	uint32_t x, y, px, py, dist;
	uint64_t d;
	size_t t;
	int order;

	for (t = 0; t < 2; t++) {
		for (order = 1; order <= 10; order++) {
			curve_d2xy(types[t], order, 0, &px, &py);
			for (d = 1; d < 1ULL << (2 * order); d++) {
				curve_d2xy(types[t], order, d, &x, &y);
				dist = (x > px ? x - px : px - x) +
				       (y > py ? y - py : py - y);
				CHECK_MSG(dist == 1,
					  "%s order %d: d %" PRIu64 " is %u steps from d - 1",
					  curve_names[types[t]], order, d, dist);
				px = x;
				py = y;
			}
		}
	}
}

static void test_corners(void)
{
	uint32_t x, y, last;
	uint64_t end;
	int order;

	for (order = 1; order <= 15; order++) {
		last = (1U << order) - 1;
		end = (1ULL << (2 * order)) - 1;
		/* hilbert: bottom-left up to bottom-right */
		curve_d2xy(CURVE_HILBERT, order, 0, &x, &y);
		CHECK_MSG(x == 0 && y == last, "order %d: x %u y %u", order, x, y);
		curve_d2xy(CURVE_HILBERT, order, 1, &x, &y);
		CHECK_MSG((x == 0 && y == last - 1) || (x == 1 && y == last),
			  "order %d: x %u y %u", order, x, y);
		curve_d2xy(CURVE_HILBERT, order, end, &x, &y);
		CHECK_MSG(x == last && y == last, "order %d: x %u y %u", order,
			  x, y);
		/* linear and snake: top-left, right along the top row */
		curve_d2xy(CURVE_LINEAR, order, 0, &x, &y);
		CHECK(x == 0 && y == 0);
		curve_d2xy(CURVE_LINEAR, order, last, &x, &y);
		CHECK(x == last && y == 0);
		curve_d2xy(CURVE_LINEAR, order, last + 1, &x, &y);
		CHECK(x == 0 && y == 1);
		curve_d2xy(CURVE_SNAKE, order, last + 1, &x, &y);
		CHECK(x == last && y == 1);
		curve_d2xy(CURVE_SNAKE, order, end, &x, &y);
		CHECK(x == 0 && y == last);
	}
}

/* --- curve_rects(). --- */

struct cover {
	uint32_t width;
	uint16_t *hits;		/* per pixel, row major */
	int nr_rects;
	int bad_rect;
};

static int cover_rect(void *ctx, const struct curve_rect *r)
{
	struct cover *c = ctx;
	uint32_t x, y;

	/* a runaway split would never end */
	if (++c->nr_rects > 1000000)
		return -1;
	if (!r->w || !r->h || r->x >= c->width || r->y >= c->width ||
	    r->w > c->width - r->x || r->h > c->width - r->y) {
		c->bad_rect = 1;
		return 0;
	}
	for (y = r->y; y < r->y + r->h; y++)
		for (x = r->x; x < r->x + r->w; x++)
			c->hits[(size_t)y * c->width + x]++;
	return 0;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void check_run(enum curve_type type, int order, uint64_t start,
		      uint64_t count)
{
	uint32_t w = 1U << order, x, y;
	uint64_t n = (uint64_t)w * w, d;
	struct cover c = { .width = w };
	int ret, max_rects;

	c.hits = calloc(n, sizeof(*c.hits));
	CHECK(c.hits);
	ret = curve_rects(type, order, start, count, cover_rect, &c);
	/* Take the run's own pixels off; all else must be left at zero. */
	for (d = start; d < start + count; d++) {
		curve_d2xy(type, order, d, &x, &y);
		c.hits[(size_t)y * w + x]--;
	}
	for (d = 0; d < n; d++)
		if (c.hits[d])
			break;
	free(c.hits);
	CHECK_INT(ret, 0);
	CHECK_MSG(!c.bad_rect, "%s order %d run %" PRIu64 "+%" PRIu64 ": a rectangle outside the picture",
		  curve_names[type], order, start, count);
	CHECK_MSG(d == n, "%s order %d run %" PRIu64 "+%" PRIu64 ": pixel x %u y %u covered wrongly",
		  curve_names[type], order, start, count,
		  (uint32_t)(d % w), (uint32_t)(d / w));
	max_rects = type == CURVE_HILBERT ? 6 * order : 3;
	CHECK_MSG(c.nr_rects <= max_rects,
		  "%s order %d run %" PRIu64 "+%" PRIu64 ": %d rectangles",
		  curve_names[type], order, start, count, c.nr_rects);
}

static void test_rects_cover_runs(void)
{
	enum curve_type type;
	uint64_t n, start, count;
	int order, i;

	for (type = CURVE_HILBERT; type <= CURVE_SNAKE; type++) {
		for (order = 1; order <= 7; order++) {
			n = 1ULL << (2 * order);
			/* the whole picture, one pixel at each end, 2 pixels */
			CHECK_SUB(check_run(type, order, 0, n));
			CHECK_SUB(check_run(type, order, 0, 1));
			CHECK_SUB(check_run(type, order, n - 1, 1));
			CHECK_SUB(check_run(type, order, n / 2 - 1, 2));
			CHECK_SUB(check_run(type, order, 1, n - 2));
			for (i = 0; i < 200; i++) {
				start = rng() % n;
				count = 1 + rng() % (n - start);
				/* many short runs too */
				if (i & 1 && count > 40)
					count = 1 + count % 40;
				CHECK_SUB(check_run(type, order, start, count));
			}
		}
	}
}

static int stop_at_second(void *ctx, const struct curve_rect *r)
{
	int *calls = ctx;

	(void)r;
	return ++*calls == 2 ? 42 : 0;
}

static void test_rects_stop_on_callback_error(void)
{
	enum curve_type type;
	int calls, ret;

	for (type = CURVE_HILBERT; type <= CURVE_SNAKE; type++) {
		calls = 0;
		/* positions 1 .. 62 of an 8x8 picture: several rectangles */
		ret = curve_rects(type, 3, 1, 62, stop_at_second, &calls);
		CHECK_INT(ret, 42);
		CHECK_INT(calls, 2);
	}
}

/*
 * Each block of 16 by 16 pixels is one stretch of the curve, and its cells
 * are where curve_d2xy() puts those positions (which the tests above hold
 * to the reference's walk).
 */
static void test_blocks_are_stretches_of_the_curve(void)
{
	const struct curve_cell *cells;
	uint64_t d, first;
	uint32_t x, y;
	int order;

	for (order = CURVE_BLOCK_LOG; order <= 10; order++) {
		for (d = 0; d < 1ULL << (2 * order); d++) {
			curve_d2xy(CURVE_HILBERT, order, d, &x, &y);
			hilbert_block(order, x / CURVE_BLOCK_SIDE,
				      y / CURVE_BLOCK_SIDE, &first, &cells);
			if (d < first || d - first >= CURVE_BLOCK_CELLS) {
				CHECK_MSG(0, "order %d d %" PRIu64 ": block (%u, %u) starts at %" PRIu64,
					  order, d, x / CURVE_BLOCK_SIDE,
					  y / CURVE_BLOCK_SIDE, first);
				return;
			}
			CHECK_MSG(cells[d - first].x == x % CURVE_BLOCK_SIDE &&
				  cells[d - first].y == y % CURVE_BLOCK_SIDE,
				  "order %d d %" PRIu64 ": cell (%u, %u), pixel (%u, %u)",
				  order, d, cells[d - first].x,
				  cells[d - first].y, x, y);
		}
	}
}

int main(void)
{
	RUN_TEST(test_tables_follow_from_the_patterns);
	RUN_TEST(test_hilbert_is_the_reference_walk);
	RUN_TEST(test_linear_is_the_reference_walk);
	RUN_TEST(test_snake_is_the_reference_walk);
	RUN_TEST(test_every_pixel_once);
	RUN_TEST(test_neighbours);
	RUN_TEST(test_corners);
	RUN_TEST(test_rects_cover_runs);
	RUN_TEST(test_rects_stop_on_callback_error);
	RUN_TEST(test_blocks_are_stretches_of_the_curve);
	return UNIT_DONE("test-curve");
}
