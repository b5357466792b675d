// SPDX-License-Identifier: MIT
#include <stdbool.h>
#include <stddef.h>
#include "common/curve.h"

const char * const curve_names[] = { "hilbert", "linear", "snake", NULL };

/*
 * The reference draws its Hilbert curve by recursion over eight patterns of
 * four steps (Up, Right, Down, Left), each pattern splitting into four
 * patterns one level down.  The first three steps of a pattern trace the
 * order in which it visits the four quadrants of its square; the fourth
 * leaves the square.
 */
enum { U, R, D, L };
enum { URDR, RULU, URDD, LDRR, RULL, DLUU, LDRD, DLUL, NR_PATTERNS };

static const int pattern_steps[NR_PATTERNS][4] = {
	[URDR] = { U, R, D, R }, [RULU] = { R, U, L, U },
	[URDD] = { U, R, D, D }, [LDRR] = { L, D, R, R },
	[RULL] = { R, U, L, L }, [DLUU] = { D, L, U, U },
	[LDRD] = { L, D, R, D }, [DLUL] = { D, L, U, L },
};

static const int inception[NR_PATTERNS][4] = {
	[URDR] = { RULU, URDR, URDD, LDRR },
	[RULU] = { URDR, RULU, RULL, DLUU },
	[URDD] = { RULU, URDR, URDD, LDRD },
	[LDRR] = { DLUL, LDRD, LDRR, URDR },
	[RULL] = { URDR, RULU, RULL, DLUL },
	[DLUU] = { LDRD, DLUL, DLUU, RULU },
	[LDRD] = { DLUL, LDRD, LDRR, URDD },
	[DLUL] = { LDRD, DLUL, DLUU, RULL },
};

/* Quadrant (0 or 1 in x and y) that a pattern visits at each step. */
static uint8_t quad_x[NR_PATTERNS][4];
static uint8_t quad_y[NR_PATTERNS][4];

/*
 * Four levels at once, for speed: per pattern and eight bits of position,
 * the four bits of x and of y and the pattern four levels down.
 */
struct hilbert_step4 {
	uint8_t x;
	uint8_t y;
	uint8_t pattern;
};

static struct hilbert_step4 step4[NR_PATTERNS][256];
static bool quads_ready;

static void derive_step4(void)
{
	int p, b, level, digit, pattern, x, y;

	for (p = 0; p < NR_PATTERNS; p++) {
		for (b = 0; b < 256; b++) {
			pattern = p;
			x = y = 0;
			for (level = 3; level >= 0; level--) {
				digit = (b >> (2 * level)) & 3;
				x |= quad_x[pattern][digit] << level;
				y |= quad_y[pattern][digit] << level;
				pattern = inception[pattern][digit];
			}
			step4[p][b].x = (uint8_t)x;
			step4[p][b].y = (uint8_t)y;
			step4[p][b].pattern = (uint8_t)pattern;
		}
	}
}

static void derive_quadrants(void)
{
	static const int dx[] = { [U] = 0, [R] = 1, [D] = 0, [L] = -1 };
	static const int dy[] = { [U] = -1, [R] = 0, [D] = 1, [L] = 0 };
	int p, i, x, y, min_x, min_y, xs[4], ys[4];

	for (p = 0; p < NR_PATTERNS; p++) {
		x = y = min_x = min_y = 0;
		for (i = 0; i < 4; i++) {
			xs[i] = x;
			ys[i] = y;
			min_x = x < min_x ? x : min_x;
			min_y = y < min_y ? y : min_y;
			x += dx[pattern_steps[p][i]];
			y += dy[pattern_steps[p][i]];
		}
		for (i = 0; i < 4; i++) {
			quad_x[p][i] = (uint8_t)(xs[i] - min_x);
			quad_y[p][i] = (uint8_t)(ys[i] - min_y);
		}
	}
	derive_step4();
	quads_ready = true;
}

