// SPDX-License-Identifier: MIT
#include <stddef.h>
#include "common/draw/curve-tables.h"
#include "common/draw/curve.h"

const char * const curve_names[] = { "hilbert", "linear", "snake", NULL };

/* Four levels a step through step4, then the last levels one at a time. */
static void hilbert_d2xy(int order, uint64_t d, uint32_t *x, uint32_t *y)
{
	const struct curve_cell *s;
	int level, digit, pattern = URDR;

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

/*
 * Down from the top level to the block's, each level's quadrant of the
 * block is the digit of its positions there; the four levels below are
 * step4's.
 */
void hilbert_block(int order, uint32_t bx, uint32_t by, uint64_t *first,
		   const struct curve_cell **cells)
{
	uint32_t x = bx << CURVE_BLOCK_LOG, y = by << CURVE_BLOCK_LOG;
	int level, digit, pattern = URDR;
	uint8_t qx, qy;
	uint64_t d = 0;

	for (level = order; level > CURVE_BLOCK_LOG; level--) {
		qx = (uint8_t)((x >> (level - 1)) & 1);
		qy = (uint8_t)((y >> (level - 1)) & 1);
		for (digit = 0; digit < 3; digit++)
			if (quad_x[pattern][digit] == qx &&
			    quad_y[pattern][digit] == qy)
				break;
		d = d << 2 | (uint64_t)digit;
		pattern = inception[pattern][digit];
	}
	*first = d << (2 * CURVE_BLOCK_LOG);
	*cells = step4[pattern];
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