static void hilbert_d2xy(int order, uint64_t d, uint32_t *x, uint32_t *y)
{
	const struct hilbert_step4 *s;
	int level, digit, pattern = URDR;

	if (!quads_ready)
		derive_quadrants();
	*x = *y = 0;
	for (level = order; level >= 4; level -= 4) {
		s = &step4[pattern][(d >> (2 * (level - 4))) & 0xff];
		*x |= (uint32_t)s->x << (level - 4);
		*y |= (uint32_t)s->y << (level - 4);
		pattern = s->pattern;
	}
	for (; level >= 1; level--) {
		digit = (int)(d >> (2 * (level - 1))) & 3;
		*x |= (uint32_t)quad_x[pattern][digit] << (level - 1);
		*y |= (uint32_t)quad_y[pattern][digit] << (level - 1);
		pattern = inception[pattern][digit];
	}
}

void curve_d2xy(enum curve_type type, int order, uint64_t d, uint32_t *x,
		uint32_t *y)
{
	uint32_t width = 1U << order;

	switch (type) {
	case CURVE_HILBERT:
		hilbert_d2xy(order, d, x, y);
		return;
	case CURVE_LINEAR:
		*y = (uint32_t)(d >> order);
		*x = (uint32_t)(d & (width - 1));
		return;
	case CURVE_SNAKE:
		*y = (uint32_t)(d >> order);
		*x = (uint32_t)(d & (width - 1));
		if (*y & 1)
			*x = width - 1 - *x;
		return;
	}
}

/*
 * An aligned run of 4^k positions of the Hilbert curve fills an aligned
 * square of 2^k by 2^k pixels, so any run splits into such squares.
 */
static int hilbert_rects(int order, uint64_t start, uint64_t count,
			 int (*fn)(void *, const struct curve_rect *),
			 void *ctx)
{
	struct curve_rect rect;
	uint32_t x, y;
	int k, ret;

	while (count) {
		k = 0;
		while (k < order && !(start & ((4ULL << (2 * k)) - 1)) &&
		       (4ULL << (2 * k)) <= count)
			k++;
		hilbert_d2xy(order, start, &x, &y);
		rect.x = x & ~((1U << k) - 1);
		rect.y = y & ~((1U << k) - 1);
		rect.w = rect.h = 1U << k;
		ret = fn(ctx, &rect);
		if (ret)
			return ret;
		start += 1ULL << (2 * k);
		count -= 1ULL << (2 * k);
	}
	return 0;
}

/* Pixels [start, end) within one row of a linear or snake curve. */
static int row_rect(enum curve_type type, int order, uint64_t start,
		    uint64_t end, int (*fn)(void *, const struct curve_rect *),
		    void *ctx)
{
	uint32_t width = 1U << order;
	struct curve_rect rect;

	rect.y = (uint32_t)(start >> order);
	rect.h = 1;
	rect.x = (uint32_t)(start & (width - 1));
	rect.w = (uint32_t)(end - start);
	if (type == CURVE_SNAKE && (rect.y & 1))
		rect.x = width - rect.x - rect.w;
	return fn(ctx, &rect);
}

static int rows_rects(enum curve_type type, int order, uint64_t start,
		      uint64_t count,
		      int (*fn)(void *, const struct curve_rect *), void *ctx)
{
	uint64_t width = 1ULL << order, end = start + count, row_end;
	struct curve_rect rect;
	int ret;

	/* A partial first row. */
	if (start & (width - 1)) {
		row_end = (start | (width - 1)) + 1;
		if (row_end > end)
			row_end = end;
		ret = row_rect(type, order, start, row_end, fn, ctx);
		if (ret)
			return ret;
		start = row_end;
	}
	/* Whole rows are the same for both curves. */
	if (end - start >= width) {
		rect.x = 0;
		rect.w = (uint32_t)width;
		rect.y = (uint32_t)(start >> order);
		rect.h = (uint32_t)((end - start) >> order);
		ret = fn(ctx, &rect);
		if (ret)
			return ret;
		start += (uint64_t)rect.h << order;
	}
	if (start < end)
		return row_rect(type, order, start, end, fn, ctx);
	return 0;
}

int curve_rects(enum curve_type type, int order, uint64_t start,
		uint64_t count,
		int (*fn)(void *ctx, const struct curve_rect *rect), void *ctx)
{
	if (type == CURVE_HILBERT)
		return hilbert_rects(order, start, count, fn, ctx);
	return rows_rects(type, order, start, count, fn, ctx);
}
